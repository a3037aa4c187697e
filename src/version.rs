//! The library's own version, for comparison with the header's `RPC_CONSTANTS_VERSION`.

use core::ffi::c_char;

static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// Version of the loaded library, as "MAJOR.MINOR.PATCH" (NUL-terminated, static storage).
///
/// Compare it with the header's RPC_CONSTANTS_VERSION to detect a program built against one
/// version and run with another. Always returns the same pointer.
#[no_mangle]
pub extern "C" fn rpc_constants_version() -> *const c_char {
    VERSION.as_ptr().cast()
}
