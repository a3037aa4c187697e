//! glibc's `pow(x, y)` (sysdeps/ieee754/dbl-64/e_pow.c, since glibc 2.28) as it runs on hardware
//! with fused multiply-add: x86-64 with FMA and AVX2 (ifunc `__pow_fma`), aarch64, riscv64 and
//! the rest. Its last bit is not always the correctly rounded one, and it depends on where the
//! compiler fused a multiply and an add, so this follows, operation for operation, the
//! instructions of Debian 12's glibc 2.36 `__ieee754_pow_fma` (its aarch64 and riscv64 builds give
//! the same results on every float backoff in [1, 4] and counts 0 to 16). Each operation is
//! rounded in integers (soft_double), so the caller's floating-point environment does not matter.
//!
//! Only what `pow((double)backoff, count)` reaches is here: x a finite double >= 1 and y a whole
//! number from 1 to 2^31 - 1. There `pow` takes its main path (no special case for x or y), and
//! log(x) * y lies in [0, 1.5e12), so its exp is 1 (x = 1), in range, or +inf.

use crate::pow_tables::*;
use crate::soft_double::{F64, MINUS_ONE, ONE};

/// The log table is indexed from this z, so that z = x / 2^k lies in [OFF, 2 OFF).
const OFF: u64 = 0x3fe6_9555_0000_0000;
/// 2^1009: exp's result for a large argument is scaled down by it and back up.
const TWO_TO_1009: F64 = F64(0x7f00_0000_0000_0000);

fn c(bits: u64) -> F64 {
    F64(bits)
}

/// log(x) as hi + lo (log_inline).
fn log(ix: u64) -> (F64, F64) {
    let tmp = ix.wrapping_sub(OFF);
    let i = ((tmp >> 45) % 128) as usize;
    let k = (tmp as i64) >> 52;
    let z = F64(ix.wrapping_sub(tmp & 0xfff << 52));
    let kd = F64::from_i64(k);
    let [invc, logc, logctail] = LOG_TABLE[i].map(c);
    let a = LOG_POLY.map(c);
    let r = z.fma(invc, MINUS_ONE);
    let t1 = kd.fma(c(LN2_HI), logc);
    let t2 = t1.add(r);
    let lo1 = kd.fma(c(LN2_LO), logctail);
    let lo2 = t1.sub(t2).add(r);
    let ar = r.mul(a[0]);
    let ar2 = r.mul(ar);
    let ar3 = r.mul(ar2);
    let hi = t2.add(ar2);
    let lo3 = ar.fma(r, ar2.neg());
    let lo4 = t2.sub(hi).add(ar2);
    // p = ar3 * (A1 + r A2 + ar2 (A3 + r A4 + ar2 (A5 + r A6))), each `+ r *` and `+ ar2 *`
    // fused, and the last product fused into the sum of the low parts.
    let inner = ar2.fma(r.fma(a[6], a[5]), r.fma(a[4], a[3]));
    let poly = ar2.fma(inner, r.fma(a[2], a[1]));
    let lo = ar3.fma(poly, lo1.add(lo2).add(lo3).add(lo4));
    let y = hi.add(lo);
    (y, hi.sub(y).add(lo))
}

/// exp(x + tail) for 0 <= x (exp_inline); None for +inf.
fn exp(x: F64, tail: F64) -> Option<F64> {
    let abstop = ((x.0 >> 52) & 0x7ff) as u32;
    let large = abstop.wrapping_sub(0x3c9) >= 0x3f;
    if large && abstop < 0x3c9 {
        return Some(ONE); // |x| < 2^-54: 1 + x, and here x is 0 (x = 1 is the only such base)
    }
    if large && abstop >= 0x409 {
        return None; // x >= 1024: overflow
    }
    let shifted = x.fma(c(INV_LN2_N), c(SHIFT));
    let ki = shifted.0;
    let kd = shifted.sub(c(SHIFT));
    let r = tail.add(kd.fma(c(NEG_LN2_LO_N), kd.fma(c(NEG_LN2_HI_N), x)));
    let idx = 2 * (ki % 128) as usize;
    let scale_tail = c(EXP_TABLE[idx]);
    let sbits = EXP_TABLE[idx + 1].wrapping_add(ki << 45);
    let [c2, c3, c4, c5] = EXP_POLY.map(c);
    let r2 = r.mul(r);
    let sum = c3.fma(r, c2).fma(r2, r.add(scale_tail));
    let tmp = r.fma(c5, c4).fma(r2.mul(r2), sum);
    if large {
        // 512 <= x < 1024 (specialcase, k > 0): the scale's exponent may overflow, so it is
        // lowered by 1009 and the result raised by it; the product may be +inf.
        let scale = F64(sbits.wrapping_sub(1009 << 52));
        let y = scale.fma(tmp, scale).mul(TWO_TO_1009);
        return (y.0 != 0x7ff0_0000_0000_0000).then_some(y);
    }
    let scale = F64(sbits);
    Some(scale.fma(tmp, scale))
}

/// `pow(x, count)` for a finite x >= 1 given as its bits; None when it is +inf.
pub(crate) fn pow(x: u64, count: u32) -> Option<F64> {
    if count == 0 {
        return Some(ONE);
    }
    let y = F64::from_i64(i64::from(count));
    let (hi, lo) = log(x);
    let ehi = y.mul(hi);
    let elo = y.fma(lo, hi.fma(y, ehi.neg()));
    exp(ehi, elo)
}
