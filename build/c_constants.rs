//! Each constant's part of the C header, written from src/spec/defs.rs rather than by cbindgen
//! (which drops `&str` consts, writes `f32` literals without their `f` suffix, leaves negatives
//! bare and cannot mark data for DLL import): its macro, which carries the constant's whole
//! documentation, its exported static and its getter.

use crate::c_text::{c_literal, c_type, c_value_text, doxy_comment, getter, macro_name, wrap};
use crate::spec::defs::{Def, Origin, Value, DEFS};

/// Every constant's macro, static and getter, in the order of `DEFS`.
pub fn all() -> String {
    DEFS.iter().map(|d| format!("{}\n{}\n{}\n", macro_item(d), static_item(d), getter_item(d))).collect()
}

/// A constant's macro with its full documentation; a value that would take the line past 100
/// columns goes on a continuation line of its own.
fn macro_item(d: &Def) -> String {
    let (name, value) = (macro_name(d), c_literal(d.value));
    let separator = if "#define ".len() + name.len() + 1 + value.len() > 100 { " \\\n    " } else { " " };
    format!("{}#define {name}{separator}{value}\n", doxy_comment(&doc_lines(d)))
}

/// The exported static, marked RPC_CONSTANTS_DATA (dllimport from the DLL on Windows; the
/// template defines it).
fn static_item(d: &Def) -> String {
    let declarator = match d.value {
        Value::Str(s) => format!("char {}[{}]", d.symbol, s.len() + 1),
        _ => format!("{} {}", c_type(d.value), d.symbol),
    };
    format!(
        "/** {} as an exported read-only static. */\nRPC_CONSTANTS_DATA extern const {declarator};\n",
        macro_name(d)
    )
}

fn getter_item(d: &Def) -> String {
    let returns = match d.value {
        Value::Str(_) => "const char *".to_string(),
        _ => format!("{} ", c_type(d.value)),
    };
    format!("/** Returns {}. */\n{returns}{}(void);\n", macro_name(d), getter(d))
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
