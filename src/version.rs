//! The library's own version, and the check of a header's version against it.

use crate::spec::soname::{abi_components, parse_component};
use crate::status::*;
use core::ffi::c_char;

static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

const OWN: [u64; 3] = [
    parse_component(env!("CARGO_PKG_VERSION_MAJOR")),
    parse_component(env!("CARGO_PKG_VERSION_MINOR")),
    parse_component(env!("CARGO_PKG_VERSION_PATCH")),
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

/// Reads exactly "MAJOR.MINOR.PATCH": three decimal numbers without leading zeros (as SemVer
/// writes them) of at most 19 digits, separated by '.', and nothing after them. None for
/// anything else.
///
/// Precondition: `p` points to a NUL-terminated string. Reading stops at the first byte that
/// cannot continue the grammar, so it never goes past the NUL.
unsafe fn parse_version(p: *const c_char) -> Option<[u64; 3]> {
    let mut parts = [0u64; 3];
    let mut i = 0;
    // SAFETY: `i` only moves past bytes that were digits or separators, never past the NUL, and
    // every byte up to the NUL is readable (precondition).
    let byte = |i: usize| unsafe { *p.add(i) } as u8;
    for (n, part) in parts.iter_mut().enumerate() {
        let mut digits = 0;
        while byte(i).is_ascii_digit() {
            // No leading zero, and at most 19 digits, which cannot overflow u64.
            if (digits == 1 && *part == 0) || digits == 19 {
                return None;
            }
            *part = *part * 10 + u64::from(byte(i) - b'0');
            digits += 1;
            i += 1;
        }
        if digits == 0 || byte(i) != if n < 2 { b'.' } else { 0 } {
            return None;
        }
        i += 1;
    }
    Some(parts)
}

/// Checks that this library can serve a program compiled with the header whose version is
/// `_header_version` (pass RPC_CONSTANTS_VERSION, as RPC_CONSTANTS_CHECK_VERSION() does).
///
/// Returns RPC_OK when both are on the same ABI line (the one the SONAME names: the same major
/// version from 1.0 on, the same 0.y before, the same 0.0.z before that) and the library is not
/// older than the header (an older library may lack what a newer header declares). Otherwise
/// RPC_ERR_VERSION_MISMATCH, also for any string that is not exactly "MAJOR.MINOR.PATCH": decimal
/// numbers of at most 19 digits without leading zeros, and nothing before or after them
/// ("0.1.0-rc.1" and "0.1.0 " are mismatches); RPC_ERR_NULL_POINTER for NULL. Like zlib's
/// ZLIB_VERSION check, it lets a program stop early with a clear message: print
/// RPC_CONSTANTS_VERSION and rpc_constants_version().
///
/// Precondition: `_header_version` must be NULL or point to a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn rpc_constants_check_version(header_version: *const c_char) -> rpc_status {
    if header_version.is_null() {
        return RPC_ERR_NULL_POINTER;
    }
    // SAFETY: not NULL, and NUL-terminated (precondition).
    let Some(header) = (unsafe { parse_version(header_version) }) else {
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
