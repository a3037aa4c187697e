//! PyTorch's own words for each input it rejects: the text of its TORCH_CHECK or error, as Python
//! shows it (`str(e)`: PyTorch hands Python the message without the C++ backtrace). The texts are
//! those of PyTorch 2.15.0 (rpc_agent.h, rpc_agent.cpp, tensorpipe_agent.h).

use crate::message::{bytes, Writer};
use crate::spec::defs::WORKER_NAME_MAX_LEN;
use crate::status::*;
use core::ffi::c_char;

/// `RpcBackendOptions` (rpc_agent.h): `TORCH_CHECK(rpcTimeoutSeconds >= 0, ...)`.
const AGENT_TIMEOUT: &[u8] = b"RPC Timeout must be non-negative";
/// `TensorPipeRpcBackendOptions` (tensorpipe_agent.h): "...got ", numWorkerThreads.
const THREADS: &[u8] = b"num_worker_threads must be positive, got ";
/// `WorkerInfo(std::string, worker_id_t)` (rpc_agent.cpp): "...shorter than ", MAX_NAME_LEN,
/// " chars, but got ", name_.
const NAME: &[u8] =
    b"Worker name must match ^[A-Za-z0-9-_:]*$, and must be non-empty and shorter than 128 chars, but got ";
const _: () = assert!(WORKER_NAME_MAX_LEN == 128, "NAME spells MAX_NAME_LEN as 128");
/// `WorkerInfo(std::string, int64_t)` (rpc_agent.cpp): "RPC worker id ", id, " out of bounds for
/// int16_t.".
const ID: (&[u8], &[u8]) = (b"RPC worker id ", b" out of bounds for int16_t.");
/// `sendWithRetries`' checks (rpc_agent.cpp).
const MAX_RETRIES: &[u8] = b"maxRetries cannot be negative.";
const BACKOFF: &[u8] = b"maxRetries cannot be exponentially decaying.";
const DURATION: &[u8] = b"rpcRetryDuration cannot be negative.";
/// `rpcRetryCallback` (rpc_agent.cpp): "...max retries (", maxRetries, ").".
const EXHAUSTED: (&[u8], &[u8]) =
    (b"The RPC has not succeeded after the specified number of max retries (", b").");

/// Formats PyTorch's own message for an input it rejects, the one that goes with `_status`, into
/// `_buf`, with snprintf semantics: the text of PyTorch's error as Python shows it (`str(e)`),
/// without the C++ backtrace.
///
/// `_value` is the offending number where the message names one, and `_text` (`_text_len` bytes,
/// copied as they are) the offending name; the other is ignored (NULL with 0 for `_text`):
/// - RPC_ERR_NEGATIVE_TIMEOUT, RPC_ERR_NOT_A_NUMBER: "RPC Timeout must be non-negative", the words
///   of RpcBackendOptions, which rejects a negative or NaN agent-wide default
///   (rpc_agent_timeout_ms()). A NaN per-call, new-default or _all_gather timeout has no such
///   message: its conversion is undefined behaviour in PyTorch, so do not word that status so;
/// - RPC_ERR_INVALID_THREAD_COUNT, `_value` the count: "num_worker_threads must be positive, got
///   <value>";
/// - RPC_ERR_INVALID_WORKER_NAME, `_text` the name: "Worker name must match `^[A-Za-z0-9-_:]*$`,
///   and must be non-empty and shorter than 128 chars, but got <name>" (without the backticks);
/// - RPC_ERR_WORKER_ID_OUT_OF_RANGE, `_value` the id: "RPC worker id <value> out of bounds for
///   int16_t." (PyTorch's C++ constructor words an id above 32767 so; its Python binding refuses an
///   id outside int16_t with a pybind11 TypeError instead, and its C++ constructor wraps one below
///   -32768 without a word: this text stands for both);
/// - RPC_ERR_NEGATIVE_MAX_RETRIES: "maxRetries cannot be negative.";
/// - RPC_ERR_DECAYING_BACKOFF: "maxRetries cannot be exponentially decaying." (sic: PyTorch's
///   check is on retryBackoff);
/// - RPC_ERR_NEGATIVE_RETRY_DURATION: "rpcRetryDuration cannot be negative.";
/// - RPC_ERR_RETRIES_EXHAUSTED, `_value` maxRetries: "The RPC has not succeeded after the specified
///   number of max retries (<value>).".
///
/// A number is written in decimal, negatives with '-'.
/// Returns the full length of the text, not counting the NUL, even when it was cut short. Writes
/// at most `_capacity` bytes and, when `_capacity` > 0, always NUL-terminates; with `_capacity` 0
/// it writes nothing, so (NULL, 0) asks for the size needed (result + 1).
/// Errors (negative, nothing written): RPC_ERR_NULL_POINTER if `_buf` is NULL while `_capacity` > 0
/// or `_text` is NULL while `_text_len` > 0; RPC_ERR_NO_PYTORCH_MESSAGE for any other status
/// (RPC_OK included); RPC_ERR_MESSAGE_TOO_LONG if the text would be longer than INT32_MAX bytes.
///
/// Precondition: `_buf` must be NULL or point to `_capacity` writable bytes; `_text` must be NULL
/// or point to `_text_len` readable bytes; the two must not overlap.
#[no_mangle]
pub unsafe extern "C" fn rpc_format_pytorch_error(
    buf: *mut c_char,
    capacity: usize,
    status: i32,
    value: i64,
    text: *const c_char,
    text_len: usize,
) -> i32 {
    if text.is_null() && text_len != 0 {
        return RPC_ERR_NULL_POINTER as i32;
    }
    let Some(mut w) = Writer::new(buf, capacity) else { return RPC_ERR_NULL_POINTER as i32 };
    // The message: a fixed head, then the number (if it names one), then a fixed tail.
    let (head, numbered, tail): (&[u8], bool, &[u8]) = match status {
        s if s == RPC_ERR_NEGATIVE_TIMEOUT as i32 || s == RPC_ERR_NOT_A_NUMBER as i32 => {
            (AGENT_TIMEOUT, false, b"")
        }
        s if s == RPC_ERR_NEGATIVE_MAX_RETRIES as i32 => (MAX_RETRIES, false, b""),
        s if s == RPC_ERR_DECAYING_BACKOFF as i32 => (BACKOFF, false, b""),
        s if s == RPC_ERR_NEGATIVE_RETRY_DURATION as i32 => (DURATION, false, b""),
        s if s == RPC_ERR_INVALID_THREAD_COUNT as i32 => (THREADS, true, b""),
        s if s == RPC_ERR_WORKER_ID_OUT_OF_RANGE as i32 => (ID.0, true, ID.1),
        s if s == RPC_ERR_RETRIES_EXHAUSTED as i32 => (EXHAUSTED.0, true, EXHAUSTED.1),
        s if s == RPC_ERR_INVALID_WORKER_NAME as i32 => {
            if text_len > i32::MAX as usize - NAME.len() {
                return RPC_ERR_MESSAGE_TOO_LONG as i32;
            }
            w.push(NAME);
            // SAFETY: NULL only with length 0, else `text_len` readable bytes (precondition).
            w.push(unsafe { bytes(text, text_len) });
            return w.finish();
        }
        _ => return RPC_ERR_NO_PYTORCH_MESSAGE as i32,
    };
    w.push(head);
    if numbered {
        w.push_int(value);
    }
    w.push(tail);
    // At most 70 + 20 + 2 bytes.
    w.finish()
}
