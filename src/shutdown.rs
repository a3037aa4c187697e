//! The timeout of a graceful `shutdown()` and of `_all_gather` as PyTorch's api.py uses it: one
//! Python float that becomes both the gather RPCs' timeout and the limit of the wait for the
//! leader's signal, and the message `_all_gather` raises when followers fail.

use crate::exact::{double_to_float, hundredths};
use crate::message::{bytes, Writer};
use crate::spec::defs::{UNSET_RPC_TIMEOUT, WORKER_NAME_MAX_LEN};
use crate::status::*;
use crate::timeout::{resolve_ms, rpc_timeout_ms_to_sec};
use crate::worker::name_is_valid;
use core::ffi::c_char;

/// What `_all_gather(timeout=...)` does with its timeout.
struct AllGather {
    /// The RPCs' timeout as `TensorPipeAgent::send` resolves it, in milliseconds.
    rpc_ms: i64,
    /// `signal_timeout`: the longest wait for the proceed signal, +inf for None.
    wait_sec: f64,
    /// `rpc_timeout` as Python holds it, which the error message prints.
    rpc_sec: f64,
}

/// api.py's `_all_gather`: UNSET gives the RPCs `get_rpc_timeout()` and the wait no limit;
/// DEFAULT_SHUTDOWN_TIMEOUT (0, which -0.0 equals) gives the RPCs 0 and the wait no limit;
/// anything else is both. Each RPC passes its timeout to a C++ `float` parameter (pybind11
/// narrows the double), which `TensorPipeAgent::send` resolves.
fn all_gather(timeout: f64, agent_ms: i64) -> Result<AllGather, rpc_status> {
    let (rpc_sec, wait_sec) = if timeout == f64::from(UNSET_RPC_TIMEOUT) {
        // get_rpc_timeout(): the agent's milliseconds / kSecToMsConversion, a C++ float.
        (f64::from(rpc_timeout_ms_to_sec(agent_ms)), f64::INFINITY)
    } else if timeout == 0.0 {
        (timeout, f64::INFINITY)
    } else {
        (timeout, timeout)
    };
    let rpc_ms = resolve_ms(double_to_float(rpc_sec), agent_ms)?;
    Ok(AllGather { rpc_ms, wait_sec, rpc_sec })
}

/// Turns the timeout of a graceful shutdown (PyTorch's `shutdown(graceful=True, timeout=...)`,
/// which passes it to `_wait_all_workers` and so to `_all_gather`) or of `_all_gather` itself into
/// what PyTorch's api.py does with it: the timeout of each RPC of the gather, and the limit of each
/// worker's wait for the leader's signal to proceed.
///
/// `_timeout_sec` is the Python float (an int as the double it equals); `_agent_timeout_ms` is the
/// agent's current default, as rpc_agent_timeout_ms() or rpc_set_rpc_timeout_ms() made it.
/// On RPC_OK, `*_out_rpc_timeout_ms` holds the RPCs' timeout as rpc_resolve_timeout_ms() gives it
/// (0 never expires; a negative one expires at once) and `*_out_wait_sec` the wait's limit in
/// seconds: +infinity for none (Python's None); at 0 or below the worker does not wait; after the
/// limit it goes on without the signal. By value:
/// - RPC_UNSET_RPC_TIMEOUT (exactly -1.0): the RPCs get the agent's default as get_rpc_timeout()
///   reports it (milliseconds / 1000 in float), which the RPC converts back (times 1000 in float,
///   truncated), so the default may come back 1 ms short: 251 ms gives 250; the wait has no
///   limit;
/// - 0 (RPC_DEFAULT_SHUTDOWN_TIMEOUT, the default) or -0.0: RPCs that never expire (0 ms), and no
///   limit;
/// - anything else: both. The RPCs get it as a C++ float (the double rounded to nearest), resolved
///   as rpc_resolve_timeout_ms() does: -1.0000000001 rounds to the sentinel and gets the agent's
///   default; 5.0 gives 5000 ms and a 5-second wait.
///
/// On error neither output is written.
/// Errors: RPC_ERR_NULL_POINTER if either output is NULL (checked first); RPC_ERR_NOT_A_NUMBER for
/// NaN; RPC_ERR_OUT_OF_RANGE for an infinity or a timeout whose milliseconds lie outside
/// [-2^31, 2^31), including a default too large for the RPCs: both are undefined behaviour in
/// PyTorch's conversion.
/// This is a static group's shutdown (every init_rpc given a world_size): in a dynamic group
/// PyTorch's shutdown gathers nothing, and its timeout reaches only TensorPipeAgent::join, which
/// ignores it.
/// Mirrors `_all_gather`, `_wait_all_workers` and `shutdown` in PyTorch's
/// torch/distributed/rpc/api.py.
///
/// Precondition: `_out_rpc_timeout_ms` must be NULL or point to a writable int64_t, and
/// `_out_wait_sec` NULL or to a writable double.
#[no_mangle]
pub unsafe extern "C" fn rpc_all_gather_timeouts(
    timeout_sec: f64,
    agent_timeout_ms: i64,
    out_rpc_timeout_ms: *mut i64,
    out_wait_sec: *mut f64,
) -> rpc_status {
    if out_rpc_timeout_ms.is_null() || out_wait_sec.is_null() {
        return RPC_ERR_NULL_POINTER;
    }
    match all_gather(timeout_sec, agent_timeout_ms) {
        Ok(g) => {
            // SAFETY: neither is NULL, and both are writable (precondition).
            unsafe {
                *out_rpc_timeout_ms = g.rpc_ms;
                *out_wait_sec = g.wait_sec;
            }
            RPC_OK
        }
        Err(status) => status,
    }
}

/// The bytes of a NUL-terminated worker name, if it is valid (at most 128 bytes are read).
///
/// Precondition: `name` is not NULL and points to a NUL-terminated string.
#[inline(never)]
unsafe fn valid_name<'a>(name: *const c_char) -> Option<&'a [u8]> {
    let mut len = 0;
    // SAFETY: every byte read lies at or before the terminating NUL (precondition): the loop
    // stops at it, or at the limit before it.
    while len < WORKER_NAME_MAX_LEN && unsafe { *name.add(len) } != 0 {
        len += 1;
    }
    // SAFETY: the `len` bytes before the NUL (or the limit) were just read.
    let bytes = unsafe { bytes(name, len) };
    name_is_valid(bytes).then_some(bytes)
}

/// Formats the error PyTorch's `_all_gather` raises on the leader when followers failed, into
/// `_buf`, with snprintf semantics:
/// "Followers ['<name>', ...] timed out in _all_gather after <seconds> seconds. The first exception
/// is <first error>".
///
/// The list is Python's repr of the `_followers_count` follower names in `_followers`
/// (NUL-terminated, each a valid worker name, whose repr is the name in single quotes), in the
/// order given; "[]" when there are none. The seconds are `rpc_timeout` as api.py holds it, from
/// `_timeout_sec` and `_agent_timeout_ms` as rpc_all_gather_timeouts() takes them (for the
/// sentinel, the agent's default as get_rpc_timeout() reports it: "60.00"; for 0, "0.00"), printed
/// as Python's f"{rpc_timeout:.2f}" does (the exact value rounded half to even, -0.0 as "-0.00").
/// The first error is `_first_error_len` bytes copied as they are: the str() of the first
/// follower's exception.
/// Returns the full length of the text, not counting the NUL, even when it was cut short. Writes
/// at most `_capacity` bytes and, when `_capacity` > 0, always NUL-terminates; with `_capacity` 0
/// it writes nothing, so (NULL, 0) asks for the size needed (result + 1).
/// Errors (negative, nothing written): RPC_ERR_NULL_POINTER if `_buf` is NULL while `_capacity` > 0,
/// `_followers` is NULL while `_followers_count` > 0, a follower is NULL, or `_first_error` is NULL
/// while `_first_error_len` > 0; RPC_ERR_INVALID_WORKER_NAME if a follower is not a valid worker
/// name (PyTorch's names always are); RPC_ERR_NOT_A_NUMBER and RPC_ERR_OUT_OF_RANGE as
/// rpc_all_gather_timeouts() (the RPCs whose failure the message reports are undefined behaviour
/// there); RPC_ERR_MESSAGE_TOO_LONG if the text would be longer than INT32_MAX bytes.
/// Mirrors the `raise RuntimeError(...)` of `_all_gather` in PyTorch's torch/distributed/rpc/api.py.
///
/// From C, an argv-style `char **` needs a cast to `const char *const *` (C does not convert it).
///
/// Precondition: `_buf` must be NULL or point to `_capacity` writable bytes; `_followers` NULL or
/// point to `_followers_count` pointers, each NULL or to a NUL-terminated string; `_first_error`
/// NULL or point to `_first_error_len` readable bytes; none may overlap `_buf`.
#[no_mangle]
pub unsafe extern "C" fn rpc_format_all_gather_error(
    buf: *mut c_char,
    capacity: usize,
    timeout_sec: f64,
    agent_timeout_ms: i64,
    followers: *const *const c_char,
    followers_count: usize,
    first_error: *const c_char,
    first_error_len: usize,
) -> i32 {
    if (followers.is_null() && followers_count != 0) || (first_error.is_null() && first_error_len != 0) {
        return RPC_ERR_NULL_POINTER as i32;
    }
    let Some(mut w) = Writer::new(buf, capacity) else { return RPC_ERR_NULL_POINTER as i32 };
    let g = match all_gather(timeout_sec, agent_timeout_ms) {
        Ok(g) => g,
        Err(status) => return status as i32,
    };
    // Every name is checked before anything is written; each adds at most 127 + 4 bytes.
    let mut names_len: usize = 0;
    for i in 0..followers_count {
        // SAFETY: `followers` points to `followers_count` pointers (precondition).
        let name = unsafe { *followers.add(i) };
        if name.is_null() {
            return RPC_ERR_NULL_POINTER as i32;
        }
        // SAFETY: not NULL, so NUL-terminated (precondition).
        let Some(valid) = (unsafe { valid_name(name) }) else {
            return RPC_ERR_INVALID_WORKER_NAME as i32;
        };
        names_len = names_len.saturating_add(valid.len() + 4);
    }
    // The fixed text, the list's brackets and the seconds (under 2^52 hundredths: 20 bytes).
    let fixed = HEAD.len() + MIDDLE.len() + TAIL.len() + 2 + 20;
    if names_len.saturating_add(first_error_len) > i32::MAX as usize - fixed {
        return RPC_ERR_MESSAGE_TOO_LONG as i32;
    }
    w.push(HEAD);
    w.push(b"[");
    for i in 0..followers_count {
        // SAFETY: as above; each was checked to be a valid, NUL-terminated name.
        let name = unsafe { valid_name(*followers.add(i)) }.unwrap_or(&[]);
        if i != 0 {
            w.push(b", ");
        }
        w.push(b"'");
        w.push(name);
        w.push(b"'");
    }
    w.push(b"]");
    w.push(MIDDLE);
    let (negative, hundredths) = hundredths(g.rpc_sec);
    if negative {
        w.push(b"-");
    }
    w.push_int((hundredths / 100) as i64);
    w.push(b".");
    w.push(&[b'0' + (hundredths / 10 % 10) as u8, b'0' + (hundredths % 10) as u8]);
    w.push(TAIL);
    // SAFETY: NULL only with length 0, else `first_error_len` readable bytes (precondition).
    w.push(unsafe { bytes(first_error, first_error_len) });
    w.finish()
}

/// The f-string of `_all_gather`'s error around its three values.
const HEAD: &[u8] = b"Followers ";
const MIDDLE: &[u8] = b" timed out in _all_gather after ";
const TAIL: &[u8] = b" seconds. The first exception is ";
