//! Status codes returned by the functions that can reject their input.

use core::ffi::c_char;

/// Result of a function that can fail: RPC_OK, or a negative error code.
///
/// Functions that return a length (rpc_format_timeout_error()) return a negative rpc_status on
/// error instead. rpc_status_str() describes each code.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[allow(non_camel_case_types, clippy::enum_variant_names)]
pub enum rpc_status {
    /// Success; the output was written.
    RPC_OK = 0,
    /// A required pointer argument was NULL; nothing was written.
    RPC_ERR_NULL_POINTER = -1,
    /// A negative timeout. For an agent default PyTorch rejects it ("RPC Timeout must be
    /// non-negative"). A per-call timeout other than the exact UNSET sentinel PyTorch does not
    /// check: where seconds * 1000.0f is -1 or less its deadline has already passed and the RPC
    /// fails at once; where it lies in (-1, 0) it truncates to 0 ms, which never expires. Either
    /// way a negative timeout is a caller's mistake, so it is reported instead of converted.
    RPC_ERR_NEGATIVE_TIMEOUT = -2,
    /// The timeout is NaN. PyTorch rejects it as an agent default (it fails the `>= 0` check); as
    /// a per-call timeout its conversion is undefined behaviour in PyTorch.
    RPC_ERR_NOT_A_NUMBER = -3,
    /// The timeout is infinite, or seconds * 1000.0f lies outside the integer type PyTorch
    /// converts it to (int64 for an agent default, int32 for a per-call timeout): undefined
    /// behaviour in PyTorch.
    RPC_ERR_OUT_OF_RANGE = -4,
    /// A worker-thread count that is not greater than 0 (PyTorch rejects it).
    RPC_ERR_INVALID_THREAD_COUNT = -5,
    /// The header a program was compiled with and the loaded library are not compatible (or the
    /// version string could not be read); see rpc_constants_check_version().
    RPC_ERR_VERSION_MISMATCH = -6,
}

pub use rpc_status::*;

/// A description of a status code (static storage, NUL-terminated, never NULL).
///
/// Any int32_t is accepted: a value that is not an rpc_status gives "unknown rpc_constants
/// status".
#[no_mangle]
pub extern "C" fn rpc_status_str(status: i32) -> *const c_char {
    let text: &'static str = match status {
        0 => "success\0",
        -1 => "a required pointer argument was NULL\0",
        -2 => "negative timeout\0",
        -3 => "timeout is NaN\0",
        -4 => "timeout is infinite or out of range\0",
        -5 => "worker-thread count must be greater than 0\0",
        -6 => "header and library versions are not compatible\0",
        _ => "unknown rpc_constants status\0",
    };
    text.as_ptr().cast()
}
