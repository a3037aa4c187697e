//! src/soft_double.rs on its own, against the host's arithmetic: its fused multiply-add against
//! `f64::mul_add` (glibc's fma, correctly rounded), its sum, difference and product against `+`,
//! `-` and `*`, its conversion against `as f64`. The retry delay's power uses only some of what a
//! correctly rounded fma must get right, so its sweeps (retry.rs) cannot see a slip in the rest:
//! exact midpoints, sums that only the sticky bit of a far smaller product decides, cancellations
//! that leave nothing but a product's low half, subnormal and overflowing results. Those are
//! built here on purpose; random operands cover the ordinary cases.

#[allow(dead_code)] // the power uses some of the module's helpers, this test others
#[path = "../../src/soft_double.rs"]
mod soft_double;

use soft_double::F64;

/// A small deterministic generator (xorshift64*), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A finite double with a random sign and fraction and an exponent field in `fields`.
    fn double(&mut self, fields: std::ops::RangeInclusive<u64>) -> f64 {
        let field = fields.start() + self.below(fields.end() - fields.start() + 1);
        f64::from_bits(self.next() & (1 << 63 | ((1 << 52) - 1)) | field << 52)
    }
}

fn soft_fma(a: f64, b: f64, c: f64) -> f64 {
    f64::from_bits(F64(a.to_bits()).fma(F64(b.to_bits()), F64(c.to_bits())).0)
}

/// Collects the cases where the module and the host differ (bit for bit, zeros' signs included).
#[derive(Default)]
struct Mismatches {
    compared: u64,
    differ: u64,
    /// The first few, for the failure message.
    found: Vec<String>,
}

impl Mismatches {
    fn fma(&mut self, a: f64, b: f64, c: f64) {
        assert!(a.is_finite() && b.is_finite() && c.is_finite(), "operands must be finite");
        self.compare(format_args!("fma({a:e}, {b:e}, {c:e})"), soft_fma(a, b, c), a.mul_add(b, c));
    }

    fn compare(&mut self, what: std::fmt::Arguments, got: f64, want: f64) {
        self.compared += 1;
        if got.to_bits() == want.to_bits() {
            return;
        }
        self.differ += 1;
        if self.found.len() < 10 {
            self.found.push(format!(
                "{what} = {got:e} ({:#018x}), host {want:e} ({:#018x})",
                got.to_bits(),
                want.to_bits()
            ));
        }
    }

    fn assert_none(&self, what: &str) {
        assert!(
            self.differ == 0,
            "{what}: soft_double differs from the host in {} of {} cases, first:\n{}",
            self.differ,
            self.compared,
            self.found.join("\n")
        );
        println!("{what}: {} compared, 0 differ", self.compared);
    }
}

/// The neighbours of x, x itself and its negation: a constructed case and the cases next to it.
fn around(x: f64) -> [f64; 4] {
    [x, f64::from_bits(x.to_bits() + 1), f64::from_bits(x.to_bits().wrapping_sub(1)), -x]
}

#[test]
fn fma_agrees_with_the_host_on_random_operands() {
    let mut rng = Rng(0x5eed_0001);
    let mut m = Mismatches::default();
    for _ in 0..100_000 {
        // Any exponents (subnormal to huge), and c near a * b so that they overlap or cancel.
        let (a, b) = (rng.double(0..=0x7fe), rng.double(0..=0x7fe));
        m.fma(a, b, rng.double(0..=0x7fe));
        let (a, b) = (rng.double(0x300..=0x4ff), rng.double(0x300..=0x4ff));
        let field =
            (((a * b).abs().to_bits() >> 52) as i64 + rng.below(240) as i64 - 120).clamp(0, 0x7fe) as u64;
        m.fma(a, b, rng.double(field..=field));
    }
    m.assert_none("random fma");
}

#[test]
fn fma_keeps_a_products_low_half() {
    // c = -(a * b rounded): the exact result is the product's rounding error, so every bit of the
    // 106-bit product must survive the alignment.
    let mut rng = Rng(0x5eed_0002);
    let mut m = Mismatches::default();
    for _ in 0..50_000 {
        let (a, b) = (rng.double(0x200..=0x5ff), rng.double(0x200..=0x5ff));
        for c in around(-(a * b)) {
            m.fma(a, b, c);
        }
    }
    m.assert_none("product minus its rounding");
}

#[test]
fn fma_rounds_exact_midpoints_to_even() {
    // c = s * ulp/2 - (a * b - hi): a * b + c is exactly the midpoint next to hi = a * b rounded,
    // or next to it (around); ties go to the even neighbour.
    let mut rng = Rng(0x5eed_0003);
    let mut m = Mismatches::default();
    for _ in 0..50_000 {
        let (a, b) = (rng.double(0x200..=0x5ff), rng.double(0x200..=0x5ff));
        let hi = a * b;
        let error = a.mul_add(b, -hi);
        let half_ulp = (f64::from_bits(hi.abs().to_bits() + 1) - hi.abs()) / 2.0;
        for s in [half_ulp, -half_ulp] {
            for c in around(s - error) {
                m.fma(a, b, c);
            }
        }
    }
    m.assert_none("midpoints");
}

#[test]
fn fma_lets_a_far_smaller_addend_break_a_tie() {
    // a * b with 54 or 55 significant bits (a = 3, 5 or 7 times a power of two, b odd): often
    // exactly a midpoint, which c decides however far below it lies, down to c beyond the whole
    // 128-bit alignment.
    let mut rng = Rng(0x5eed_0004);
    let mut m = Mismatches::default();
    for _ in 0..5_000 {
        let a = [3.0, 5.0, 7.0][rng.below(3) as usize] * 2f64.powi(rng.below(200) as i32 - 100);
        let b = f64::from_bits(rng.double(0x300..=0x4ff).to_bits() | 1);
        for below in [1, 30, 60, 100, 127, 128, 129, 200] {
            let tiny = (a * b).abs() * 2f64.powi(-55 - below);
            for c in [0.0, -0.0, tiny, -tiny] {
                m.fma(a, b, c);
            }
        }
    }
    m.assert_none("far smaller addend");
}

/// Pairs A, B of 53-bit significands with A * B = 2^105 + r: r in (0, 2^33) and (2^33, 2^34)
/// (found by a search over random A, B = ceil(2^105 / A)), and r = -2t^2 from A = 2^52 + t,
/// B = 2^53 - 2t. Scaled to a * b = 2^-53 (1 + r 2^-105) and added to c = 1 + k 2^-52, the sum
/// lies within 2^-72 of a midpoint of c's neighbours, on the side only bits far below the
/// addend's last place decide: what the sticky bit of the alignment carries.
const NEAR_POWER_OF_TWO: [(u64, u64, i128); 11] = [
    (0x128e917df9bbc7, 0x1b973eef97fea4, 1),
    (0x1032681f8f5ee2, 0x1f9c697f4a2f00, 1),
    (0x1bab4ee1709105, 0x12811cf6b204ba, 1),
    (0x16f4645c03f542, 0x164e0a2c3f8df9, 1),
    (0x165f5bd04a8fcb, 0x16e29f59788762, 2),
    (0x1a9754ee7cd9e3, 0x13412921adf797, 2),
    (0x17b9199b710960, 0x1595175e0aaaf3, 2),
    (0x1649ee6298dfc0, 0x16f89f918e8e7b, 2),
    ((1 << 52) + 1, (1 << 53) - 2, -1),
    ((1 << 52) + 0x1234, (1 << 53) - 0x2468, -1),
    ((1 << 52) + 0xb504, (1 << 53) - 0x16a08, -1),
];

#[test]
fn fma_lets_a_far_smaller_product_break_a_tie() {
    let mut m = Mismatches::default();
    for (big_a, big_b, kind) in NEAR_POWER_OF_TWO {
        let r = i128::from(big_a) * i128::from(big_b) - (1 << 105);
        let in_range = match kind {
            1 => 0 < r && r < 1 << 33,
            2 => 1 << 33 < r && r < 1 << 34,
            _ => -(1 << 34) < r && r < 0,
        };
        assert!(in_range, "{big_a:#x} * {big_b:#x} - 2^105 = {r} is not the case it is listed as");
        let a = big_a as f64 / (1u64 << 52) as f64;
        let b = big_b as f64 / (1u64 << 53) as f64 / (1u64 << 53) as f64;
        for k in [0u64, 1, 2, 3, (1 << 52) - 1] {
            let c = 1.0 + k as f64 / (1u64 << 52) as f64;
            // The same sums scaled by 2^e: near the subnormal range, ordinary, near overflow.
            for e in [-1000, -100, 0, 100, 1000] {
                let scale = 2f64.powi(e);
                for (x, y, z) in [(a, b, c), (-a, b, c), (a, b, -c), (-a, -b, -c)] {
                    m.fma(x * scale, y, z * scale);
                }
            }
        }
    }
    m.assert_none("sticky ties");
}

#[test]
fn fma_handles_zeros_subnormals_and_overflow() {
    let mut m = Mismatches::default();
    let specials = [0.0, -0.0, f64::MIN_POSITIVE, 5e-324, 1e-310, 1.0, 1.5, f64::MAX, 1e300, 1e-300];
    for a in specials.iter().flat_map(|&x| [x, -x]) {
        for b in specials.iter().flat_map(|&x| [x, -x]) {
            for c in specials.iter().flat_map(|&x| [x, -x]) {
                m.fma(a, b, c);
            }
        }
    }
    // A product just above, at and below a quarter of the smallest subnormal, alone or with a
    // tiny c: the rounding of a value wholly below the last place.
    for b in [-78, -77, -76, -75, -74].map(|e| 2f64.powi(e)).into_iter().flat_map(around) {
        for c in [0.0, -0.0, 5e-324, -5e-324, 1e-323] {
            m.fma(5e-324, b, c);
            m.fma(1e-323, b, c);
        }
    }
    let mut rng = Rng(0x5eed_0005);
    for _ in 0..20_000 {
        // Products landing in the subnormal range or beyond the largest double.
        let (a, b) = (rng.double(0x1f0..=0x210), rng.double(0x1c0..=0x200));
        m.fma(a, b, rng.double(0..=3));
        let (a, b) = (rng.double(0x5f0..=0x610), rng.double(0x5f0..=0x610));
        m.fma(a, b, rng.double(0x7f0..=0x7fe));
    }
    m.assert_none("zeros, subnormals, overflow");
}

#[test]
fn add_sub_mul_neg_agree_with_the_host() {
    let mut rng = Rng(0x5eed_0006);
    let mut m = Mismatches::default();
    for _ in 0..50_000 {
        let x = rng.double(0..=0x7fe);
        let field = ((x.to_bits() >> 52) & 0x7ff) + rng.below(120);
        let y = rng.double(field.saturating_sub(60).min(0x7fe)..=field.saturating_sub(60).min(0x7fe));
        let (sx, sy) = (F64(x.to_bits()), F64(y.to_bits()));
        m.compare(format_args!("{x:e} + {y:e}"), f64::from_bits(sx.add(sy).0), x + y);
        m.compare(format_args!("{x:e} - {y:e}"), f64::from_bits(sx.sub(sy).0), x - y);
        m.compare(format_args!("{x:e} * {y:e}"), f64::from_bits(sx.mul(sy).0), x * y);
        m.compare(format_args!("-{x:e}"), f64::from_bits(sx.neg().0), -x);
    }
    for x in [0.0, -0.0, 1.0] {
        for y in [0.0, -0.0, 1.0, -1.0] {
            let (sx, sy) = (F64(f64::to_bits(x)), F64(f64::to_bits(y)));
            m.compare(format_args!("{x:e} + {y:e}"), f64::from_bits(sx.add(sy).0), x + y);
            m.compare(format_args!("{x:e} - {y:e}"), f64::from_bits(sx.sub(sy).0), x - y);
            m.compare(format_args!("{x:e} * {y:e}"), f64::from_bits(sx.mul(sy).0), x * y);
        }
    }
    m.assert_none("add, sub, mul, neg");
}

#[test]
fn conversions_agree_with_the_host() {
    let mut rng = Rng(0x5eed_0007);
    let mut m = Mismatches::default();
    let edges = [0, 1, -1, i64::MAX, i64::MIN, (1 << 53) + 1, (1 << 53) + 3, -(1 << 53) - 1, (1 << 54) + 2];
    let randoms = (0..50_000).map(|_| (rng.next() as i64) >> rng.below(64));
    for v in edges.into_iter().chain(randoms) {
        m.compare(format_args!("(double){v}"), f64::from_bits(F64::from_i64(v).0), v as f64);
    }
    m.assert_none("from_i64");

    // trunc_to_i64: C's truncation where it is defined for a non-negative value (finite, below
    // 2^63), None elsewhere, and None for anything with the sign bit set.
    let two_63 = 9_223_372_036_854_775_808.0_f64;
    let mut values = vec![0.0, -0.0, 0.5, 1.0, 1.5, 5e-324, two_63, f64::from_bits(two_63.to_bits() - 1)];
    values.extend([
        f64::INFINITY,
        f64::NAN,
        -1.0,
        4503599627370495.5,
        4503599627370496.0,
        9007199254740993.0,
    ]);
    values.extend((0..50_000).map(|_| rng.double(0..=0x440)));
    for x in values {
        let want = (x.is_finite() && x.is_sign_positive() && x < two_63).then_some(x as i64);
        let got = F64(x.to_bits()).trunc_to_i64();
        assert_eq!(got, want, "trunc_to_i64({x:e} = {:#018x})", x.to_bits());
    }
}
