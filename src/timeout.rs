//! Timeout conversions exactly as PyTorch performs them, with every input PyTorch leaves
//! undefined given a defined error instead.

use crate::exact::{classify, int_over, truncated_product, Float};
use crate::spec::defs::{SEC_TO_MS_CONVERSION, UNSET_RPC_TIMEOUT};
use crate::status::*;

/// Writes `result` through `out` unless either is an error.
///
/// Precondition: `out` is NULL or valid for a write of one i64.
pub(crate) unsafe fn deliver(result: Result<i64, rpc_status>, out: *mut i64) -> rpc_status {
    if out.is_null() {
        return RPC_ERR_NULL_POINTER;
    }
    match result {
        Ok(ms) => {
            // SAFETY: not NULL, and valid for a write of one i64 (precondition).
            unsafe { *out = ms };
            RPC_OK
        }
        Err(status) => status,
    }
}

/// kSecToMsConversion as the integer it is.
const FACTOR: u64 = SEC_TO_MS_CONVERSION as u64;
const _: () = assert!(FACTOR as f32 == SEC_TO_MS_CONVERSION, "the factor must be a whole number");
const NONZERO_FACTOR: core::num::NonZeroU64 = match core::num::NonZeroU64::new(FACTOR) {
    Some(factor) => factor,
    None => panic!("the factor must not be 0"),
};

/// `RpcBackendOptions`: `TORCH_CHECK(seconds >= 0)`, then `(long)(seconds * kSecToMsConversion)`.
/// Sign and NaN are read from the bits, and the product is computed exactly (see `exact`).
pub(crate) fn agent_ms(seconds: f32) -> Result<i64, rpc_status> {
    match classify(seconds) {
        Float::Nan => Err(RPC_ERR_NOT_A_NUMBER),
        Float::Infinite { negative: true } => Err(RPC_ERR_NEGATIVE_TIMEOUT),
        Float::Infinite { negative: false } => Err(RPC_ERR_OUT_OF_RANGE),
        // -0.0 passes PyTorch's `>= 0`; any other negative fails it.
        Float::Finite { negative: true, significand, .. } if significand != 0 => {
            Err(RPC_ERR_NEGATIVE_TIMEOUT)
        }
        Float::Finite { significand, exponent, .. } => match truncated_product(significand, exponent, FACTOR)
        {
            // Every product below 2^63 truncates into int64.
            Some(ms) if ms < 1 << 63 => Ok(ms as i64),
            _ => Err(RPC_ERR_OUT_OF_RANGE),
        },
    }
}

/// `static_cast<int>(seconds * kSecToMsConversion)`, sign included: the float product truncated
/// toward zero, which must lie in [-2^31, 2^31) to be an int (both bounds are whole). It is all
/// of `_set_rpc_timeout`'s conversion, and `TensorPipeAgent::send`'s before its sign check.
pub(crate) fn int_ms(seconds: f32) -> Result<i64, rpc_status> {
    let (negative, significand, exponent) = match classify(seconds) {
        Float::Nan => return Err(RPC_ERR_NOT_A_NUMBER),
        Float::Infinite { .. } => return Err(RPC_ERR_OUT_OF_RANGE),
        Float::Finite { negative, significand, exponent } => (negative, significand, exponent),
    };
    let limit = if negative { 1 << 31 } else { (1 << 31) - 1 };
    match truncated_product(significand, exponent, FACTOR) {
        Some(ms) if ms <= limit => Ok(if negative { -(ms as i64) } else { ms as i64 }),
        _ => Err(RPC_ERR_OUT_OF_RANGE),
    }
}

/// `TensorPipeAgent::send`: the sentinel takes the agent default (whatever its sign: PyTorch
/// checks none), anything else is `static_cast<int>(timeout * kSecToMsConversion)`, negative
/// results included.
pub(crate) fn resolve_ms(seconds: f32, agent_timeout_ms: i64) -> Result<i64, rpc_status> {
    if seconds.to_bits() == UNSET_RPC_TIMEOUT.to_bits() {
        return Ok(agent_timeout_ms);
    }
    int_ms(seconds)
}

/// Converts an agent-wide default timeout from seconds to milliseconds as PyTorch's
/// `RpcBackendOptions` stores it: `(int64_t)(_seconds * 1000.0f)`, the product taken in float and
/// truncated toward zero.
///
/// On RPC_OK, `*_out_ms` holds the milliseconds; on error it is left untouched.
/// Results: 60.0f gives 60000; 0 (and -0.0f) gives 0, which never expires.
/// WARNING: like PyTorch, a positive timeout under 1 ms (for example 0.0004f) truncates to 0 ms
/// and so never expires.
/// Errors: RPC_ERR_NULL_POINTER if `_out_ms` is NULL (checked first); RPC_ERR_NOT_A_NUMBER for
/// NaN and RPC_ERR_NEGATIVE_TIMEOUT for a negative value, both rejected by PyTorch;
/// RPC_ERR_OUT_OF_RANGE for +infinity or a product of 2^63 or more (undefined in PyTorch).
/// Mirrors `RpcBackendOptions` in PyTorch's rpc_agent.h.
///
/// Precondition: `_out_ms` must be NULL or point to a writable int64_t.
#[no_mangle]
pub unsafe extern "C" fn rpc_agent_timeout_ms(seconds: f32, out_ms: *mut i64) -> rpc_status {
    // SAFETY: `out_ms` is NULL or writable (precondition), as `deliver` requires.
    unsafe { deliver(agent_ms(seconds), out_ms) }
}

/// Resolves a per-call timeout to milliseconds as PyTorch's `TensorPipeAgent::send` does.
///
/// Exactly RPC_UNSET_RPC_TIMEOUT (-1.0f) gives `_agent_timeout_ms`, the agent's current default
/// (as made by rpc_agent_timeout_ms() or rpc_set_rpc_timeout_ms()), whatever its sign; any other
/// value gives `static_cast<int>(_seconds * 1000.0f)`, the product taken in float and truncated
/// toward zero, negative values included, as PyTorch checks no sign here.
/// On RPC_OK, `*_out_ms` holds the milliseconds; on error it is left untouched.
/// What the result means (PyTorch's timeout thread): 0 never expires (rpc_timeout_never_expires());
/// a negative result has expired at once (rpc_timeout_expires_at_once()): PyTorch fails the RPC
/// with the timeout message naming it, "(-5000 ms)" for -5.0f (rpc_format_timeout_error());
/// anything else runs for that many milliseconds.
/// WARNING: like PyTorch, a timeout whose product lies strictly between -1 and 1 ms (0.0004f,
/// -0.0004f, -0.0f, a subnormal) truncates to 0 ms, which never expires.
/// Errors: RPC_ERR_NULL_POINTER if `_out_ms` is NULL (checked first); RPC_ERR_NOT_A_NUMBER for NaN;
/// RPC_ERR_OUT_OF_RANGE for an infinity or a product outside [-2^31, 2^31): both are undefined
/// behaviour in PyTorch.
/// Mirrors `TensorPipeAgent::send` in PyTorch's tensorpipe_agent.cpp.
///
/// Precondition: `_out_ms` must be NULL or point to a writable int64_t.
#[no_mangle]
pub unsafe extern "C" fn rpc_resolve_timeout_ms(
    seconds: f32,
    agent_timeout_ms: i64,
    out_ms: *mut i64,
) -> rpc_status {
    // SAFETY: `out_ms` is NULL or writable (precondition), as `deliver` requires.
    unsafe { deliver(resolve_ms(seconds, agent_timeout_ms), out_ms) }
}

/// Converts a new agent default timeout from seconds to milliseconds as PyTorch's
/// `torch.distributed.rpc._set_rpc_timeout(seconds)` stores it:
/// `static_cast<int>(_seconds * 1000.0f)`, the product taken in float and truncated toward zero.
///
/// On RPC_OK, `*_out_ms` holds the milliseconds; on error it is left untouched.
/// Results: 60.0f gives 60000; 0, -0.0f and any value that truncates to 0 (0.0004f, -0.0004f)
/// give 0, which never expires.
/// WARNING: like PyTorch, which checks no sign here, a negative value is stored: -5.0f gives
/// -5000 (PyTorch's get_rpc_timeout() then reports -5.0), a default whose RPCs expire at once
/// (rpc_resolve_timeout_ms() gives it for the sentinel).
/// Errors: RPC_ERR_NULL_POINTER if `_out_ms` is NULL (checked first); RPC_ERR_NOT_A_NUMBER for
/// NaN; RPC_ERR_OUT_OF_RANGE for an infinity or a product outside [-2^31, 2^31) (both undefined
/// in PyTorch).
/// Mirrors `_set_rpc_timeout` in PyTorch's torch/csrc/distributed/rpc/init.cpp.
///
/// Precondition: `_out_ms` must be NULL or point to a writable int64_t.
#[no_mangle]
pub unsafe extern "C" fn rpc_set_rpc_timeout_ms(seconds: f32, out_ms: *mut i64) -> rpc_status {
    // SAFETY: `out_ms` is NULL or writable (precondition), as `deliver` requires.
    unsafe { deliver(int_ms(seconds), out_ms) }
}

/// Whether a resolved timeout never expires: true exactly when `_timeout_ms` is 0.
///
/// PyTorch documents "a value of 0 indicates an infinite timeout": its agent schedules no
/// deadline for 0 ms. Negative values expire at once (false; see rpc_timeout_expires_at_once()).
#[no_mangle]
pub extern "C" fn rpc_timeout_never_expires(timeout_ms: i64) -> bool {
    timeout_ms == 0
}

/// Whether a resolved timeout has expired as soon as the RPC is sent: true exactly when
/// `_timeout_ms` is negative.
///
/// PyTorch's agent sets the deadline to the send time plus the timeout, which for a negative
/// timeout has already passed: its timeout thread fails the RPC as soon as it runs, with the
/// timeout message naming the negative milliseconds (rpc_format_timeout_error()). A positive
/// timeout runs; 0 never expires (rpc_timeout_never_expires()).
#[no_mangle]
pub extern "C" fn rpc_timeout_expires_at_once(timeout_ms: i64) -> bool {
    timeout_ms < 0
}

/// Milliseconds back to float seconds as PyTorch's `get_rpc_timeout()` reports them:
/// `(float)_timeout_ms / 1000.0f`.
///
/// Defined for every int64_t (the int64-to-float conversion rounds to nearest); 60000 gives 60.0f.
#[no_mangle]
pub extern "C" fn rpc_timeout_ms_to_sec(timeout_ms: i64) -> f32 {
    int_over(timeout_ms, NONZERO_FACTOR)
}

/// Checks a worker-thread count as PyTorch does: RPC_OK if it is greater than 0, else
/// RPC_ERR_INVALID_THREAD_COUNT.
///
/// Mirrors the check of `_num_worker_threads` in PyTorch's TensorPipe backend options.
#[no_mangle]
pub extern "C" fn rpc_validate_num_worker_threads(num_worker_threads: i32) -> rpc_status {
    if num_worker_threads > 0 {
        RPC_OK
    } else {
        RPC_ERR_INVALID_THREAD_COUNT
    }
}
