//! The C header's sections, in order: each one's title, its place in the file comment's list,
//! its introduction and the declarations it holds. The one list of them: the file comment
//! (cbindgen.toml's `@SECTIONS@`) and the banners are written from it.
//!
//! cbindgen groups declarations by kind (types, then statics, then functions), so a constant's
//! getter would land hundreds of lines from its static; build/c_header.rs places each declaration
//! where its section names it instead, and fails the build on one that no section names.

use crate::c_text::wrap;

/// Stands, in a section's item list, for the version macros.
pub const VERSION_MACROS: &str = "@version-macros";
/// Stands, in a section's item list, for every constant's macro, static and getter, together.
pub const CONSTANTS: &str = "@constants";

pub struct Section {
    pub title: &'static str,
    /// What the section holds, in the list the file comment opens with.
    pub summary: &'static str,
    /// The paragraph under its title.
    pub intro: &'static str,
    /// Its declarations, in order, by the names they declare.
    pub items: &'static [&'static str],
}

pub const SECTIONS: &[Section] = &[
    Section {
        title: "Version",
        summary: "the version",
        intro: "The header's version (macros) and the loaded library's (rpc_constants_version()). \
                RPC_CONSTANTS_CHECK_VERSION() compares them; see rpc_constants_check_version() below.",
        items: &[VERSION_MACROS, "rpc_constants_version"],
    },
    Section {
        title: "Status codes",
        summary: "status codes",
        intro: "What the functions that can reject their input return, and their descriptions.",
        items: &["rpc_status", "rpc_status_str", "rpc_constants_check_version"],
    },
    Section {
        title: "The constants",
        summary:
            "the constants, each as a macro of the right C type, an exported read-only static and a getter",
        intro: "Each of PyTorch's defaults in three forms with the same value and C type: a macro \
                (a constant expression), an exported read-only static, and a getter (for FFIs that \
                cannot read data symbols). The macro carries the documentation.",
        items: &[CONSTANTS],
    },
    Section {
        title: "Timeout rules",
        summary: "the timeout rules that use them as PyTorch does",
        intro: "Timeouts converted and checked exactly as PyTorch does, with a defined error wherever \
                PyTorch's C++ has undefined behaviour. The results do not depend on the caller's \
                floating-point environment.",
        items: &[
            "rpc_agent_timeout_ms",
            "rpc_resolve_timeout_ms",
            "rpc_set_rpc_timeout_ms",
            "rpc_timeout_never_expires",
            "rpc_timeout_ms_to_sec",
            "rpc_validate_num_worker_threads",
        ],
    },
    Section {
        title: "The timeout message",
        summary: "the timeout message",
        intro: "PyTorch's message for an RPC that timed out, with snprintf semantics.",
        items: &["rpc_format_timeout_error"],
    },
    Section {
        title: "Worker names and ids",
        summary: "worker names and ids",
        intro: "Worker names and ids checked exactly as PyTorch's WorkerInfo constructors check them, so \
                that a launcher or an agent refuses what every PyTorch peer would refuse at rendezvous.",
        items: &["rpc_validate_worker_name", "rpc_validate_worker_id"],
    },
    Section {
        title: "RPC errors",
        summary: "RPC error messages and their types",
        intro: "PyTorch's \"RPCErr:<type>:<message>\" errors: formatted as makeRPCError does, with \
                snprintf semantics, and classified as getRPCErrorType does, with a defined status \
                where PyTorch throws.",
        items: &["rpc_format_rpc_error", "rpc_classify_rpc_error"],
    },
    Section {
        title: "Retry options",
        summary: "the retry options' checks and backoff",
        intro: "RpcRetryOptions checked as RpcAgent::sendWithRetries checks them, and the exponential \
                backoff computed as computeNewRpcRetryTime computes it, with a defined error wherever \
                PyTorch's C++ has undefined behaviour. The results do not depend on the caller's \
                floating-point environment.",
        items: &["rpc_validate_retry_options", "rpc_retry_delay_ms"],
    },
    Section {
        title: "The constants table",
        summary: "a self-describing table for dynamic loaders",
        intro: "Every constant described at run time, for dynamic loaders (ctypes, plugin hosts, other \
                languages' FFIs) that would rather not hard-code symbol names.",
        items: &[
            "rpc_type",
            "rpc_value",
            "rpc_constant",
            "rpc_constants_count",
            "rpc_constants_at",
            "rpc_constants_find",
        ],
    },
];

/// The file comment's list of the sections.
pub fn list() -> Vec<String> {
    let items: Vec<String> =
        SECTIONS.iter().enumerate().map(|(i, s)| format!("{}. {}", i + 1, s.summary)).collect();
    wrap(&format!("Sections, in order: {}.", items.join("; ")))
}

/// The comment that opens section `number`.
pub fn banner(number: usize, section: &Section) -> String {
    let rule = "-".repeat(94);
    let mut out = format!("/* {rule}\n * {number}. {}\n *\n", section.title);
    for line in wrap(section.intro) {
        out.push_str(&format!(" * {line}\n"));
    }
    out.push_str(&format!(" * {rule} */\n"));
    out
}
