//! PyTorch's float arithmetic on timeouts, redone in integers from the bits, so that the results
//! are those of the default floating-point environment (round to nearest, ties to even, no
//! flushing) whatever environment the caller runs in: a process with denormals-are-zero (any
//! object built with -ffast-math sets it), or another rounding mode, gets the same answers.

use core::num::NonZeroU64;

/// A float read from its bits.
#[derive(Clone, Copy)]
pub(crate) enum Float {
    Nan,
    Infinite {
        negative: bool,
    },
    /// `(-1)^negative * significand * 2^exponent`; significand 0 for either zero.
    Finite {
        negative: bool,
        significand: u64,
        exponent: i32,
    },
}

pub(crate) fn classify(x: f32) -> Float {
    let bits = x.to_bits();
    let negative = bits >> 31 != 0;
    let biased = ((bits >> 23) & 0xff) as i32;
    let fraction = u64::from(bits & 0x7f_ffff);
    match biased {
        0xff if fraction != 0 => Float::Nan,
        0xff => Float::Infinite { negative },
        0 => Float::Finite { negative, significand: fraction, exponent: -149 },
        _ => Float::Finite { negative, significand: fraction | 1 << 23, exponent: biased - 150 },
    }
}

fn bit_length(x: u64) -> i32 {
    64 - x.leading_zeros() as i32
}

/// `value * 2^exponent` rounded to 24 significant bits, ties to even (`sticky`: a nonzero part
/// already shifted out below `value`). Returns the rounded significand (< 2^24) and exponent.
fn round_to_float(mut value: u64, mut exponent: i32, sticky: bool) -> (u64, i32) {
    let extra = bit_length(value) - 24;
    if extra > 0 {
        let rest = value & ((1 << extra) - 1);
        let half = 1 << (extra - 1);
        value >>= extra;
        exponent += extra;
        if rest > half || (rest == half && (sticky || value & 1 == 1)) {
            value += 1;
            if value == 1 << 24 {
                value >>= 1;
                exponent += 1;
            }
        }
    }
    (value, exponent)
}

/// The magnitude of `x * factor` as float arithmetic gives it (rounded to the nearest float),
/// then truncated toward zero: None when that float product is infinite or at least 2^64.
/// Results below 2^-126 (subnormal) round differently in float, but truncate to 0 either way.
pub(crate) fn truncated_product(significand: u64, exponent: i32, factor: u64) -> Option<u64> {
    if significand == 0 {
        return Some(0);
    }
    // Exact: a 24-bit significand times a factor under 2^40.
    let (value, exponent) = round_to_float(significand * factor, exponent, false);
    // A product that overflows float (infinity, from 2^128 on) is far past 2^64: the bit-length
    // test below returns None for it too, so it needs no test of its own.
    if exponent >= 0 {
        (bit_length(value) + exponent <= 64).then(|| value << exponent)
    } else if exponent > -64 {
        Some(value >> -exponent)
    } else {
        Some(0)
    }
}

/// `(float)ms / divisor` as float arithmetic gives it: the integer rounded to the nearest float,
/// then the quotient rounded to the nearest float. `divisor` must be under 2^20.
pub(crate) fn int_over(ms: i64, divisor: NonZeroU64) -> f32 {
    if ms == 0 {
        return 0.0;
    }
    let (significand, exponent) = round_to_float(ms.unsigned_abs(), 0, false);
    // significand in [2^23, 2^24) unless |ms| < 2^23; scale it up to 64 bits for the division.
    let shift = 64 - bit_length(significand);
    let numerator = significand << shift;
    let (quotient, remainder) = (numerator / divisor, numerator % divisor);
    let (q, e) = round_to_float(quotient, exponent - shift, remainder != 0);
    // |ms| / divisor lies between 2^-20 and 2^64: always a normal float.
    let biased = (e + 150) as u32;
    let bits = (biased << 23) | (q as u32 & 0x7f_ffff);
    f32::from_bits(bits | (u32::from(ms < 0) << 31))
}

/// `(float)x` as the default environment converts it (rounded to the nearest float, ties to
/// even, infinite from 2^128 on, NaN kept), except that a magnitude below 2^-126 (a subnormal
/// float) gives a zero of the same sign: the callers multiply by 1000 and truncate, which gives 0
/// for both.
pub(crate) fn double_to_float(x: f64) -> f32 {
    let bits = x.to_bits();
    let sign = ((bits >> 32) as u32) & 1 << 31;
    let biased = ((bits >> 52) & 0x7ff) as i32 - 1023 + 127;
    if biased == 0x7ff - 1023 + 127 {
        // NaN (any nonzero fraction) or an infinity.
        return f32::from_bits(sign | 0x7f80_0000 | u32::from(bits << 12 != 0) << 22);
    }
    if biased < 1 {
        return f32::from_bits(sign);
    }
    // 52 fraction bits to 23, rounded to nearest even; a carry moves into the exponent, up to
    // infinity's bit pattern.
    let fraction = bits & ((1 << 52) - 1);
    let (kept, rest) = (fraction >> 29, fraction & ((1 << 29) - 1));
    let rounded =
        ((biased as u64) << 23 | kept) + u64::from(rest > 1 << 28 || (rest == 1 << 28 && kept & 1 == 1));
    f32::from_bits(sign | rounded.min(0x7f80_0000) as u32)
}

/// Python's `format(x, ".2f")` for a finite double of magnitude under 2^22 (the callers' range):
/// the sign (set for -0.0 too) and the exact binary value in hundredths, rounded to nearest, ties
/// to even. Larger magnitudes give a meaningless count (the callers never pass them).
pub(crate) fn hundredths(x: f64) -> (bool, u64) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as u32;
    let significand = (bits & ((1 << 52) - 1)) | u64::from(biased != 0) << 52;
    // x = significand * 2^-k; x * 100 = n * 2^-k with n < 2^60.
    let (n, k) = (significand * 100, 1075u32.saturating_sub(biased.max(1)));
    let q = if k >= 64 {
        0 // below 2^-4: under half a hundredth
    } else {
        let (kept, rest, half) = (n >> k, n & ((1 << k) - 1), 1u64 << k >> 1);
        kept + u64::from(rest > half || (rest == half && kept & 1 == 1))
    };
    (bits >> 63 != 0, q)
}
