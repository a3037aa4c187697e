//! PyTorch's retry options: `RpcAgent::sendWithRetries`' checks (rpc_agent.cpp) and
//! `computeNewRpcRetryTime`'s delay (rpc_agent.h),
//! `duration_cast<milliseconds>(rpcRetryDuration * pow(retryBackoff, retryCount))`, redone in
//! integers so that the result is that of the default floating-point environment whatever the
//! caller's.
//!
//! `pow(float, int)` is `pow(double, double)`, whose last bit is each C library's own (glibc's
//! differs between its builds). Here it is the correctly rounded power, the same on every
//! platform: computed by squaring with 128-bit significands, each product rounded to nearest
//! (relative error at most 2^-128). A base squared k times carries at most (2^k - 1) 2^-128, and
//! the bases multiplied into the result have exponents summing to the count n, so the power is
//! known to within (n + 31) 2^-128 before it is rounded once to a double: the correctly rounded
//! value unless the exact power lies that close to a midpoint between two doubles without being
//! on one (an exact midpoint needs every product exact, and then ties to even as it should).
//! No such input is known; the tests compare with an independent 256-bit bracket.

use crate::exact::{classify, Float};
use crate::status::*;
use crate::timeout::deliver;

/// `retryBackoff >= 1` (NaN fails it): from the bits, a positive float from 1.0 to +inf.
fn backoff_ok(backoff: f32) -> bool {
    (0x3f80_0000..=0x7f80_0000).contains(&backoff.to_bits())
}

/// sendWithRetries' checks, in its order.
fn check(max_retries: i32, duration_ms: i64, backoff: f32) -> Result<(), rpc_status> {
    if max_retries < 0 {
        Err(RPC_ERR_NEGATIVE_MAX_RETRIES)
    } else if !backoff_ok(backoff) {
        Err(RPC_ERR_DECAYING_BACKOFF)
    } else if duration_ms < 0 {
        Err(RPC_ERR_NEGATIVE_RETRY_DURATION)
    } else {
        Ok(())
    }
}

/// `m * 2^e` with `m` in [2^127, 2^128): a power while it is computed.
#[derive(Clone, Copy)]
struct Wide {
    m: u128,
    e: i64,
}

/// The 256-bit product of two u128, as (high, low) halves.
fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    let mask = u128::from(u64::MAX);
    let (a1, a0, b1, b0) = (a >> 64, a & mask, b >> 64, b & mask);
    let (low, cross1, cross2, high) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    let (mid, carry) = cross1.overflowing_add(cross2);
    let (lo, c1) = low.overflowing_add(mid << 64);
    let hi = high + (mid >> 64) + (u128::from(carry) << 64) + u128::from(c1);
    (hi, lo)
}

/// `a * b` rounded to 128 significant bits (half up).
fn mul(a: Wide, b: Wide) -> Wide {
    let (hi, lo) = mul_wide(a.m, b.m);
    // The product lies in [2^254, 2^256): keep its top 128 bits.
    let (m, round, e) = if hi >> 127 == 1 {
        (hi, lo >> 127, a.e + b.e + 128)
    } else {
        ((hi << 1) | (lo >> 127), (lo >> 126) & 1, a.e + b.e + 127)
    };
    match m.checked_add(round) {
        Some(m) => Wide { m, e },
        None => Wide { m: 1 << 127, e: e + 1 },
    }
}

/// `significand * 2^exponent` (significand > 0, under 2^128) rounded to 53 significant bits, ties
/// to even, as (significand, exponent).
fn to_double(significand: u128, exponent: i64) -> (u128, i64) {
    let extra = 128 - significand.leading_zeros() as i64 - 53;
    if extra <= 0 {
        return (significand, exponent);
    }
    let (q, rest, half) = (significand >> extra, significand & ((1 << extra) - 1), 1u128 << (extra - 1));
    let q = if rest > half || (rest == half && q & 1 == 1) { q + 1 } else { q };
    if q >> 53 == 1 {
        (q >> 1, exponent + extra + 1)
    } else {
        (q, exponent + extra)
    }
}

/// The largest finite double is below 2^1024; a value whose top bit is 2^1024 or higher is +inf.
const DOUBLE_LIMIT: i64 = 1024;

/// `pow((double)backoff, count)` as a double (significand, exponent) for a finite backoff >= 1
/// and count >= 1, or None when it is +inf. Every value here is >= 1 and exponents stay far inside
/// i64 (31 squarings of at most 2^128), so overflow is decided once, at the end.
fn pow(significand: u64, exponent: i32, mut count: u32) -> Option<(u128, i64)> {
    let significand = u128::from(significand);
    let shift = significand.leading_zeros();
    let mut base = Wide { m: significand << shift, e: i64::from(exponent) - i64::from(shift) };
    let mut result = Wide { m: 1 << 127, e: -127 };
    while count != 0 {
        if count & 1 == 1 {
            result = mul(result, base);
        }
        base = mul(base, base);
        count >>= 1;
    }
    let (m, e) = to_double(result.m, result.e);
    (128 - m.leading_zeros() as i64 - 1 + e < DOUBLE_LIMIT).then_some((m, e))
}

/// computeNewRpcRetryTime's delay for options that passed `check`, and count >= 0.
fn delay(duration_ms: i64, backoff: f32, count: i32) -> Result<i64, rpc_status> {
    let power = if count == 0 {
        (1, 0) // pow(x, 0) is 1 for every x, +inf included
    } else {
        let Float::Finite { significand, exponent, .. } = classify(backoff) else {
            // pow(inf, n > 0) is +inf, and then D * inf is +inf or NaN.
            return Err(RPC_ERR_OUT_OF_RANGE);
        };
        pow(significand, exponent, count as u32).ok_or(RPC_ERR_OUT_OF_RANGE)?
    };
    if duration_ms == 0 {
        return Ok(0); // 0.0 * a finite power
    }
    // (double)rpcRetryDuration.count(), then the double product, both rounded to nearest.
    let d = to_double(duration_ms as u128, 0);
    let (m, e) = to_double(d.0 * power.0, d.1 + power.1);
    // duration_cast truncates toward zero; it is defined only below 2^63.
    let top = 128 - m.leading_zeros() as i64 - 1 + e;
    if top >= 63 {
        Err(RPC_ERR_OUT_OF_RANGE)
    } else if e >= 0 {
        Ok((m << e) as i64)
    } else {
        Ok(m.checked_shr((-e) as u32).unwrap_or(0) as i64)
    }
}

/// Checks retry options as PyTorch's `RpcAgent::sendWithRetries` does, in its order: RPC_OK, or
/// RPC_ERR_NEGATIVE_MAX_RETRIES for `_max_retries` < 0, then RPC_ERR_DECAYING_BACKOFF for a
/// `_retry_backoff` that is not at least 1 (NaN and -0.0f included; 1.0f and +inf pass), then
/// RPC_ERR_NEGATIVE_RETRY_DURATION for `_rpc_retry_duration_ms` < 0 (0 passes).
///
/// The arguments are RpcRetryOptions' maxRetries, rpcRetryDuration (in milliseconds) and
/// retryBackoff; the defaults RPC_DEFAULT_MAX_RETRIES, RPC_DEFAULT_RPC_RETRY_DURATION_MS and
/// RPC_DEFAULT_RETRY_BACKOFF pass. Mirrors the TORCH_CHECKs of `sendWithRetries` in PyTorch's
/// rpc_agent.cpp.
#[no_mangle]
pub extern "C" fn rpc_validate_retry_options(
    max_retries: i32,
    rpc_retry_duration_ms: i64,
    retry_backoff: f32,
) -> rpc_status {
    match check(max_retries, rpc_retry_duration_ms, retry_backoff) {
        Ok(()) => RPC_OK,
        Err(status) => status,
    }
}

/// The backoff delay PyTorch's `computeNewRpcRetryTime` adds to the start of a send to get the
/// time the next send is due: `duration_cast<milliseconds>(rpcRetryDuration * pow(retryBackoff,
/// retry_count))`, that is (double)_rpc_retry_duration_ms times pow((double)_retry_backoff,
/// _retry_count), truncated toward zero.
///
/// On RPC_OK, `*_out_ms` holds the milliseconds; on error it is left untouched. With the defaults
/// (1000 ms, 1.5f) counts 0, 1, 2, 3 give 1000, 1500, 2250, 3375. Which count applies to which
/// send is PyTorch's schedule, which rpc_retry_next_send_ms() applies: the first send and the
/// first resend both use count 0, the k-th resend count k - 1.
/// The power is the correctly rounded pow((double)_retry_backoff, _retry_count), computed in
/// integers, so the result is the same on every platform and in any floating-point environment.
/// PyTorch uses its C library's pow, which may differ in the last bit; with glibc that changes the
/// delay only from 2^40 ms (35 years) on (docs/agent-contract.md gives the measurements).
/// Errors: RPC_ERR_NULL_POINTER if `_out_ms` is NULL (checked first); RPC_ERR_DECAYING_BACKOFF and
/// RPC_ERR_NEGATIVE_RETRY_DURATION as rpc_validate_retry_options() (PyTorch checks the options
/// before it computes a delay); RPC_ERR_NEGATIVE_RETRY_COUNT for `_retry_count` < 0;
/// RPC_ERR_OUT_OF_RANGE when the delay is +inf (the power overflows double, or an infinite
/// backoff with a count > 0), NaN (0 ms times an infinite power) or 2^63 ms or more: undefined
/// behaviour in PyTorch.
///
/// Precondition: `_out_ms` must be NULL or point to a writable int64_t.
#[no_mangle]
pub unsafe extern "C" fn rpc_retry_delay_ms(
    rpc_retry_duration_ms: i64,
    retry_backoff: f32,
    retry_count: i32,
    out_ms: *mut i64,
) -> rpc_status {
    let result = check(0, rpc_retry_duration_ms, retry_backoff).and_then(|()| {
        if retry_count < 0 {
            Err(RPC_ERR_NEGATIVE_RETRY_COUNT)
        } else {
            delay(rpc_retry_duration_ms, retry_backoff, retry_count)
        }
    });
    // SAFETY: `out_ms` is NULL or writable (precondition), as `deliver` requires.
    unsafe { deliver(result, out_ms) }
}

/// What PyTorch's RpcAgent does after a send of an RPC sent with `sendWithRetries` failed: send it
/// again, and when, or give up.
///
/// The arguments are the RpcRetryOptions (maxRetries, rpcRetryDuration in milliseconds,
/// retryBackoff) and `_retry_count`, PyTorch's RpcRetryInfo::retryCount_ when the failure is
/// seen: the number of resends made so far, the failed one included (0 when the first send
/// failed, 1 when the first resend failed, ...).
/// RPC_OK: send it again; `*_out_ms` holds when, in milliseconds after the start of the send that
/// failed (a time already past means at once). PyTorch computes the first send's retry time just
/// before sending it, and a resend's just after its send() returns (retryExpiredRpcs), and keeps
/// whole milliseconds of the steady clock. The delay is rpc_retry_delay_ms() with count 0 for the
/// first send and for the first resend, and count k - 1 for the k-th resend. With the defaults (5,
/// 1000 ms, 1.5f) the RPC is sent at most 6 times, each resend due 1000, 1000, 1500, 2250 and 3375
/// ms after the start of the send before it.
/// RPC_ERR_RETRIES_EXHAUSTED (`*_out_ms` untouched): no send is left, because `_retry_count` is not
/// below maxRetries; the RPC has been sent maxRetries + 1 times, and PyTorch fails it with "The RPC
/// has not succeeded after the specified number of max retries (<maxRetries>)."
/// (rpc_format_pytorch_error()). PyTorch also computes a delay for that last send, which it never
/// uses; this function does not, so an out-of-range delay there is no error.
/// Errors (`*_out_ms` untouched): RPC_ERR_NULL_POINTER if `_out_ms` is NULL (checked first); the
/// options' errors, in PyTorch's order, as rpc_validate_retry_options();
/// RPC_ERR_NEGATIVE_RETRY_COUNT for `_retry_count` < 0; RPC_ERR_OUT_OF_RANGE where the delay is,
/// as rpc_retry_delay_ms().
/// Mirrors `RpcAgent::sendWithRetries`, `retryExpiredRpcs` and `rpcRetryCallback` in PyTorch's
/// rpc_agent.cpp.
///
/// Precondition: `_out_ms` must be NULL or point to a writable int64_t.
#[no_mangle]
pub unsafe extern "C" fn rpc_retry_next_send_ms(
    max_retries: i32,
    rpc_retry_duration_ms: i64,
    retry_backoff: f32,
    retry_count: i32,
    out_ms: *mut i64,
) -> rpc_status {
    let result = check(max_retries, rpc_retry_duration_ms, retry_backoff).and_then(|()| {
        if retry_count < 0 {
            Err(RPC_ERR_NEGATIVE_RETRY_COUNT)
        } else if retry_count >= max_retries {
            Err(RPC_ERR_RETRIES_EXHAUSTED)
        } else {
            // The first send's time is computed with count 0, and the k-th resend's with k - 1.
            delay(rpc_retry_duration_ms, retry_backoff, (retry_count - 1).max(0))
        }
    });
    // SAFETY: `out_ms` is NULL or writable (precondition), as `deliver` requires.
    unsafe { deliver(result, out_ms) }
}

/// The power's arithmetic on its own, against references built differently: a product of 32-bit
/// limbs, and Rust's own rounding of an integer to f64 (to nearest, ties to even). Through the
/// exported function its errors would show only near a rounding midpoint, which few inputs reach.
#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec::Vec;

    /// A fixed-seed xorshift: the same cases every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn wide(&mut self) -> u128 {
            u128::from(self.next()) << 64 | u128::from(self.next())
        }
    }

    /// a * b as eight little-endian 32-bit limbs.
    fn product_limbs(a: u128, b: u128) -> [u64; 8] {
        let limbs = |x: u128| [0, 32, 64, 96].map(|s| (x >> s) as u64 & 0xffff_ffff);
        let (a, b) = (limbs(a), limbs(b));
        let mut p = [0u64; 8];
        for i in 0..4 {
            let mut carry = 0;
            for j in 0..4 {
                let t = p[i + j] + a[i] * b[j] + carry;
                p[i + j] = t & 0xffff_ffff;
                carry = t >> 32;
            }
            p[i + 4] = carry;
        }
        p
    }

    fn join(limbs: &[u64]) -> u128 {
        limbs.iter().rev().fold(0, |acc, &l| acc << 32 | u128::from(l))
    }

    fn operands() -> impl Iterator<Item = (u128, u128)> {
        let edges = [0, 1, u128::from(u64::MAX), 1 << 64, 1 << 127, u128::MAX, u128::MAX - 1];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let pairs: Vec<_> = edges.iter().flat_map(|&a| edges.iter().map(move |&b| (a, b))).collect();
        pairs.into_iter().chain((0..100_000).map(move |_| {
            // Random widths as well as full ones: short operands leave limbs zero.
            let (a, b) = (rng.wide(), rng.wide());
            (a >> (rng.next() % 128), b >> (rng.next() % 4))
        }))
    }

    #[test]
    fn mul_wide_is_the_full_product() {
        for (a, b) in operands() {
            let p = product_limbs(a, b);
            assert_eq!(mul_wide(a, b), (join(&p[4..]), join(&p[..4])), "{a:#x} * {b:#x}");
        }
    }

    #[test]
    fn mul_keeps_the_top_128_bits_rounded_half_up() {
        let normalised = operands().map(|(a, b)| (a | 1 << 127, b | 1 << 127));
        // (2^127 + 1)(2^128 - 2) = 2^255 - 2: its top 128 bits are all ones and the next bit is
        // one, so rounding carries into 2^128.
        for (a, b) in normalised.chain([((1 << 127) + 1, u128::MAX - 1)]) {
            let p = product_limbs(a, b);
            let top_set = p[7] >> 31 == 1;
            // The 129 bits from the top: 128 kept, then the rounding bit.
            let (kept, round, exponent) = if top_set {
                (join(&p[4..]), p[3] >> 31, 128)
            } else {
                (join(&p[4..]) << 1 | u128::from(p[3] >> 31), (p[3] >> 30) & 1, 127)
            };
            let want = match kept.checked_add(u128::from(round)) {
                Some(m) => (m, exponent + 10 + 20),
                None => (1 << 127, exponent + 1 + 10 + 20),
            };
            let got = mul(Wide { m: a, e: 10 }, Wide { m: b, e: 20 });
            assert_eq!((got.m, got.e), want, "{a:#x} * {b:#x}");
        }
    }

    #[test]
    fn to_double_rounds_to_nearest_even_as_rust_does() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let ties = (53..128).flat_map(|bits: u32| {
            // Exactly halfway between two doubles, with an odd and an even lower neighbour.
            let step = 1u128 << (bits - 53);
            [(1u128 << bits) + step / 2, (1u128 << bits) + step + step / 2, u128::MAX]
        });
        let random = (0..100_000).map(|_| {
            let x = rng.wide() >> (rng.next() % 128);
            x.max(1)
        });
        for s in ties.chain(random) {
            let (q, e) = to_double(s, -3);
            assert!(q < 1 << 53 && (q >= 1 << 52 || e == -3), "{s:#x}: unnormalised {q:#x}");
            let got = q as f64 * 2f64.powi(e as i32 + 3);
            assert_eq!(got.to_bits(), (s as f64).to_bits(), "{s:#x}");
        }
    }
}
