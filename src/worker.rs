//! Worker names and ids, checked as PyTorch's `WorkerInfo` constructors check them
//! (torch/csrc/distributed/rpc/rpc_agent.cpp).

use crate::spec::defs::WORKER_NAME_MAX_LEN;
use crate::status::*;
use core::ffi::c_char;

/// `std::isalnum(c) || c == '-' || c == '_' || c == ':'` in the "C" locale.
fn name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':')
}

/// WorkerInfo's name check: 1 to 127 bytes, each a `name_byte`.
pub(crate) fn name_is_valid(name: &[u8]) -> bool {
    !name.is_empty() && name.len() < WORKER_NAME_MAX_LEN && name.iter().all(|&b| name_byte(b))
}

/// Checks a worker name as PyTorch's `WorkerInfo` constructor does: RPC_OK when it is 1 to 127
/// bytes long (shorter than RPC_WORKER_NAME_MAX_LEN, counted in bytes) and every byte is an ASCII
/// letter or digit or one of '-', '_', ':'; else RPC_ERR_INVALID_WORKER_NAME.
///
/// The name is `_len` bytes from `_name`, which need not be NUL-terminated: a NUL byte among them
/// is a byte like any other, and invalid (PyTorch's name is a std::string, which may hold one).
/// Results: "worker0", "trainer:3", "ps-1_a" are valid; "" (also NULL with `_len` 0), "worker 1",
/// "abc*", "w\xc3\xa9", a 128-byte name are not. PyTorch uses std::isalnum, whose answer depends
/// on the C locale; this is its answer in the "C" and UTF-8 locales (under a single-byte locale
/// such as ISO-8859-1 PyTorch may also accept some bytes from 0x80 up; this library never does).
/// Errors: RPC_ERR_NULL_POINTER if `_name` is NULL while `_len` > 0.
/// Mirrors `WorkerInfo::WorkerInfo(std::string name, worker_id_t id)` in PyTorch's rpc_agent.cpp.
///
/// Precondition: `_name` must be NULL or point to `_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn rpc_validate_worker_name(name: *const c_char, len: usize) -> rpc_status {
    if len == 0 {
        return RPC_ERR_INVALID_WORKER_NAME;
    }
    if name.is_null() {
        return RPC_ERR_NULL_POINTER;
    }
    if len >= WORKER_NAME_MAX_LEN {
        return RPC_ERR_INVALID_WORKER_NAME;
    }
    // SAFETY: not NULL, and `len` (under 128) bytes are readable (precondition).
    let bytes = unsafe { core::slice::from_raw_parts(name.cast::<u8>(), len) };
    if name_is_valid(bytes) {
        RPC_OK
    } else {
        RPC_ERR_INVALID_WORKER_NAME
    }
}

/// Checks a worker id as PyTorch's `WorkerInfo(std::string name, int64_t id)` constructor does,
/// and gives the worker_id_t (int16_t) it stores.
///
/// RPC_OK for an id in [RPC_WORKER_ID_MIN, RPC_WORKER_ID_MAX] (-32768 to 32767), with `*_out_id`
/// = the id; RPC_ERR_WORKER_ID_OUT_OF_RANGE for any other, on either side. PyTorch has two
/// paths: from Python, `WorkerInfo(name, id)` converts the id to int16_t in the binding and
/// rejects what does not fit, as this function does; the C++ `WorkerInfo(std::string, int64_t)`
/// constructor checks only the upper bound and wraps an id below -32768 modulo 2^16 (-32769
/// becomes 32767, another worker's id), which this function reports instead.
/// On an error `*_out_id` is left untouched. PyTorch checks the name first (see
/// rpc_validate_worker_name()).
/// Errors: RPC_ERR_NULL_POINTER if `_out_id` is NULL (checked first).
///
/// Precondition: `_out_id` must be NULL or point to a writable int16_t.
#[no_mangle]
pub unsafe extern "C" fn rpc_validate_worker_id(id: i64, out_id: *mut i16) -> rpc_status {
    if out_id.is_null() {
        return RPC_ERR_NULL_POINTER;
    }
    let Ok(stored) = i16::try_from(id) else {
        return RPC_ERR_WORKER_ID_OUT_OF_RANGE;
    };
    // SAFETY: not NULL, and writable (precondition).
    unsafe { *out_id = stored };
    RPC_OK
}
