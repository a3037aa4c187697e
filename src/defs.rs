//! The one place where every constant is written.
//!
//! This file is compiled twice: into the library (which derives its exported statics, getters and
//! descriptor table from `DEFS`) and into `build.rs` (which derives the header's macros and the
//! documentation of every declaration from the same `DEFS`). Nothing else states a value.
//! Values, units and meanings come from PyTorch's `torch/distributed/rpc/constants.py` and
//! `torch/csrc/distributed/rpc/rpc_agent.h`; `make parity` checks them against PyTorch's wheels
//! (2.0 to 2.15 all agree).
//!
//! Adding a constant is one entry in `DEFS` (and its expected value in the tests' independent
//! oracle, `tests/c/expected.h`): the macro `RPC_<SYMBOL>`, the static `symbol`, the getter
//! `rpc_get_<symbol without rpc_>`, their docs, the table entry, its declarations in
//! rpc_constants.hpp and every list the tests and the benchmark use are derived from it.

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
}

#[allow(dead_code, reason = "build.rs's, for the table's strings and the headers")]
impl Origin {
    /// The table's `name`: the Python name, or the C++ name of a C++-only constant.
    pub const fn name(self) -> &'static str {
        match self {
            Origin::Both { python, .. } | Origin::PythonOnly { python, .. } => python,
            Origin::CppOnly(cpp) => cpp,
        }
    }

    /// The C++ name, if PyTorch's C++ has one.
    pub const fn cpp(self) -> Option<&'static str> {
        match self {
            Origin::Both { cpp, .. } | Origin::CppOnly(cpp) => Some(cpp),
            Origin::PythonOnly { .. } => None,
        }
    }

    /// The name in rpc_constants.hpp: PyTorch's C++ name, or the C++-style name of a
    /// Python-only constant.
    pub const fn hpp_name(self) -> &'static str {
        match self {
            Origin::Both { cpp, .. } | Origin::CppOnly(cpp) => cpp,
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
        details: "Only this exact value is the sentinel; other negative timeouts are errors. \
                  See rpc_resolve_timeout_ms().",
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
];
