//! The library's own version, and the check of a header's version against it.

use crate::abi::abi_components;
use crate::status::*;
use core::ffi::c_char;

static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

const fn parse_u64(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut value = 0;
    let mut i = 0;
    while i < b.len() {
        value = value * 10 + (b[i] - b'0') as u64;
        i += 1;
    }
    value
}

const OWN: [u64; 3] = [
    parse_u64(env!("CARGO_PKG_VERSION_MAJOR")),
    parse_u64(env!("CARGO_PKG_VERSION_MINOR")),
    parse_u64(env!("CARGO_PKG_VERSION_PATCH")),
];

/// Version of the loaded library, as "MAJOR.MINOR.PATCH" (NUL-terminated, static storage).
///
/// Compare it with the header's RPC_CONSTANTS_VERSION to detect a program built against one
/// version and run with another, or use RPC_CONSTANTS_CHECK_VERSION(). Always returns the same
/// pointer.
#[no_mangle]
pub extern "C" fn rpc_constants_version() -> *const c_char {
    VERSION.as_ptr().cast()
}

/// Reads "MAJOR.MINOR.PATCH" (anything after PATCH, such as "-rc.1", is ignored); None if the
/// three numbers are not there or overflow.
unsafe fn parse_version(mut p: *const c_char) -> Option<[u64; 3]> {
    let mut parts = [0u64; 3];
    for (i, part) in parts.iter_mut().enumerate() {
        let mut digits = 0;
        while (*p as u8).is_ascii_digit() {
            *part = part.checked_mul(10)?.checked_add(u64::from(*p as u8 - b'0'))?;
            p = p.add(1);
            digits += 1;
        }
        if digits == 0 || (i < 2 && *p as u8 != b'.') {
            return None;
        }
        if i < 2 {
            p = p.add(1);
        }
    }
    Some(parts)
}

/// Checks that this library can serve a program compiled with the header whose version is
/// `header_version` (pass RPC_CONSTANTS_VERSION, as RPC_CONSTANTS_CHECK_VERSION() does).
///
/// Returns RPC_OK when both are on the same ABI line (the one the SONAME names: the same major
/// version from 1.0 on, the same 0.y before, the same 0.0.z before that) and the library is not
/// older than the header (an older library may lack what a newer header declares). Otherwise
/// RPC_ERR_VERSION_MISMATCH, also for a string that is not "MAJOR.MINOR.PATCH";
/// RPC_ERR_NULL_POINTER for NULL. Like zlib's ZLIB_VERSION check, it lets a program stop early
/// with a clear message: print RPC_CONSTANTS_VERSION and rpc_constants_version().
///
/// # Safety
/// `header_version` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn rpc_constants_check_version(header_version: *const c_char) -> rpc_status {
    if header_version.is_null() {
        return RPC_ERR_NULL_POINTER;
    }
    let Some(header) = parse_version(header_version) else {
        return RPC_ERR_VERSION_MISMATCH;
    };
    let line = abi_components(OWN[0], OWN[1]);
    let same_line = header.iter().zip(OWN.iter()).take(line).all(|(h, o)| h == o);
    if same_line && OWN >= header {
        RPC_OK
    } else {
        RPC_ERR_VERSION_MISMATCH
    }
}
