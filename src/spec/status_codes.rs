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
    "Functions that return a length (the rpc_format_... functions) return a negative rpc_status on \
     error instead. rpc_status_str() describes each code in this library's words; \
     rpc_format_pytorch_error() gives PyTorch's own message for a status whose input PyTorch \
     rejects.",
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
        doc: "A negative agent-wide default timeout, which PyTorch's RpcBackendOptions rejects (\"RPC \
              Timeout must be non-negative\"). A negative per-call timeout is no error: PyTorch \
              converts it (see rpc_resolve_timeout_ms()).",
        text: c"negative timeout",
    },
    StatusCode {
        name: "RPC_ERR_NOT_A_NUMBER",
        code: -3,
        doc: "The timeout is NaN. PyTorch rejects it as an agent default (it fails the `>= 0` \
              check, \"RPC Timeout must be non-negative\"); as a per-call or _all_gather timeout \
              its conversion is undefined behaviour in PyTorch.",
        text: c"timeout is NaN",
    },
    StatusCode {
        name: "RPC_ERR_OUT_OF_RANGE",
        code: -4,
        doc: "The timeout is infinite, or seconds * 1000.0f lies outside the integer type PyTorch \
              converts it to (int64 for an agent default, int32 for a per-call or _all_gather \
              timeout): undefined behaviour in PyTorch. For rpc_retry_delay_ms(): the delay in milliseconds is infinite, \
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
              rejects one above 32767 (\"RPC worker id <id> out of bounds for int16_t.\") and, from \
              Python, one below -32768; its C++ constructor would wrap the latter.",
        text: c"worker id out of bounds for int16_t",
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
    StatusCode {
        name: "RPC_ERR_RETRIES_EXHAUSTED",
        code: -15,
        doc: "No send is left: the RPC has been sent maxRetries + 1 times and failed each time, so \
              PyTorch's rpcRetryCallback fails it with \"The RPC has not succeeded after the \
              specified number of max retries (<maxRetries>).\"; see rpc_retry_next_send_ms().",
        text: c"the RPC has not succeeded after maxRetries retries",
    },
    StatusCode {
        name: "RPC_ERR_NO_PYTORCH_MESSAGE",
        code: -16,
        doc: "rpc_format_pytorch_error() was given a status PyTorch has no message for: RPC_OK, a \
              status of this library's own (a NULL pointer, a version mismatch, a negative retry \
              count, a message too long), or an input whose conversion is undefined behaviour in \
              PyTorch (RPC_ERR_OUT_OF_RANGE), or one PyTorch rejects without words of its own \
              (RPC_ERR_UNPARSABLE_ERROR_TYPE: std::stoi's exception). Nothing was written.",
        text: c"PyTorch has no message for this status",
    },
];
