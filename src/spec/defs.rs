//! The one place where every constant is written.
//!
//! This file is compiled twice: into the library (which derives its exported statics, getters and
//! descriptor table from `DEFS`) and into `build.rs` (which derives both headers, the library's
//! generated Rust and docs/api.md's table from the same `DEFS`). Nothing else states a value.
//! Values, units and meanings come from PyTorch's `torch/distributed/rpc/constants.py` and
//! `torch/csrc/distributed/rpc/rpc_agent.h`; `make parity` checks them against PyTorch's wheels
//! (2.0 to 2.15 all agree).
//!
//! Adding a constant is one entry in `DEFS` (and its expected value in the tests' independent
//! oracle, `tests/c/expected.h`): the macro `RPC_<SYMBOL>`, the static `symbol`, the getter
//! `rpc_get_<symbol without rpc_>`, their docs, the table entry, its declarations in
//! rpc_constants.hpp, its row in docs/api.md and every list the tests and the benchmark use are
//! derived from it.

// Values the library's own functions compute with; each appears once, here.
pub const UNSET_RPC_TIMEOUT: f32 = -1.0;
pub const SEC_TO_MS_CONVERSION: f32 = 1000.0;
pub const RPC_TIMEOUT_ERROR_STR: &str =
    "RPC ran for more than set timeout ({} ms) and will now be marked with an error";
/// `kRPCErrorPrefix` (utils.cpp): the marker of PyTorch's typed RPC errors.
pub const RPC_ERROR_PREFIX_STR: &str = "RPCErr";
/// `WorkerInfo::MAX_NAME_LEN` (rpc_agent.h): a worker name is valid only when shorter.
pub const WORKER_NAME_MAX_LEN: usize = 128;
/// `RPCErrorType::TIMEOUT` (message.h), the type rpc_format_timeout_error() reports.
pub const ERROR_TYPE_TIMEOUT: i32 = 1;

/// A constant's value, typed as PyTorch types it.
#[derive(Clone, Copy)]
pub enum Value {
    /// C `float` (PyTorch `constexpr float` or Python `float`).
    Float(f32),
    /// C `int32_t` (PyTorch `int`).
    Int32(i32),
    /// C `int64_t`.
    Int64(i64),
    /// C `int16_t` (PyTorch `worker_id_t`).
    Int16(i16),
    /// C `size_t` (PyTorch `size_t`).
    Size(usize),
    /// NUL-terminated `const char[]`.
    Str(&'static str),
}

// These run only at compile time, in the library's generated static initializers; a type
// mismatch is a build error. build.rs matches on the variants instead.
#[allow(dead_code, reason = "called by the library's generated statics, not by build.rs")]
impl Value {
    pub const fn float(self) -> f32 {
        match self {
            Value::Float(v) => v,
            _ => panic!("not a float constant"),
        }
    }
    pub const fn int32(self) -> i32 {
        match self {
            Value::Int32(v) => v,
            _ => panic!("not an int32 constant"),
        }
    }
    pub const fn int64(self) -> i64 {
        match self {
            Value::Int64(v) => v,
            _ => panic!("not an int64 constant"),
        }
    }
    pub const fn int16(self) -> i16 {
        match self {
            Value::Int16(v) => v,
            _ => panic!("not an int16 constant"),
        }
    }
    pub const fn size(self) -> usize {
        match self {
            Value::Size(v) => v,
            _ => panic!("not a size constant"),
        }
    }
    pub const fn str(self) -> &'static str {
        match self {
            Value::Str(v) => v,
            _ => panic!("not a string constant"),
        }
    }
}

/// Where PyTorch defines a constant, and under which names.
#[derive(Clone, Copy)]
#[allow(dead_code, reason = "build.rs's, for the table's strings and the headers")]
pub enum Origin {
    /// `torch.distributed.rpc.constants.<python>`, re-exported from C++
    /// `torch::distributed::rpc::<cpp>`.
    Both { python: &'static str, cpp: &'static str },
    /// Only in Python, in `torch.distributed.rpc.constants`; `cpp_style` is this library's name
    /// for it in rpc_constants.hpp, in the style of PyTorch's C++ names.
    PythonOnly { python: &'static str, cpp_style: &'static str },
    /// Only in C++, in `torch::distributed::rpc` (rpc_agent.h).
    CppOnly(&'static str),
    /// Only in C++, in the header `torch/csrc/distributed/rpc/<header>`: `cpp` is PyTorch's
    /// spelling inside `torch::distributed::rpc` (a member such as `WorkerInfo::MAX_NAME_LEN`, an
    /// enumerator, or an expression such as `std::numeric_limits<worker_id_t>::max()`).
    CppIn { cpp: &'static str, header: &'static str },
}

#[allow(dead_code, reason = "build.rs's, for the table's strings and the headers")]
impl Origin {
    /// The table's `name`: the Python name, or the C++ name of a C++-only constant.
    pub const fn name(self) -> &'static str {
        match self {
            Origin::Both { python, .. } | Origin::PythonOnly { python, .. } => python,
            Origin::CppOnly(cpp) | Origin::CppIn { cpp, .. } => cpp,
        }
    }

    /// The C++ name, if PyTorch's C++ has one.
    pub const fn cpp(self) -> Option<&'static str> {
        match self {
            Origin::Both { cpp, .. } | Origin::CppOnly(cpp) | Origin::CppIn { cpp, .. } => Some(cpp),
            Origin::PythonOnly { .. } => None,
        }
    }

    /// The name in rpc_constants.hpp: PyTorch's C++ name, or the C++-style name of a
    /// Python-only constant.
    pub const fn hpp_name(self) -> &'static str {
        match self {
            Origin::Both { cpp, .. } | Origin::CppOnly(cpp) | Origin::CppIn { cpp, .. } => cpp,
            Origin::PythonOnly { cpp_style, .. } => cpp_style,
        }
    }
}

/// Everything the library, header and descriptor table say about one constant.
#[allow(dead_code, reason = "the library reads only `value`; build.rs the rest, for the table and headers")]
pub struct Def {
    pub origin: Origin,
    /// Exported read-only static, `rpc_<name>`; the macro is its name in capitals and the getter
    /// `rpc_get_<name>`.
    pub symbol: &'static str,
    /// Unit of the value.
    pub unit: &'static str,
    /// One-line meaning.
    pub summary: &'static str,
    /// Further explanation for the header (may be empty).
    pub details: &'static str,
    pub value: Value,
    /// How rpc_constants.hpp declares it.
    pub hpp: Hpp,
}

/// A constant's C++ type in rpc_constants.hpp, and any second declaration of it there, under the
/// name `Origin::hpp_name` gives (PyTorch's own, so that PyTorch's C++ compiles unchanged). The
/// value comes from the C macro; the build checks that the type fits the `Value`.
#[derive(Clone, Copy)]
#[allow(dead_code, reason = "build.rs's, for rpc_constants.hpp; the library has no C++ forms")]
pub enum Hpp {
    /// `float` (a `Value::Float`). With `whole_ms`, also that name as a
    /// `std::chrono::milliseconds`: the seconds times kSecToMsConversion, truncated, as an agent
    /// stores a timeout.
    Float { whole_ms: Option<&'static str> },
    /// `int`, as PyTorch's `constexpr auto = 16` is (a `Value::Int32`).
    Int,
    /// `std::chrono::milliseconds`, from a count of milliseconds (a `Value::Int64`).
    Milliseconds,
    /// `const char *`, as PyTorch's `constexpr auto = "..."` is (a `Value::Str`). With `view`, also
    /// that name as a `std::string_view`.
    CString { view: Option<&'static str> },
    /// Declared by hand in build/rpc_constants.template.hpp (in the block of worker names, error
    /// types and retry options), from the C macro, as PyTorch declares it: a static data member,
    /// an enumerator or a member's default. `declared` is the text the template must contain
    /// (the build fails without it).
    InTemplate { declared: &'static str },
}

pub const DEFS: &[Def] = &[
    Def {
        origin: Origin::Both { python: "DEFAULT_RPC_TIMEOUT_SEC", cpp: "kDefaultRpcTimeoutSeconds" },
        symbol: "rpc_default_rpc_timeout_sec",
        unit: "seconds",
        summary: "Agent-wide default timeout of every RPC.",
        details: "Used when an agent is created without an explicit rpc_timeout. \
                  The agent stores it as whole milliseconds; see rpc_agent_timeout_ms().",
        value: Value::Float(60.0),
        hpp: Hpp::Float { whole_ms: Some("kDefaultRpcTimeout") },
    },
    Def {
        origin: Origin::Both { python: "UNSET_RPC_TIMEOUT", cpp: "kUnsetRpcTimeout" },
        symbol: "rpc_unset_rpc_timeout",
        unit: "seconds (sentinel)",
        summary: "Sentinel timeout meaning \"the caller gave no timeout: use the agent's current default\".",
        details: "Only this exact value is the sentinel: any other negative per-call timeout is \
                  converted as PyTorch converts it, and has expired at once. See \
                  rpc_resolve_timeout_ms().",
        value: Value::Float(UNSET_RPC_TIMEOUT),
        hpp: Hpp::Float { whole_ms: None },
    },
    Def {
        origin: Origin::PythonOnly {
            python: "DEFAULT_SHUTDOWN_TIMEOUT",
            cpp_style: "kDefaultShutdownTimeoutSeconds",
        },
        symbol: "rpc_default_shutdown_timeout",
        unit: "seconds",
        summary: "Default timeout of a graceful shutdown(); 0 means wait for ever.",
        details: "Python-only in PyTorch (it was 5.0 until PyTorch PR #76194 made it 0). \
                  Passing the UNSET sentinel to shutdown instead uses the agent's RPC timeout.",
        value: Value::Float(0.0),
        hpp: Hpp::Float { whole_ms: Some("kDefaultShutdownTimeout") },
    },
    Def {
        origin: Origin::Both { python: "DEFAULT_NUM_WORKER_THREADS", cpp: "kDefaultNumWorkerThreads" },
        symbol: "rpc_default_num_worker_threads",
        unit: "threads",
        summary: "Size of the TensorPipe agent's worker thread pool.",
        details: "A thread count must be greater than 0; see rpc_validate_num_worker_threads().",
        value: Value::Int32(16),
        hpp: Hpp::Int,
    },
    Def {
        origin: Origin::PythonOnly {
            python: "DEFAULT_PROCESS_GROUP_TIMEOUT",
            cpp_style: "kDefaultProcessGroupTimeout",
        },
        symbol: "rpc_default_process_group_timeout_ms",
        unit: "milliseconds",
        summary: "Timeout of the Gloo process group of static RPC groups: 2^31-1 ms (about 24.86 days).",
        details: "Python-only in PyTorch, where it is timedelta(milliseconds=2**31 - 1): the largest \
                  int32 millisecond count Gloo accepts (PyTorch PR #38577, so that idle RPC groups \
                  are no longer killed after 30 minutes).",
        value: Value::Int64(2_147_483_647),
        hpp: Hpp::Milliseconds,
    },
    Def {
        origin: Origin::Both { python: "DEFAULT_INIT_METHOD", cpp: "kDefaultInitMethod" },
        symbol: "rpc_default_init_method",
        unit: "URL",
        summary: "Default rendezvous URL.",
        details: "env:// reads MASTER_ADDR and MASTER_PORT (and RANK and WORLD_SIZE unless given) \
                  from the environment.",
        value: Value::Str("env://"),
        hpp: Hpp::CString { view: Some("kDefaultInitMethodView") },
    },
    Def {
        origin: Origin::CppOnly("kSecToMsConversion"),
        symbol: "rpc_sec_to_ms_conversion",
        unit: "milliseconds per second",
        summary: "Factor from seconds to milliseconds, as PyTorch multiplies it: in float.",
        details: "C++-only in PyTorch (rpc_agent.h). Timeouts are converted as \
                  (integer)(seconds * 1000.0f); see rpc_agent_timeout_ms() and rpc_resolve_timeout_ms().",
        value: Value::Float(SEC_TO_MS_CONVERSION),
        hpp: Hpp::Float { whole_ms: None },
    },
    Def {
        origin: Origin::CppOnly("kRpcTimeoutErrorStr"),
        symbol: "rpc_timeout_error_str",
        unit: "fmt pattern",
        summary:
            "Message of a timed-out RPC, as a fmt pattern whose {} stands for the timeout in milliseconds.",
        details: "C++-only in PyTorch (rpc_agent.h). PyTorch reports it as \"RPCErr:1:\" followed by the \
                  formatted message (makeRPCError, error type TIMEOUT = 1); rpc_format_timeout_error() \
                  formats it both ways.",
        value: Value::Str(RPC_TIMEOUT_ERROR_STR),
        hpp: Hpp::CString { view: Some("kRpcTimeoutErrorStrView") },
    },
    Def {
        origin: Origin::CppIn { cpp: "WorkerInfo::MAX_NAME_LEN", header: "rpc_agent.h" },
        symbol: "rpc_worker_name_max_len",
        unit: "bytes",
        summary: "Bound on a worker name's length: a valid name is shorter, 1 to 127 bytes.",
        details: "PyTorch's WorkerInfo constructor rejects a name unless it is non-empty, shorter than \
                  this, and every byte is an ASCII letter or digit or one of - _ : (\"Worker name must \
                  match ^[A-Za-z0-9-_:]*$, and must be non-empty and shorter than 128 chars\"); see \
                  rpc_validate_worker_name(). The length is counted in bytes.",
        value: Value::Size(WORKER_NAME_MAX_LEN),
        hpp: Hpp::InTemplate {
            declared: "static constexpr std::size_t MAX_NAME_LEN = RPC_WORKER_NAME_MAX_LEN;",
        },
    },
    Def {
        origin: Origin::CppIn { cpp: "std::numeric_limits<worker_id_t>::min()", header: "types.h" },
        symbol: "rpc_worker_id_min",
        unit: "worker id",
        summary: "Smallest worker id: the minimum of PyTorch's worker_id_t (int16_t).",
        details: "PyTorch stores a worker id as worker_id_t, int16_t (types.h). Its int64_t \
                  WorkerInfo constructor checks only the upper bound; see rpc_validate_worker_id().",
        value: Value::Int16(i16::MIN),
        hpp: Hpp::InTemplate { declared: "constexpr worker_id_t kWorkerIdMin = RPC_WORKER_ID_MIN;" },
    },
    Def {
        origin: Origin::CppIn { cpp: "std::numeric_limits<worker_id_t>::max()", header: "types.h" },
        symbol: "rpc_worker_id_max",
        unit: "worker id",
        summary: "Largest worker id: the maximum of PyTorch's worker_id_t (int16_t).",
        details: "PyTorch's int64_t WorkerInfo constructor rejects a larger id (\"RPC worker id <id> out \
                  of bounds for int16_t.\"); see rpc_validate_worker_id().",
        value: Value::Int16(i16::MAX),
        hpp: Hpp::InTemplate { declared: "constexpr worker_id_t kWorkerIdMax = RPC_WORKER_ID_MAX;" },
    },
    Def {
        origin: Origin::CppIn { cpp: "RPCErrorType::UNKNOWN_ERROR", header: "message.h" },
        symbol: "rpc_error_type_unknown_error",
        unit: "RPCErrorType",
        summary: "RPC error type UNKNOWN_ERROR: the error type could not be parsed.",
        details: "What PyTorch's getRPCErrorType() returns for a message without \"RPCErr\" or without \
                  the ':' after its type; see rpc_classify_rpc_error().",
        value: Value::Int32(0),
        hpp: Hpp::InTemplate { declared: "UNKNOWN_ERROR = RPC_ERROR_TYPE_UNKNOWN_ERROR," },
    },
    Def {
        origin: Origin::CppIn { cpp: "RPCErrorType::TIMEOUT", header: "message.h" },
        symbol: "rpc_error_type_timeout",
        unit: "RPCErrorType",
        summary: "RPC error type TIMEOUT: the RPC timed out.",
        details: "PyTorch reports a timed-out RPC as makeRPCError(message, TIMEOUT), \"RPCErr:1:...\"; \
                  see rpc_format_timeout_error() and rpc_format_rpc_error().",
        value: Value::Int32(ERROR_TYPE_TIMEOUT),
        hpp: Hpp::InTemplate { declared: "TIMEOUT = RPC_ERROR_TYPE_TIMEOUT," },
    },
    Def {
        origin: Origin::CppIn { cpp: "RPCErrorType::INTENTIONAL_FAILURE", header: "message.h" },
        symbol: "rpc_error_type_intentional_failure",
        unit: "RPCErrorType",
        summary: "RPC error type INTENTIONAL_FAILURE: a deliberate failure, such as FaultyAgent injects.",
        details: "Used by PyTorch's fault-injecting test agents.",
        value: Value::Int32(2),
        hpp: Hpp::InTemplate { declared: "INTENTIONAL_FAILURE = RPC_ERROR_TYPE_INTENTIONAL_FAILURE" },
    },
    Def {
        origin: Origin::CppIn { cpp: "RpcRetryOptions::maxRetries", header: "rpc_agent.h" },
        symbol: "rpc_default_max_retries",
        unit: "retries",
        summary: "Default number of times RpcAgent::sendWithRetries resends a failed RPC.",
        details: "The default of RpcRetryOptions::maxRetries (int). It must not be negative; see \
                  rpc_validate_retry_options(). An RPC is sent at most maxRetries + 1 times.",
        value: Value::Int32(5),
        hpp: Hpp::InTemplate { declared: "int maxRetries{RPC_DEFAULT_MAX_RETRIES};" },
    },
    Def {
        origin: Origin::CppIn { cpp: "RpcRetryOptions::rpcRetryDuration", header: "rpc_agent.h" },
        symbol: "rpc_default_rpc_retry_duration_ms",
        unit: "milliseconds",
        summary: "Default wait before the first retry, the base of the exponential backoff.",
        details: "The default of RpcRetryOptions::rpcRetryDuration (a std::chrono::milliseconds). It \
                  must not be negative; see rpc_validate_retry_options() and rpc_retry_delay_ms().",
        value: Value::Int64(1000),
        hpp: Hpp::InTemplate {
            declared: "std::chrono::milliseconds rpcRetryDuration{
                       std::chrono::milliseconds(RPC_DEFAULT_RPC_RETRY_DURATION_MS)};",
        },
    },
    Def {
        origin: Origin::CppIn { cpp: "RpcRetryOptions::retryBackoff", header: "rpc_agent.h" },
        symbol: "rpc_default_retry_backoff",
        unit: "factor per retry",
        summary: "Default factor by which each retry's wait grows.",
        details: "The default of RpcRetryOptions::retryBackoff (float). It must be at least 1; the \
                  wait for retry count n is rpcRetryDuration * pow(retryBackoff, n), truncated to whole \
                  milliseconds; see rpc_retry_delay_ms().",
        value: Value::Float(1.5),
        hpp: Hpp::InTemplate { declared: "float retryBackoff{RPC_DEFAULT_RETRY_BACKOFF};" },
    },
    Def {
        origin: Origin::CppIn { cpp: "kRPCErrorPrefix", header: "utils.cpp" },
        symbol: "rpc_error_prefix",
        unit: "marker",
        summary: "Marker that begins PyTorch's typed RPC errors, as in \"RPCErr:1:<message>\".",
        details: "In PyTorch a const std::string of utils.cpp, which no header declares. makeRPCError() \
                  writes it before the error type; getRPCErrorType() looks for its first occurrence. \
                  See rpc_format_rpc_error() and rpc_classify_rpc_error().",
        value: Value::Str(RPC_ERROR_PREFIX_STR),
        hpp: Hpp::CString { view: Some("kRPCErrorPrefixView") },
    },
];
