//! The C header's macros, written here from the typed values rather than by cbindgen, which drops
//! `&str` consts, writes `f32` literals without their `f` suffix and leaves negatives bare: the
//! version macros (from build/version_macros.h) and each constant's macro, which carries the
//! constant's whole documentation.

use crate::c_text::{c_literal, c_type, c_value_text, doxy_comment, getter, macro_name, wrap};
use crate::defs::{Def, Origin};
use crate::template;
use std::env;

/// The version macros of the header's first section.
pub fn version_macros() -> String {
    let part = |name: &str| env::var(format!("CARGO_PKG_VERSION_{name}")).unwrap();
    let version = env::var("CARGO_PKG_VERSION").unwrap();
    assert!(!version.contains(['"', '\\']), "a version is printed inside a C string");
    template::fill(
        "build/version_macros.h",
        include_str!("version_macros.h"),
        &[
            ("@VERSION@", &version),
            ("@MAJOR@", &part("MAJOR")),
            ("@MINOR@", &part("MINOR")),
            ("@PATCH@", &part("PATCH")),
        ],
    )
}

/// A constant's macro with its full documentation; a value that would take the line past 100
/// columns goes on a continuation line of its own.
pub fn macro_item(d: &Def) -> String {
    let (name, value) = (macro_name(d), c_literal(d.value));
    let separator = if "#define ".len() + name.len() + 1 + value.len() > 100 { " \\\n    " } else { " " };
    format!("{}#define {name}{separator}{value}\n", doxy_comment(&doc_lines(d)))
}

fn pytorch_text(d: &Def) -> String {
    match d.origin {
        Origin::PythonOnly { python, .. } => {
            format!("PyTorch: torch.distributed.rpc.constants.{python} (Python only).")
        }
        Origin::CppOnly(cpp) => format!("PyTorch: torch::distributed::rpc::{cpp} (C++ only, rpc_agent.h)."),
        // An expression on a PyTorch type (`std::numeric_limits<worker_id_t>::max()`) names the
        // type's namespace instead of prefixing the expression with it.
        Origin::CppIn { cpp, header } if cpp.starts_with("std::") => format!(
            "PyTorch: {cpp}, worker_id_t being torch::distributed::rpc::worker_id_t (C++ only, \
             torch/csrc/distributed/rpc/{header})."
        ),
        Origin::CppIn { cpp, header } => {
            format!(
                "PyTorch: torch::distributed::rpc::{cpp} (C++ only, torch/csrc/distributed/rpc/{header})."
            )
        }
        Origin::Both { python, cpp } => {
            format!("PyTorch: torch.distributed.rpc.constants.{python} (C++ torch::distributed::rpc::{cpp}).")
        }
    }
}

fn doc_lines(d: &Def) -> Vec<String> {
    let mut lines = wrap(d.summary);
    lines.push(String::new());
    lines.extend(wrap(&format!("Value: {} ({}), unit: {}.", c_value_text(d.value), c_type(d.value), d.unit)));
    lines.extend(wrap(&pytorch_text(d)));
    lines.extend(wrap(d.details));
    lines.extend(wrap(&format!(
        "Also exported as the read-only static {} and the getter {}().",
        d.symbol,
        getter(d)
    )));
    lines
}
