//! The one place where every constant is written.
//!
//! This file is compiled twice: into the library (which derives its exported statics, getters and
//! descriptor table from `DEFS`) and into `build.rs` (which derives the header's macros and the
//! documentation of every declaration from the same `DEFS`). Nothing else states a value.
//! Values, units and meanings come from `torch/distributed/rpc/constants.py` and
//! `torch/csrc/distributed/rpc/rpc_agent.h` (see the project's REFERENCE).
#![allow(dead_code)]

// Values the library's own functions compute with; each appears once, here.
pub const UNSET_RPC_TIMEOUT: f32 = -1.0;
pub const SEC_TO_MS_CONVERSION: f32 = 1000.0;
pub const RPC_TIMEOUT_ERROR_STR: &str =
    "RPC ran for more than set timeout ({} ms) and will now be marked with an error";

/// A constant's value, typed as PyTorch types it.
#[derive(Clone, Copy)]
pub enum Value {
    /// C `float` (PyTorch `constexpr float` or Python `float`).
    Float(f32),
    /// C `int32_t` (PyTorch `int`).
    Int32(i32),
    /// C `int64_t`.
    Int64(i64),
    /// NUL-terminated `const char[]`.
    Str(&'static str),
}

impl Value {
    // These run only at compile time (in static initializers); a type mismatch is a build error.
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
    pub const fn str(self) -> &'static str {
        match self {
            Value::Str(v) => v,
            _ => panic!("not a string constant"),
        }
    }
}

/// Everything the library, header and descriptor table say about one constant.
pub struct Def {
    /// PyTorch's Python name (`torch.distributed.rpc.constants.X`), or its C++ name when the
    /// constant exists only in C++.
    pub pytorch: &'static str,
    /// PyTorch's C++ name in `torch::distributed::rpc`, or "" when the constant is Python-only.
    pub cpp: &'static str,
    /// Compile-time macro in the header.
    pub macro_name: &'static str,
    /// Exported read-only static.
    pub symbol: &'static str,
    /// Exported getter returning the static's value.
    pub getter: &'static str,
    /// Unit of the value.
    pub unit: &'static str,
    /// One-line meaning.
    pub summary: &'static str,
    /// Further explanation for the header (may be empty).
    pub details: &'static str,
    pub value: Value,
}

pub const DEFS: [Def; 8] = [
    Def {
        pytorch: "DEFAULT_RPC_TIMEOUT_SEC",
        cpp: "kDefaultRpcTimeoutSeconds",
        macro_name: "RPC_DEFAULT_RPC_TIMEOUT_SEC",
        symbol: "rpc_default_rpc_timeout_sec",
        getter: "rpc_get_default_rpc_timeout_sec",
        unit: "seconds",
        summary: "Agent-wide default timeout of every RPC.",
        details: "Used when an agent is created without an explicit rpc_timeout. \
                  The agent stores it as whole milliseconds; see rpc_agent_timeout_ms().",
        value: Value::Float(60.0),
    },
    Def {
        pytorch: "UNSET_RPC_TIMEOUT",
        cpp: "kUnsetRpcTimeout",
        macro_name: "RPC_UNSET_RPC_TIMEOUT",
        symbol: "rpc_unset_rpc_timeout",
        getter: "rpc_get_unset_rpc_timeout",
        unit: "seconds (sentinel)",
        summary: "Sentinel timeout meaning \"the caller gave no timeout: use the agent's current default\".",
        details: "Only this exact value is the sentinel; other negative timeouts are errors. \
                  See rpc_resolve_timeout_ms().",
        value: Value::Float(UNSET_RPC_TIMEOUT),
    },
    Def {
        pytorch: "DEFAULT_SHUTDOWN_TIMEOUT",
        cpp: "",
        macro_name: "RPC_DEFAULT_SHUTDOWN_TIMEOUT",
        symbol: "rpc_default_shutdown_timeout",
        getter: "rpc_get_default_shutdown_timeout",
        unit: "seconds",
        summary: "Default timeout of a graceful shutdown(); 0 means wait for ever.",
        details: "Python-only in PyTorch (it was 5.0 until PyTorch PR #76194 made it 0). \
                  Passing the UNSET sentinel to shutdown instead uses the agent's RPC timeout.",
        value: Value::Float(0.0),
    },
    Def {
        pytorch: "DEFAULT_NUM_WORKER_THREADS",
        cpp: "kDefaultNumWorkerThreads",
        macro_name: "RPC_DEFAULT_NUM_WORKER_THREADS",
        symbol: "rpc_default_num_worker_threads",
        getter: "rpc_get_default_num_worker_threads",
        unit: "threads",
        summary: "Size of the TensorPipe agent's worker thread pool.",
        details: "A thread count must be greater than 0; see rpc_validate_num_worker_threads().",
        value: Value::Int32(16),
    },
    Def {
        pytorch: "DEFAULT_PROCESS_GROUP_TIMEOUT",
        cpp: "",
        macro_name: "RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS",
        symbol: "rpc_default_process_group_timeout_ms",
        getter: "rpc_get_default_process_group_timeout_ms",
        unit: "milliseconds",
        summary: "Timeout of the Gloo process group of static RPC groups: 2^31-1 ms (about 24.86 days).",
        details: "Python-only in PyTorch, where it is timedelta(milliseconds=2**31 - 1): the largest \
                  int32 millisecond count Gloo accepts (PyTorch PR #38577, so that idle RPC groups \
                  are no longer killed after 30 minutes).",
        value: Value::Int64(2_147_483_647),
    },
    Def {
        pytorch: "DEFAULT_INIT_METHOD",
        cpp: "kDefaultInitMethod",
        macro_name: "RPC_DEFAULT_INIT_METHOD",
        symbol: "rpc_default_init_method",
        getter: "rpc_get_default_init_method",
        unit: "URL",
        summary: "Default rendezvous URL.",
        details: "env:// reads MASTER_ADDR and MASTER_PORT (and RANK and WORLD_SIZE unless given) \
                  from the environment.",
        value: Value::Str("env://"),
    },
    Def {
        pytorch: "kSecToMsConversion",
        cpp: "kSecToMsConversion",
        macro_name: "RPC_SEC_TO_MS_CONVERSION",
        symbol: "rpc_sec_to_ms_conversion",
        getter: "rpc_get_sec_to_ms_conversion",
        unit: "milliseconds per second",
        summary: "Factor from seconds to milliseconds, as PyTorch multiplies it: in float.",
        details: "C++-only in PyTorch (rpc_agent.h). Timeouts are converted as \
                  (integer)(seconds * 1000.0f); see rpc_agent_timeout_ms() and rpc_resolve_timeout_ms().",
        value: Value::Float(SEC_TO_MS_CONVERSION),
    },
    Def {
        pytorch: "kRpcTimeoutErrorStr",
        cpp: "kRpcTimeoutErrorStr",
        macro_name: "RPC_TIMEOUT_ERROR_STR",
        symbol: "rpc_timeout_error_str",
        getter: "rpc_get_timeout_error_str",
        unit: "fmt pattern",
        summary:
            "Message of a timed-out RPC, as a fmt pattern whose {} stands for the timeout in milliseconds.",
        details: "C++-only in PyTorch (rpc_agent.h). PyTorch reports it as \"RPCErr:1:\" followed by the \
                  formatted message (makeRPCError, error type TIMEOUT = 1); rpc_format_timeout_error() \
                  formats it both ways.",
        value: Value::Str(RPC_TIMEOUT_ERROR_STR),
    },
];
