//! IEEE 754 binary64 arithmetic done in integers, rounded to nearest with ties to even: the
//! result is that of the default floating-point environment whatever the caller has set
//! (rounding mode, flush-to-zero, x87 precision). Everything is one fused multiply-add, rounded
//! once; a sum, a difference and a product are fused multiply-adds with 1, -1 or -0.0.

/// A double, as its bits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct F64(pub(crate) u64);

const SIGN: u64 = 1 << 63;
const FRACTION: u64 = (1 << 52) - 1;
/// The exponent of a subnormal's last place, 2^-1074.
const MIN_QUANTUM: i32 = -1074;
/// What an operation on an infinity or a NaN gives; none of this crate's callers makes one.
const NAN: F64 = F64(0x7ff8_0000_0000_0000);

pub(crate) const ONE: F64 = F64(0x3ff0_0000_0000_0000);
pub(crate) const MINUS_ONE: F64 = F64(0xbff0_0000_0000_0000);
const MINUS_ZERO: F64 = F64(SIGN);

/// A finite value, (-1)^negative * significand * 2^exponent.
#[derive(Clone, Copy)]
struct Exact {
    negative: bool,
    significand: u128,
    exponent: i32,
}

/// None for an infinity or a NaN.
fn unpack(x: F64) -> Option<Exact> {
    let field = ((x.0 >> 52) & 0x7ff) as i32;
    let fraction = u128::from(x.0 & FRACTION);
    let (significand, exponent) = match field {
        0x7ff => return None,
        0 => (fraction, MIN_QUANTUM),
        _ => (fraction | 1 << 52, field - 1075),
    };
    Some(Exact { negative: x.0 & SIGN != 0, significand, exponent })
}

/// `significand * 2^exponent` (significand > 0) rounded to a double, ties to even. The lowest
/// bit of `significand` may be a sticky bit standing for bits shifted out below it; callers keep
/// at least two bits between it and the last place, so it can only break ties.
fn round(negative: bool, significand: u128, exponent: i32) -> F64 {
    let top = 127 - significand.leading_zeros() as i32 + exponent;
    let mut quantum = (top - 52).max(MIN_QUANTUM);
    let shift = quantum - exponent;
    let (kept, up) = if shift <= 0 {
        (significand << -shift, false) // exact: fewer than 53 bits
    } else if shift >= 128 {
        // Below half of 2^quantum, as significand < 2^127 (a sum of two values below 2^126).
        (0, false)
    } else {
        let (kept, rest, half) = (significand >> shift, significand & ((1 << shift) - 1), 1 << (shift - 1));
        (kept, rest > half || (rest == half && kept & 1 == 1))
    };
    let mut kept = kept + u128::from(up);
    if kept >> 53 != 0 {
        kept >>= 1;
        quantum += 1;
    }
    let sign = if negative { SIGN } else { 0 };
    if kept >> 52 == 0 {
        return F64(sign | kept as u64); // subnormal or zero: the exponent field is 0
    }
    let field = quantum + 1075;
    if field >= 0x7ff {
        return F64(sign | 0x7ff << 52);
    }
    F64(sign | (field as u64) << 52 | (kept as u64 & FRACTION))
}

/// Shifted right by `by`, bits shifted out kept as a sticky lowest bit.
fn shift_sticky(value: u128, by: u32) -> u128 {
    if by >= 128 {
        u128::from(value != 0)
    } else {
        (value >> by) | u128::from(value & ((1 << by) - 1) != 0)
    }
}

/// Normalised so that the top bit is bit 125: two such values add without overflow.
fn normalise(x: Exact) -> Exact {
    let shift = x.significand.leading_zeros() as i32 - 2;
    Exact { significand: x.significand << shift, exponent: x.exponent - shift, ..x }
}

impl F64 {
    /// `self * b + c`, rounded once (C's fma).
    pub(crate) fn fma(self, b: F64, c: F64) -> F64 {
        let (Some(x), Some(y), Some(z)) = (unpack(self), unpack(b), unpack(c)) else {
            return NAN;
        };
        let product = Exact {
            negative: x.negative ^ y.negative,
            significand: x.significand * y.significand,
            exponent: x.exponent + y.exponent,
        };
        if product.significand == 0 {
            // 0 + c is c; the sum of two zeros is -0 only if both are.
            return if z.significand != 0 { c } else { F64(u64::from(product.negative && z.negative) << 63) };
        }
        if z.significand == 0 {
            return round(product.negative, product.significand, product.exponent);
        }
        let (p, q) = (normalise(product), normalise(z));
        let (big, small) = if p.exponent >= q.exponent { (p, q) } else { (q, p) };
        // A shift of 2 or more leaves the sum above 2^124 and the sticky bit 70 bits below its
        // last place; a shift of 0 or 1 loses nothing (the low 20 bits of either are 0).
        let small_bits = shift_sticky(small.significand, (big.exponent - small.exponent) as u32);
        let (negative, significand) = if big.negative == small.negative {
            (big.negative, big.significand + small_bits)
        } else if big.significand >= small_bits {
            (big.negative, big.significand - small_bits)
        } else {
            (small.negative, small_bits - big.significand)
        };
        if significand == 0 {
            return F64(0); // x - x is +0 when rounding to nearest
        }
        round(negative, significand, big.exponent)
    }

    pub(crate) fn add(self, b: F64) -> F64 {
        self.fma(ONE, b)
    }

    pub(crate) fn sub(self, b: F64) -> F64 {
        b.fma(MINUS_ONE, self)
    }

    /// x * y + (-0.0) is x * y for every x and y, signed zeros included.
    pub(crate) fn mul(self, b: F64) -> F64 {
        self.fma(b, MINUS_ZERO)
    }

    pub(crate) fn neg(self) -> F64 {
        F64(self.0 ^ SIGN)
    }

    /// `(double)value`, rounded to nearest.
    pub(crate) fn from_i64(value: i64) -> F64 {
        match value {
            0 => F64(0),
            _ => round(value < 0, u128::from(value.unsigned_abs()), 0),
        }
    }

    /// The value truncated toward zero, as duration_cast<milliseconds> does for a non-negative
    /// count; None where that is undefined: not finite, or 2^63 or more. (Negative values, which
    /// no caller has, give None too.)
    pub(crate) fn trunc_to_i64(self) -> Option<i64> {
        let x = unpack(self).filter(|x| !x.negative)?;
        if x.significand == 0 || x.exponent < 0 {
            return Some(x.significand.checked_shr(x.exponent.unsigned_abs()).unwrap_or(0) as i64);
        }
        // From here the value is an integer with its top bit at bit `top`.
        let top = 127 - x.significand.leading_zeros() as i32 + x.exponent;
        (top < 63).then(|| (x.significand << x.exponent) as i64)
    }
}
