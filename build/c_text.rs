//! How a constant is spelled in C, for both headers: its names, its value's C type and literal,
//! and the layout of a doc comment.

use crate::spec::defs::{Def, Value};
use std::fmt::Write as _;

/// The doc comments the build writes end by this column (the section rules reach 100, and cbindgen
/// copies src/'s doc lines as they are; a test holds every header line to 100 columns).
const COLUMNS: usize = 98;

/// The macro's name: the static's in capitals.
pub fn macro_name(d: &Def) -> String {
    d.symbol.to_uppercase()
}

/// The getter's name: `rpc_get_` and the static's name after `rpc_`.
pub fn getter(d: &Def) -> String {
    let rest = d.symbol.strip_prefix("rpc_").unwrap_or_else(|| panic!("{} must start with rpc_", d.symbol));
    format!("rpc_get_{rest}")
}

pub fn c_type(value: Value) -> String {
    match value {
        Value::Float(_) => "float".into(),
        Value::Int32(_) => "int32_t".into(),
        Value::Int64(_) => "int64_t".into(),
        Value::Int16(_) => "int16_t".into(),
        Value::Size(_) => "size_t".into(),
        Value::Str(s) => format!("const char[{}]", s.len() + 1),
    }
}

/// The value as a C constant expression of exactly the static's type.
pub fn c_literal(value: Value) -> String {
    match value {
        Value::Float(v) => {
            assert!(v.is_finite(), "a float constant must be finite");
            // {:?} prints the shortest round-tripping form, always with a '.' or an exponent.
            format!("({v:?}f)")
        }
        Value::Int32(v) => {
            assert!(v != i32::MIN, "INT32_MIN has no literal");
            format!("(INT32_C({v}))")
        }
        Value::Int64(v) => {
            assert!(v != i64::MIN, "INT64_MIN has no literal");
            format!("(INT64_C({v}))")
        }
        // C has no suffix of these types: the cast gives the macro the static's type (not
        // usable in #if; rpc_constants.hpp silences -Wold-style-cast where it uses them).
        Value::Int16(v) => format!("((int16_t){v})"),
        Value::Size(v) => format!("((size_t){v})"),
        // A parenthesized string cannot initialize a char array in ISO C; a literal needs none.
        Value::Str(s) => c_string(s),
    }
}

pub fn c_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // '?' could start a trigraph in C99 ("??(").
            '?' => out.push_str("\\?"),
            ' '..='~' => out.push(c),
            _ => panic!("constant strings are printable ASCII"),
        }
    }
    out.push('"');
    out
}

/// The value as a person reads it in the docs: the literal without its parentheses and casts.
pub fn c_value_text(value: Value) -> String {
    match value {
        Value::Float(v) => format!("{v:?}f"),
        Value::Int32(v) => v.to_string(),
        Value::Int64(v) => v.to_string(),
        Value::Int16(v) => v.to_string(),
        Value::Size(v) => v.to_string(),
        Value::Str(s) => c_string(s),
    }
}

/// Words re-flowed into the lines of a doc comment indented by `indent` columns (a long string
/// literal stays whole).
pub fn wrap_indented(text: &str, indent: usize) -> Vec<String> {
    let width = COLUMNS - indent - " * ".len();
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().unwrap();
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.retain(|l| !l.is_empty());
    lines
}

pub fn wrap(text: &str) -> Vec<String> {
    wrap_indented(text, 0)
}

/// A Doxygen comment of `lines` (an empty line is a paragraph break).
pub fn doxy_comment(lines: &[String]) -> String {
    let mut out = String::from("/**\n");
    for line in lines {
        if line.is_empty() {
            out.push_str(" *\n");
        } else {
            writeln!(out, " * {line}").unwrap();
        }
    }
    out.push_str(" */\n");
    out
}
