//! PyTorch's retry options: `RpcAgent::sendWithRetries`' checks (rpc_agent.cpp) and
//! `computeNewRpcRetryTime`'s delay (rpc_agent.h),
//! `duration_cast<milliseconds>(rpcRetryDuration * pow(retryBackoff, retryCount))`, redone in
//! integers so that the result is that of the default floating-point environment whatever the
//! caller's.
//!
//! `pow(float, int)` is `pow(double, double)`, and its last bit is the C library's: this is
//! glibc's, as it runs on every machine with fused multiply-add (glibc_pow).
//! tests/c/retry_sweep.cpp compares the result with glibc's on every float backoff in [1, 4].

use crate::glibc_pow;
use crate::soft_double::{F64, ONE};
use crate::status::*;

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

/// computeNewRpcRetryTime's delay for options that passed `check`, and count >= 0.
fn delay(duration_ms: i64, backoff: f32, count: i32) -> Result<i64, rpc_status> {
    let power = if count == 0 {
        ONE // pow(x, 0) is 1 for every x, +inf included
    } else if backoff == f32::INFINITY {
        return Err(RPC_ERR_OUT_OF_RANGE); // pow(inf, n > 0) is +inf, and D * inf is +inf or NaN
    } else {
        // (double)backoff is exact.
        glibc_pow::pow(f64::from(backoff).to_bits(), count as u32).ok_or(RPC_ERR_OUT_OF_RANGE)?
    };
    // (double)rpcRetryDuration.count() times the power, each rounded to nearest; duration_cast
    // truncates toward zero and is defined only below 2^63.
    F64::from_i64(duration_ms).mul(power).trunc_to_i64().ok_or(RPC_ERR_OUT_OF_RANGE)
}

/// Checks retry options as PyTorch's `RpcAgent::sendWithRetries` does, in its order: RPC_OK, or
/// RPC_ERR_NEGATIVE_MAX_RETRIES for `max_retries` < 0, then RPC_ERR_DECAYING_BACKOFF for a
/// `retry_backoff` that is not at least 1 (NaN and -0.0f included; 1.0f and +inf pass), then
/// RPC_ERR_NEGATIVE_RETRY_DURATION for `rpc_retry_duration_ms` < 0 (0 passes).
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

/// The wait before a retry as PyTorch's `computeNewRpcRetryTime` computes it:
/// `duration_cast<milliseconds>(rpcRetryDuration * pow(retryBackoff, retry_count))`, that is
/// (double)rpc_retry_duration_ms times pow((double)retry_backoff, retry_count), truncated toward
/// zero.
///
/// On RPC_OK, `*out_ms` holds the milliseconds; on error it is left untouched. With the defaults
/// (1000 ms, 1.5f) counts 0, 1, 2, 3 give 1000, 1500, 2250, 3375. PyTorch computes the first retry's
/// time with count 0 and each later one with the number of retries made before it, so the waits
/// of an RPC are delay(0), delay(0), delay(1), delay(2), ...
/// The power is glibc's pow as it runs on hardware with fused multiply-add (x86-64 CPUs with FMA
/// and AVX2, aarch64, riscv64), computed in integers, so the result depends neither on the
/// caller's floating-point environment nor on its C library. On x86-64 CPUs without FMA glibc
/// runs another pow: over every float backoff in [1, 4], counts 0 to 16 and durations 1, 1000
/// and 60000 ms (855,638,067 cases) PyTorch's delay there differs from this one 33 times, all
/// for delays of 2.3e12 ms (73 years) or more.
/// Errors: RPC_ERR_NULL_POINTER if `out_ms` is NULL (checked first); RPC_ERR_DECAYING_BACKOFF and
/// RPC_ERR_NEGATIVE_RETRY_DURATION as rpc_validate_retry_options() (PyTorch checks the options
/// before it computes a delay); RPC_ERR_NEGATIVE_RETRY_COUNT for `retry_count` < 0;
/// RPC_ERR_OUT_OF_RANGE when the delay is +inf (the power overflows double, or an infinite
/// backoff with a count > 0), NaN (0 ms times an infinite power) or 2^63 ms or more: undefined
/// behaviour in PyTorch.
///
/// Precondition: `out_ms` must be NULL or point to a writable int64_t.
#[no_mangle]
pub unsafe extern "C" fn rpc_retry_delay_ms(
    rpc_retry_duration_ms: i64,
    retry_backoff: f32,
    retry_count: i32,
    out_ms: *mut i64,
) -> rpc_status {
    if out_ms.is_null() {
        return RPC_ERR_NULL_POINTER;
    }
    let result = check(0, rpc_retry_duration_ms, retry_backoff).and_then(|()| {
        if retry_count < 0 {
            Err(RPC_ERR_NEGATIVE_RETRY_COUNT)
        } else {
            delay(rpc_retry_duration_ms, retry_backoff, retry_count)
        }
    });
    match result {
        Ok(ms) => {
            // SAFETY: not NULL, and writable (precondition).
            unsafe { *out_ms = ms };
            RPC_OK
        }
        Err(status) => status,
    }
}
