//! PyTorch's error messages, formatted without core::fmt (which would cost about 10 KiB): the
//! timeout message, `makeRPCError`'s "RPCErr:{type}:{message}" and `getRPCErrorType`'s parse of
//! it (torch/csrc/distributed/rpc/utils.cpp).

use crate::spec::defs::{ERROR_TYPE_TIMEOUT, RPC_ERROR_PREFIX_STR, RPC_TIMEOUT_ERROR_STR};
use crate::status::*;
use core::ffi::c_char;

/// `kRPCErrorPrefix` (utils.cpp).
const PREFIX: &[u8] = RPC_ERROR_PREFIX_STR.as_bytes();

/// `makeRPCError(message, RPCErrorType::TIMEOUT)`: kRPCErrorPrefix "RPCErr", then the error
/// type's number (TIMEOUT = 1), then the message, separated by ':'.
const TIMEOUT_PREFIX: &[u8] = b"RPCErr:1:";
const _: () = assert!(ERROR_TYPE_TIMEOUT == 1, "TIMEOUT_PREFIX spells TIMEOUT as 1");

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

/// Appends bytes while there is room, always counting the full length: snprintf's semantics.
pub(crate) struct Writer {
    buf: *mut u8,
    /// capacity - 1: the bytes of text that fit before the NUL.
    room: usize,
    len: usize,
    /// capacity > 0: there is room for the NUL.
    terminate: bool,
}

impl Writer {
    /// A writer into `capacity` bytes at `buf`, or None (the caller's RPC_ERR_NULL_POINTER) when
    /// `buf` is NULL while `capacity` > 0.
    ///
    /// Precondition (of every later `push`): `buf` is NULL or points to `capacity` writable bytes.
    pub(crate) fn new(buf: *mut c_char, capacity: usize) -> Option<Self> {
        (!buf.is_null() || capacity == 0).then(|| Writer {
            buf: buf.cast(),
            room: capacity.saturating_sub(1),
            len: 0,
            terminate: capacity != 0,
        })
    }

    // Not inlined: the formatters push a dozen pieces each, and one copy of the loop serves them.
    #[inline(never)]
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.len < self.room {
                // SAFETY: len < room <= capacity - 1, and the caller vouched for capacity bytes.
                unsafe { self.buf.add(self.len).write(b) };
            }
            self.len += 1;
        }
    }

    /// `value` in decimal, negatives with '-'.
    pub(crate) fn push_int(&mut self, value: i64) {
        if value < 0 {
            self.push(b"-");
        }
        let mut digits = [0u8; 20];
        let start = decimal(value, &mut digits);
        self.push(digits.get(start..).unwrap_or(&[]));
    }

    /// Writes the NUL (when there is any room) and returns the full length. Callers keep the
    /// length within INT32_MAX.
    pub(crate) fn finish(self) -> i32 {
        if self.terminate {
            // SAFETY: capacity > 0 (so `buf` is not NULL), and min(len, room) <= capacity - 1.
            unsafe { self.buf.add(self.len.min(self.room)).write(0) };
        }
        self.len as i32
    }
}

/// Formats PyTorch's timeout message for `_timeout_ms` into `_buf`, with snprintf semantics.
///
/// The text is "RPC ran for more than set timeout (<_timeout_ms> ms) and will now be marked with
/// an error", preceded by "RPCErr:1:" when `_with_prefix` is nonzero (as PyTorch's makeRPCError
/// reports a TIMEOUT error). Every int64_t is formatted, negatives with '-'.
/// Returns the full length of the text, not counting the NUL, even when it was cut short.
/// Writes at most `_capacity` bytes and, when `_capacity` > 0, always NUL-terminates; with
/// `_capacity` 0 it writes nothing, so (NULL, 0) asks for the size needed (result + 1).
/// Returns RPC_ERR_NULL_POINTER (negative) if `_buf` is NULL while `_capacity` > 0.
///
/// Precondition: `_buf` must be NULL or point to `_capacity` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn rpc_format_timeout_error(
    buf: *mut c_char,
    capacity: usize,
    timeout_ms: i64,
    with_prefix: i32,
) -> i32 {
    let Some(mut w) = Writer::new(buf, capacity) else { return RPC_ERR_NULL_POINTER as i32 };
    if with_prefix != 0 {
        w.push(TIMEOUT_PREFIX);
    }
    w.push(PATTERN.0);
    w.push_int(timeout_ms);
    w.push(PATTERN.1);
    // At most 9 + 76 + 20 bytes: always fits.
    w.finish()
}

/// The `len` bytes at `p` (none when `len` is 0, whatever `p` is).
///
/// Precondition: `p` is not NULL or `len` is 0; a non-NULL `p` points to `len` readable bytes,
/// and `len` <= isize::MAX.
pub(crate) unsafe fn bytes<'a>(p: *const c_char, len: usize) -> &'a [u8] {
    if len == 0 {
        return &[];
    }
    // SAFETY: not NULL (len > 0), `len` readable bytes within one object (precondition).
    unsafe { core::slice::from_raw_parts(p.cast::<u8>(), len) }
}

/// Formats an RPC error as PyTorch's `makeRPCError(message, type)` does, into `_buf`, with
/// snprintf semantics: "RPCErr:<error_type>:<message>", the type in decimal (any int32_t,
/// negatives with '-') and the `_message_len` bytes of `_message` copied as they are (a ':' or a NUL
/// among them included).
///
/// Returns the full length of the text, not counting the NUL, even when it was cut short.
/// Writes at most `_capacity` bytes and, when `_capacity` > 0, always NUL-terminates; with
/// `_capacity` 0 it writes nothing, so (NULL, 0) asks for the size needed (result + 1). For
/// example error type RPC_ERROR_TYPE_INTENTIONAL_FAILURE and "boom" give "RPCErr:2:boom".
/// Errors (negative, nothing written): RPC_ERR_NULL_POINTER if `_buf` is NULL while `_capacity` > 0
/// or `_message` is NULL while `_message_len` > 0; RPC_ERR_MESSAGE_TOO_LONG if the text would be
/// longer than INT32_MAX bytes.
/// Mirrors `makeRPCError` in PyTorch's utils.cpp.
///
/// Precondition: `_buf` must be NULL or point to `_capacity` writable bytes; `_message` must be NULL
/// or point to `_message_len` readable bytes; the two must not overlap.
#[no_mangle]
pub unsafe extern "C" fn rpc_format_rpc_error(
    buf: *mut c_char,
    capacity: usize,
    error_type: i32,
    message: *const c_char,
    message_len: usize,
) -> i32 {
    if message.is_null() && message_len != 0 {
        return RPC_ERR_NULL_POINTER as i32;
    }
    let Some(mut w) = Writer::new(buf, capacity) else { return RPC_ERR_NULL_POINTER as i32 };
    let mut digits = [0u8; 20];
    let number = decimal(i64::from(error_type), &mut digits);
    // "RPCErr" ':' ['-'] digits ':' message
    let fixed = PREFIX.len() + 2 + usize::from(error_type < 0) + (digits.len() - number);
    if message_len > i32::MAX as usize - fixed {
        return RPC_ERR_MESSAGE_TOO_LONG as i32;
    }
    w.push(PREFIX);
    w.push(b":");
    w.push_int(i64::from(error_type));
    w.push(b":");
    // SAFETY: NULL only with length 0, else `message_len` (< 2^31) readable bytes (precondition).
    w.push(unsafe { bytes(message, message_len) });
    // At most INT32_MAX: checked above.
    w.finish()
}

/// `std::stoi(field)`: strtol's parse of the field up to its first NUL (std::stoi reads
/// `c_str()`), base 10: leading C-locale white space, one optional sign, then the longest run of
/// digits; whatever follows is ignored. None where std::stoi throws: no digits
/// (std::invalid_argument) or a value outside int (std::out_of_range).
fn stoi(field: &[u8]) -> Option<i32> {
    let mut rest = field.iter().copied().take_while(|&b| b != 0).skip_while(|&b| matches!(b, b' ' | 9..=13));
    let mut next = rest.next();
    let negative = next == Some(b'-');
    if matches!(next, Some(b'-' | b'+')) {
        next = rest.next();
    }
    // Saturates above 2^31, which no int reaches: the magnitude of INT_MIN is 2^31.
    let mut magnitude: u64 = 0;
    let mut any_digit = false;
    while let Some(d @ b'0'..=b'9') = next {
        magnitude = (magnitude * 10 + u64::from(d - b'0')).min(1 << 32);
        any_digit = true;
        next = rest.next();
    }
    let value = if negative { -(magnitude as i64) } else { magnitude as i64 };
    if !any_digit {
        return None;
    }
    i32::try_from(value).ok()
}

/// Whether a window of the message is "RPCErr". Not `w == PREFIX`: a slice comparison may become a
/// call to `bcmp`/`memcmp`, which this library (no libc) does not have on targets where the
/// compiler does not inline it (riscv64). The bytes are gathered into one integer instead.
fn is_prefix(w: &[u8]) -> bool {
    let pack = |bytes: &[u8]| bytes.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b));
    w.len() == PREFIX.len() && pack(w) == pack(PREFIX)
}

/// `getRPCErrorType`'s parse of the error message `err`: Ok(the int it casts to RPCErrorType) or
/// Err where std::stoi throws.
fn error_type(err: &[u8]) -> Result<i32, rpc_status> {
    const UNKNOWN_ERROR: i32 = 0;
    // err.find(kRPCErrorPrefix): the first occurrence.
    let Some(pos) = err.windows(PREFIX.len()).position(is_prefix) else {
        return Ok(UNKNOWN_ERROR);
    };
    // errStartIdx = pos + 6 + 1 (the byte after the prefix is skipped unchecked); find(':', start)
    // is npos from the end of the string on.
    let after = err.get(pos + PREFIX.len() + 1..).unwrap_or(&[]);
    let Some(end) = after.iter().position(|&b| b == b':') else {
        return Ok(UNKNOWN_ERROR);
    };
    stoi(after.get(..end).unwrap_or(&[])).ok_or(RPC_ERR_UNPARSABLE_ERROR_TYPE)
}

/// Classifies an RPC error message as PyTorch's `getRPCErrorType` does: the message is the
/// `_len` bytes at `_message` up to the first NUL among them, if any. PyTorch reads the error's
/// text as what() returns it, a C string, so it ends there too: "RPCErr:1\0junk:x" (15 bytes)
/// is "RPCErr:1", which has no second ':' and gives RPC_ERROR_TYPE_UNKNOWN_ERROR.
///
/// On RPC_OK `*_out_type` holds the error type, which may be any int, as PyTorch's result is:
/// - RPC_ERROR_TYPE_UNKNOWN_ERROR (0) when the message contains no "RPCErr", or no ':' after the
///   byte that follows the first "RPCErr";
/// - otherwise the text between that byte and that ':' read as std::stoi reads it (up to a NUL;
///   leading white space, a sign and trailing junk accepted): "RPCErr:1:x" gives 1, "xRPCErr:2:"
///   2, "RPCErr: +7abc:x" 7, "RPCErrX1:x" 1 (the byte after "RPCErr" is not checked), "RPCErr:-1:"
///   -1. PyTorch casts that int to RPCErrorType unchecked (undefined behaviour since C++17 for an
///   int outside 0..3); a value that is none of the three (RPC_ERROR_TYPE_UNKNOWN_ERROR,
///   RPC_ERROR_TYPE_TIMEOUT, RPC_ERROR_TYPE_INTENTIONAL_FAILURE) is reported as the int it is.
///
/// Errors (`*_out_type` untouched): RPC_ERR_NULL_POINTER if `_out_type` is NULL, or `_message` is
/// NULL while `_len` > 0; RPC_ERR_UNPARSABLE_ERROR_TYPE where PyTorch's std::stoi throws: no
/// digits ("RPCErr::x", "RPCErr:x:") or a number outside int ("RPCErr:2147483648:").
/// Mirrors `getRPCErrorType` in PyTorch's utils.cpp.
///
/// Precondition: `_message` must be NULL or point to `_len` readable bytes; `_out_type` must be NULL
/// or point to a writable int32_t.
#[no_mangle]
pub unsafe extern "C" fn rpc_classify_rpc_error(
    message: *const c_char,
    len: usize,
    out_type: *mut i32,
) -> rpc_status {
    if out_type.is_null() || (message.is_null() && len != 0) {
        return RPC_ERR_NULL_POINTER;
    }
    // SAFETY: NULL only with length 0, else `len` readable bytes (precondition).
    let given = unsafe { bytes(message, len) };
    // what() is a C string: tryRetrieveErrorMessage's std::string(e.what()) ends at a NUL.
    let text = given.split(|&b| b == 0).next().unwrap_or(&[]);
    match error_type(text) {
        Ok(t) => {
            // SAFETY: not NULL, and writable (precondition).
            unsafe { *out_type = t };
            RPC_OK
        }
        Err(status) => status,
    }
}
