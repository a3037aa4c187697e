//! Every status code once: its name, value and documentation (the header's) and its text (what
//! rpc_status_str() returns).
//!
//! Compiled twice, like `defs.rs` beside it: build.rs writes the `rpc_status` enum (so that cbindgen can
//! declare it) and rpc_status_str()'s `match` from this table, and that match reads the texts
//! from it.

use core::ffi::CStr;

/// One status code.
#[allow(dead_code, reason = "the library reads only `text`; build.rs the rest, for the enum and match")]
pub struct StatusCode {
    /// The enumerator's name.
    pub name: &'static str,
    pub code: i32,
    /// The enumerator's documentation in the header, as one paragraph.
    pub doc: &'static str,
    /// What rpc_status_str() returns for it.
    pub text: &'static CStr,
}

/// The documentation of the `rpc_status` type itself, one paragraph per entry.
#[allow(dead_code, reason = "build.rs writes it into the enum; the library never reads it")]
pub const RPC_STATUS_DOC: &[&str] = &[
    "Result of a function that can fail: RPC_OK, or a negative error code.",
    "Functions that return a length (rpc_format_timeout_error(), rpc_format_rpc_error()) return a \
     negative rpc_status on error instead. rpc_status_str() describes each code.",
];

/// What rpc_status_str() returns for any other value.
#[allow(dead_code, reason = "the library's; build.rs does not need the texts")]
pub const UNKNOWN_TEXT: &CStr = c"unknown rpc_constants status";

pub const STATUS_CODES: &[StatusCode] = &[
    StatusCode { name: "RPC_OK", code: 0, doc: "Success; the output was written.", text: c"success" },
    StatusCode {
        name: "RPC_ERR_NULL_POINTER",
        code: -1,
        doc: "A required pointer argument was NULL; nothing was written.",
        text: c"a required pointer argument was NULL",
    },
    StatusCode {
        name: "RPC_ERR_NEGATIVE_TIMEOUT",
        code: -2,
        doc: "A negative timeout. For an agent default PyTorch rejects it (\"RPC Timeout must be \
              non-negative\"). A per-call timeout other than the exact UNSET sentinel PyTorch does \
              not check: where seconds * 1000.0f is -1 or less its deadline has already passed and \
              the RPC fails at once; where it lies in (-1, 0) it truncates to 0 ms, which never \
              expires. Either way a negative timeout is a caller's mistake, so it is reported \
              instead of converted.",
        text: c"negative timeout",
    },
    StatusCode {
        name: "RPC_ERR_NOT_A_NUMBER",
        code: -3,
        doc: "The timeout is NaN. PyTorch rejects it as an agent default (it fails the `>= 0` \
              check); as a per-call timeout its conversion is undefined behaviour in PyTorch.",
        text: c"timeout is NaN",
    },
    StatusCode {
        name: "RPC_ERR_OUT_OF_RANGE",
        code: -4,
        doc: "The timeout is infinite, or seconds * 1000.0f lies outside the integer type PyTorch \
              converts it to (int64 for an agent default, int32 for a per-call timeout): undefined \
              behaviour in PyTorch. For rpc_retry_delay_ms(): the delay in milliseconds is infinite, \
              NaN (0 ms times an infinite power) or 2^63 or more, where PyTorch's duration_cast is \
              undefined.",
        text: c"timeout is infinite or out of range",
    },
    StatusCode {
        name: "RPC_ERR_INVALID_THREAD_COUNT",
        code: -5,
        doc: "A worker-thread count that is not greater than 0 (PyTorch rejects it).",
        text: c"worker-thread count must be greater than 0",
    },
    StatusCode {
        name: "RPC_ERR_VERSION_MISMATCH",
        code: -6,
        doc: "The header a program was compiled with and the loaded library are not compatible \
              (or the version string could not be read); see rpc_constants_check_version().",
        text: c"header and library versions are not compatible",
    },
    StatusCode {
        name: "RPC_ERR_INVALID_WORKER_NAME",
        code: -7,
        doc: "A worker name PyTorch's WorkerInfo rejects: empty, 128 bytes or longer, or with a byte \
              other than an ASCII letter, digit, '-', '_' or ':' (\"Worker name must match \
              ^[A-Za-z0-9-_:]*$, and must be non-empty and shorter than 128 chars\").",
        text: c"worker name must be 1 to 127 bytes of A-Z a-z 0-9 - _ :",
    },
    StatusCode {
        name: "RPC_ERR_WORKER_ID_OUT_OF_RANGE",
        code: -8,
        doc: "A worker id outside worker_id_t (int16_t), -32768 to 32767: PyTorch's WorkerInfo \
              rejects one above 32767 (\"RPC worker id <id> out of bound of int16_t.\") and, from \
              Python, one below -32768; its C++ constructor would wrap the latter.",
        text: c"worker id out of bound of int16_t",
    },
    StatusCode {
        name: "RPC_ERR_UNPARSABLE_ERROR_TYPE",
        code: -9,
        doc: "The error type between \"RPCErr\" and the next ':' is not an int: no digits, or a \
              value outside int. PyTorch's getRPCErrorType() throws there (std::stoi's \
              std::invalid_argument or std::out_of_range).",
        text: c"RPC error type is not an int",
    },
    StatusCode {
        name: "RPC_ERR_NEGATIVE_MAX_RETRIES",
        code: -10,
        doc: "A negative maxRetries, which PyTorch's sendWithRetries rejects (\"maxRetries cannot \
              be negative.\").",
        text: c"maxRetries cannot be negative",
    },
    StatusCode {
        name: "RPC_ERR_DECAYING_BACKOFF",
        code: -11,
        doc: "A retryBackoff that is not at least 1 (NaN included), which PyTorch's sendWithRetries \
              rejects with the message \"maxRetries cannot be exponentially decaying.\" (sic: the \
              check is on retryBackoff).",
        text: c"retryBackoff must be at least 1",
    },
    StatusCode {
        name: "RPC_ERR_NEGATIVE_RETRY_DURATION",
        code: -12,
        doc: "A negative rpcRetryDuration, which PyTorch's sendWithRetries rejects \
              (\"rpcRetryDuration cannot be negative.\").",
        text: c"rpcRetryDuration cannot be negative",
    },
    StatusCode {
        name: "RPC_ERR_NEGATIVE_RETRY_COUNT",
        code: -13,
        doc: "A negative retry count. PyTorch counts retries from 0 and never computes a delay for \
              a negative count.",
        text: c"negative retry count",
    },
    StatusCode {
        name: "RPC_ERR_MESSAGE_TOO_LONG",
        code: -14,
        doc: "The formatted message would be longer than INT32_MAX bytes, which the int32_t result \
              cannot count; nothing was written.",
        text: c"message longer than INT32_MAX bytes",
    },
];
