//! PyTorch's timeout message, formatted without core::fmt (which would cost about 10 KiB).

use crate::defs::RPC_TIMEOUT_ERROR_STR;
use crate::status::RPC_ERR_NULL_POINTER;
use core::ffi::c_char;

/// `makeRPCError(message, RPCErrorType::TIMEOUT)`: kRPCErrorPrefix "RPCErr", then the error
/// type's number (TIMEOUT = 1), then the message, separated by ':'.
const RPC_ERROR_PREFIX: &[u8] = b"RPCErr:1:";

/// The pattern around its `{}` placeholder, split at compile time.
const PATTERN: (&[u8], &[u8]) = split_at_placeholder(RPC_TIMEOUT_ERROR_STR.as_bytes());

const fn split_at_placeholder(pattern: &[u8]) -> (&[u8], &[u8]) {
    let mut i = 0;
    while i + 1 < pattern.len() {
        if pattern[i] == b'{' && pattern[i + 1] == b'}' {
            let (head, rest) = pattern.split_at(i);
            let (_, tail) = rest.split_at(2);
            return (head, tail);
        }
        i += 1;
    }
    panic!("the timeout message has no {{}} placeholder");
}

/// Decimal digits of `value`'s magnitude, most significant first, in `digits[start..]`; returns
/// `start`. 20 digits hold any u64, so the loop always ends by `break`.
fn decimal(value: i64, digits: &mut [u8; 20]) -> usize {
    let mut magnitude = value.unsigned_abs();
    let mut count = 0;
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (magnitude % 10) as u8;
        magnitude /= 10;
        count += 1;
        if magnitude == 0 {
            break;
        }
    }
    digits.len() - count
}

/// Appends bytes while there is room, always counting the full length.
struct Writer {
    buf: *mut u8,
    room: usize,
    len: usize,
}

impl Writer {
    fn push(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.len < self.room {
                // SAFETY: len < room <= capacity - 1, and the caller vouched for capacity bytes.
                unsafe { self.buf.add(self.len).write(b) };
            }
            self.len += 1;
        }
    }
}

/// Formats PyTorch's timeout message for `timeout_ms` into `buf`, with snprintf semantics.
///
/// The text is "RPC ran for more than set timeout (<timeout_ms> ms) and will now be marked with
/// an error", preceded by "RPCErr:1:" when `with_prefix` is nonzero (as PyTorch's makeRPCError
/// reports a TIMEOUT error). Every int64_t is formatted, negatives with '-'.
/// Returns the full length of the text, not counting the NUL, even when it was cut short.
/// Writes at most `capacity` bytes and, when `capacity` > 0, always NUL-terminates; with
/// `capacity` 0 it writes nothing, so (NULL, 0) asks for the size needed (result + 1).
/// Returns RPC_ERR_NULL_POINTER (negative) if `buf` is NULL while `capacity` > 0.
///
/// Precondition: `buf` must be NULL or point to `capacity` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn rpc_format_timeout_error(
    buf: *mut c_char,
    capacity: usize,
    timeout_ms: i64,
    with_prefix: i32,
) -> i32 {
    if buf.is_null() && capacity != 0 {
        return RPC_ERR_NULL_POINTER as i32;
    }
    let mut w = Writer { buf: buf.cast(), room: capacity.saturating_sub(1), len: 0 };
    if with_prefix != 0 {
        w.push(RPC_ERROR_PREFIX);
    }
    w.push(PATTERN.0);
    if timeout_ms < 0 {
        w.push(b"-");
    }
    let mut digits = [0u8; 20];
    let start = decimal(timeout_ms, &mut digits);
    w.push(digits.get(start..).unwrap_or(&[]));
    w.push(PATTERN.1);
    if capacity != 0 {
        // SAFETY: min(len, room) < capacity.
        unsafe { w.buf.add(w.len.min(w.room)).write(0) };
    }
    // At most 9 + 76 + 20 bytes: always fits.
    w.len as i32
}
