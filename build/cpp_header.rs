//! `include/rpc_constants.hpp`: PyTorch's C++ names and types for C++17 agents. Everything
//! written by hand is build/rpc_constants.template.hpp; this fills in each constant's
//! declarations as its `hpp` form in `DEFS` states them, every value taken from its C macro (no
//! second copy).

use crate::c_text::{doxy_comment, macro_name, wrap};
use crate::spec::defs::{Def, Hpp, Value, DEFS};
use crate::template;
use std::fmt::Write as _;

pub fn generate() -> String {
    let mut constants = String::new();
    for d in DEFS {
        if let Hpp::InTemplate { declared } = d.hpp {
            in_template(d, declared);
            continue;
        }
        declare(&mut constants, d);
    }
    template::fill(
        "build/rpc_constants.template.hpp",
        include_str!("rpc_constants.template.hpp"),
        &[("// @CONSTANTS@\n\n", &constants)],
    )
}

/// A constant the template declares by hand: it must, with the text `DEFS` states (whitespace
/// aside), so that a renamed macro or member stops the build instead of the header.
fn in_template(d: &Def, declared: &str) {
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let template = squeeze(include_str!("rpc_constants.template.hpp"));
    assert!(
        template.contains(&squeeze(declared)),
        "{}: build/rpc_constants.template.hpp does not declare `{declared}`",
        d.symbol
    );
    assert!(declared.contains(&macro_name(d)), "{}: its template declaration must use its macro", d.symbol);
}

/// The C++ type and the initializer (its C macro).
fn form(d: &Def) -> (&'static str, String) {
    let m = macro_name(d);
    match (d.hpp, d.value) {
        (Hpp::Float { .. }, Value::Float(_)) => ("float", m),
        // PyTorch's `constexpr auto = 16` is an int (int32_t converts to it without a cast).
        (Hpp::Int, Value::Int32(_)) => ("int", m),
        (Hpp::Milliseconds, Value::Int64(_)) => {
            ("std::chrono::milliseconds", format!("std::chrono::milliseconds{{{m}}}"))
        }
        // PyTorch's `constexpr auto = "..."` is a const char * to a literal, and so is this one:
        // the pointer has internal linkage and references nothing, so using any constant links no
        // library in any build mode. The library's exported array would give one address
        // everywhere, but it is a link dependency at -O0 (g++ emits every namespace-scope constant)
        // and no constant expression under dllimport; an inline array is a GNU-unique symbol that
        // keeps a plugin loaded. PyTorch does not promise one address either.
        (Hpp::CString { .. }, Value::Str(_)) => ("const char *", m),
        _ => panic!(
            "{}: its hpp form does not fit its value (Float takes a Value::Float, Int a Value::Int32, \
             Milliseconds a Value::Int64, CString a Value::Str)",
            d.symbol
        ),
    }
}

fn declare(out: &mut String, d: &Def) {
    let name = d.origin.hpp_name();
    let (ty, initializer) = form(d);
    let pytorch = match d.origin.cpp() {
        Some(_) => format!("PyTorch's torch::distributed::rpc::{name}"),
        None => format!(
            "torch.distributed.rpc.constants.{} (Python only; the name is this library's)",
            d.origin.name()
        ),
    };
    let mut lines = wrap(d.summary);
    let value = match d.hpp {
        Hpp::CString { .. } => format!(
            "the literal {} (links nothing; {} is the library's array of the same text)",
            macro_name(d),
            d.symbol
        ),
        _ => format!("the value of {}", macro_name(d)),
    };
    lines.extend(wrap(&format!("{pytorch}; {value}, unit: {}.", d.unit)));
    out.push_str(&doxy_comment(&lines));
    let declared = if ty.ends_with('*') { format!("{ty}{name}") } else { format!("{ty} {name}") };
    // Broken after the `=` when longer than 100 columns.
    let statement = format!("constexpr {declared} = {initializer};");
    let separator = if statement.len() > 100 { "=\n   " } else { "=" };
    writeln!(out, "{}\n", statement.replacen('=', separator, 1)).unwrap();
    match d.hpp {
        Hpp::CString { view: Some(view) } => {
            out.push_str(&doxy_comment(&wrap(&format!(
                "{name} as a std::string_view, usable in constant expressions (its data() is the \
                 macro's literal: compare the text, not the pointer)."
            ))));
            writeln!(out, "constexpr std::string_view {view} = {};\n", macro_name(d)).unwrap();
        }
        Hpp::Float { whole_ms: Some(ms) } => {
            out.push_str(&doxy_comment(&wrap(&format!(
                "{name} as whole milliseconds, as an agent stores it (see agent_timeout())."
            ))));
            // Multiplied by PyTorch's conversion factor, kSecToMsConversion, as its C macro.
            writeln!(
                out,
                "constexpr std::chrono::milliseconds {ms}{{\n    \
                 static_cast<std::int64_t>({name} * RPC_SEC_TO_MS_CONVERSION)}};\n"
            )
            .unwrap();
        }
        _ => {}
    }
}
