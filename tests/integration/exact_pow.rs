//! The tests' oracle of the retry delay: the correctly rounded `pow((double)b, n)` for a float
//! b >= 1 and n >= 0. Independent of the library's own method (128-bit squaring rounded to
//! nearest): the power is bracketed between a lower and an upper bound carried with 256-bit
//! significands (rounded down and up at every step), and rounding both to the nearest double must
//! give the same double, or there is no verdict.

/// `limbs * 2^exp`, little-endian limbs, the top bit of `limbs[3]` set.
#[derive(Clone, Copy)]
struct Big {
    limbs: [u64; 4],
    exp: i64,
}

const ONE: Big = Big { limbs: [0, 0, 0, 1 << 63], exp: -255 };

fn mul(a: &Big, b: &Big, up: bool) -> Big {
    let mut p = [0u64; 8];
    for i in 0..4 {
        let mut carry = 0u128;
        for j in 0..4 {
            let t = u128::from(p[i + j]) + u128::from(a.limbs[i]) * u128::from(b.limbs[j]) + carry;
            p[i + j] = t as u64;
            carry = t >> 64;
        }
        p[i + 4] = carry as u64;
    }
    let mut exp = a.exp + b.exp + 256;
    if p[7] >> 63 == 0 {
        for k in (1..8).rev() {
            p[k] = (p[k] << 1) | (p[k - 1] >> 63);
        }
        p[0] <<= 1;
        exp -= 1;
    }
    let mut limbs = [p[4], p[5], p[6], p[7]];
    if up && p[..4].iter().any(|&l| l != 0) {
        let mut k = 0;
        loop {
            let (v, over) = limbs[k].overflowing_add(1);
            limbs[k] = v;
            if !over {
                break;
            }
            k += 1;
            if k == 4 {
                return Big { limbs: ONE.limbs, exp: exp + 1 };
            }
        }
    }
    Big { limbs, exp }
}

/// The bound of b^n, rounded down or up; None above 2^1100 (the double is +inf either way).
fn power(b: f32, n: u32, up: bool) -> Option<Big> {
    let bits = b.to_bits();
    let (m, e) = (u64::from(bits & 0x7f_ffff) | 1 << 23, i64::from((bits >> 23) & 0xff) - 150);
    let base0 = Big { limbs: [0, 0, 0, m << 40], exp: e - 40 - 192 };
    let (mut result, mut base, mut count) = (ONE, base0, n);
    while count != 0 {
        if count & 1 == 1 {
            result = mul(&result, &base, up);
        }
        count >>= 1;
        if result.exp + 256 > 1100 || (count != 0 && base.exp + 256 > 1100) {
            return None;
        }
        if count != 0 {
            base = mul(&base, &base, up);
        }
    }
    Some(result)
}

/// The nearest double (ties to even) of a bound.
fn nearest(x: &Big) -> f64 {
    let top = x.limbs[3];
    let q = top >> 11; // 53 bits
    let half = 1u64 << 10;
    let rest = top & ((1 << 11) - 1);
    let sticky = x.limbs[..3].iter().any(|&l| l != 0);
    let q = if rest > half || (rest == half && (sticky || q & 1 == 1)) { q + 1 } else { q };
    let e = x.exp + 192 + 11;
    // q * 2^e, q <= 2^53: exact, or +inf.
    let mut value = q as f64;
    let mut e = e;
    while e > 0 {
        let step = e.min(512);
        value *= f64::from_bits(((step + 1023) as u64) << 52);
        e -= step;
    }
    while e < 0 {
        let step = (-e).min(512);
        value *= f64::from_bits(((1023 - step) as u64) << 52);
        e += step;
    }
    value
}

/// RN(b^n) as a double for a finite b >= 1, or None when the bounds do not decide it.
pub fn correctly_rounded_pow(b: f32, n: u32) -> Option<f64> {
    assert!(b.is_finite() && b >= 1.0, "{b} is not a finite backoff >= 1");
    match (power(b, n, false), power(b, n, true)) {
        (None, None) => Some(f64::INFINITY),
        (Some(lo), Some(hi)) => {
            let (lo, hi) = (nearest(&lo), nearest(&hi));
            (lo.to_bits() == hi.to_bits()).then_some(lo)
        }
        _ => None,
    }
}

/// computeNewRpcRetryTime with the correctly rounded pow, for a duration >= 0, a backoff >= 1
/// (+inf included) and a count >= 0: Some(ms), or None where duration_cast is undefined (not
/// finite, or 2^63 ms or more). Panics when the bounds give no verdict: no such input is known,
/// so one would be a finding worth a test of its own.
pub fn delay_with_correct_pow(duration_ms: i64, b: f32, n: i32) -> Option<i64> {
    let n = u32::try_from(n).expect("a count >= 0");
    let p = if n == 0 {
        1.0 // pow(x, 0) is 1 for every x, +inf included
    } else if b == f32::INFINITY {
        f64::INFINITY
    } else {
        correctly_rounded_pow(b, n).unwrap_or_else(|| panic!("no verdict for pow({b:e}, {n})"))
    };
    let x = duration_ms as f64 * p;
    (x.is_finite() && x < 9_223_372_036_854_775_808.0).then_some(x as i64)
}

#[test]
fn the_exact_power_is_exact_where_it_can_be_checked() {
    // Exact cases, and glibc's pow where it is correctly rounded (nearly everywhere).
    assert_eq!(correctly_rounded_pow(1.5, 3), Some(3.375));
    assert_eq!(correctly_rounded_pow(2.0, 1023), Some(2f64.powi(1023)));
    assert_eq!(correctly_rounded_pow(2.0, 1024), Some(f64::INFINITY));
    assert_eq!(correctly_rounded_pow(1.0, u32::MAX), Some(1.0));
    assert_eq!(correctly_rounded_pow(3.0, 33), Some(5559060566555523.0)); // 3^33 < 2^53
                                                                          // 3^34 rounded (ties: none)
    assert_eq!(correctly_rounded_pow(3.0, 34), Some(16677181699666568.0));
    // A case a property test once found: glibc's pow is one below the correctly rounded value.
    let b = 1.0008285f32;
    assert_eq!(correctly_rounded_pow(b, 29), Some(1.024307408025998));
}
