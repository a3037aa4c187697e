//! Status codes returned by the functions that can reject their input. build.rs writes the
//! `rpc_status` enum and rpc_status_str()'s `match` from the table in `spec/status_codes.rs`.

use core::ffi::{c_char, CStr};

include!(concat!(env!("OUT_DIR"), "/status.rs"));

pub use rpc_status::*;

/// A description of a status code (static storage, NUL-terminated, never NULL).
///
/// Any int32_t is accepted: a value that is not an rpc_status gives "unknown rpc_constants
/// status".
#[no_mangle]
pub extern "C" fn rpc_status_str(status: i32) -> *const c_char {
    let text: &CStr = include!(concat!(env!("OUT_DIR"), "/status_str.rs"));
    text.as_ptr()
}
