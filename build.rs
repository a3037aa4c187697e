//! Derives the exported statics, getters and the C header from `src/defs.rs`.
//!
//! cbindgen cannot be given the constants themselves: it drops `&str` consts, writes `f32`
//! literals without the `f` suffix and leaves negatives bare. So the macros are written here from
//! the typed values (the compiler has already parsed them) and handed to cbindgen as the text that
//! follows the includes; the statics, getters and table entries are generated as Rust into
//! OUT_DIR, where the library (`include!`) and cbindgen (`with_src`) read them.

#[path = "src/defs.rs"]
mod defs;
#[path = "build/header.rs"]
mod header;
#[path = "build/hpp.rs"]
mod hpp;
#[path = "src/soname.rs"]
#[allow(dead_code)] // parse_component is the library's
mod soname;

use defs::{Def, Origin, Value, DEFS};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    for watched in ["src", "cbindgen.toml", "build.rs", "Cargo.toml"] {
        println!("cargo:rerun-if-changed={watched}");
    }
    println!("cargo:rerun-if-env-changed=DOCS_RS");
    println!("cargo:rerun-if-env-changed=OPT_LEVEL");
    println!("cargo::rustc-check-cfg=cfg(rpc_unoptimized)");
    if unoptimized() {
        // lib.rs: a development build keeps its checks and traps on a panic (see link_args).
        println!("cargo:rustc-cfg=rpc_unoptimized");
    }

    if is_elf_target() {
        let soname = soname();
        link_args(&out_dir, &soname);
        soname_link(&out_dir, &soname);
    }

    let statics = out_dir.join("statics.rs");
    let getters = out_dir.join("getters.rs");
    for (path, text) in
        [(&statics, statics_rs()), (&getters, getters_rs()), (&out_dir.join("table.rs"), table_rs())]
    {
        fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    let config =
        cbindgen::Config::from_file(manifest_dir.join("cbindgen.toml")).expect("cannot read cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(manifest_dir.join("src/lib.rs"))
        .with_src(&statics)
        .with_src(&getters)
        .generate()
        .expect("cbindgen failed to generate the header");
    let mut raw = Vec::new();
    bindings.write(&mut raw);
    let constants: Vec<header::Constant> = DEFS
        .iter()
        .map(|d| header::Constant { macro_item: macro_item(d), symbol: d.symbol.into(), getter: getter(d) })
        .collect();
    let header =
        header::assemble(&String::from_utf8(raw).unwrap(), &version_macros(), &constants).into_bytes();

    // The copies in OUT_DIR are what the drift tests compare with the committed ones.
    let hpp = hpp::generate().into_bytes();
    for (name, text) in [("rpc_constants.h", &header), ("rpc_constants.hpp", &hpp)] {
        fs::write(out_dir.join(name), text).expect("cannot write a header into OUT_DIR");
        update_committed_header(&manifest_dir.join("include").join(name), text);
    }
}

/// Keeps `include/rpc_constants.h` current without ever failing the build because of it: the
/// source tree may be read-only (docs.rs, a packaged crate being verified, a distro build root).
fn update_committed_header(path: &Path, header: &[u8]) {
    if fs::read(path).ok().as_deref() == Some(header) {
        return; // unchanged: touching it would trip cargo package's "source modified" check
    }
    if env::var_os("DOCS_RS").is_some() {
        return;
    }
    let result = fs::create_dir_all(path.parent().unwrap()).and_then(|()| fs::write(path, header));
    if let Err(e) = result {
        println!(
            "cargo:warning={} is out of date and could not be rewritten ({e}); the current header \
             is in OUT_DIR",
            path.display()
        );
    }
}

/// The link arguments below are GNU ld / lld options for ELF shared objects. Another target
/// (macOS, Windows) gets a plain cdylib: untested, but it builds instead of failing to link.
fn is_elf_target() -> bool {
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    matches!(os.as_str(), "linux" | "android" | "freebsd" | "netbsd" | "openbsd" | "dragonfly" | "illumos")
        && env != "msvc"
}

fn unoptimized() -> bool {
    env::var("OPT_LEVEL").as_deref() == Ok("0")
}

/// cargo-c's SONAME rule (src/soname.rs) applied to this crate's version.
fn soname() -> String {
    let parts: Vec<u64> = ["MAJOR", "MINOR", "PATCH"]
        .iter()
        .map(|p| env::var(format!("CARGO_PKG_VERSION_{p}")).unwrap().parse().unwrap())
        .collect();
    let line = &parts[..soname::abi_components(parts[0], parts[1])];
    format!("librpc_constants.so.{}", line.iter().map(u64::to_string).collect::<Vec<_>>().join("."))
}

/// Gives the profile directory (`target/release`) the link a program linked there looks for at
/// run time: `librpc_constants.so.0.1 -> librpc_constants.so`. It dangles until cargo links the
/// library a moment later. Never fails the build: a build tree without it only misses a
/// convenience.
fn soname_link(out_dir: &Path, soname: &str) {
    // OUT_DIR is <profile dir>/build/<package>-<hash>/out.
    let Some(profile_dir) = out_dir.ancestors().nth(3) else { return };
    let link = profile_dir.join(soname);
    if fs::read_link(&link).is_ok_and(|target| target == Path::new("librpc_constants.so")) {
        return;
    }
    let _ = fs::remove_file(&link);
    #[cfg(unix)]
    if let Err(e) = std::os::unix::fs::symlink("librpc_constants.so", &link) {
        println!("cargo:warning=cannot create {} ({e})", link.display());
    }
}

/// Link arguments for the shared library only (the static archive is never linked by us).
fn link_args(out_dir: &Path, soname: &str) {
    // An unoptimised development build calls memcpy/memset and names the unwinding personality;
    // it links libc and gets lib.rs's stand-ins. Optimised builds need neither, and `-z defs`
    // below proves it.
    if unoptimized() {
        println!("cargo:rustc-cdylib-link-arg=-lc");
    }
    // The library never unwinds: panic=abort, no callbacks, every function a leaf that calls
    // nothing. Its unwind tables (about 700 bytes, a tenth of the file) describe frames no
    // exception can cross, so the linker drops them.
    let script = out_dir.join("discard-unwind-tables.ld");
    fs::write(&script, "SECTIONS { /DISCARD/ : { *(.eh_frame) *(.comment) } } INSERT AFTER .text;\n")
        .expect("cannot write the linker script");
    for arg in [
        // No crt start files: no _init/_fini, no init/fini arrays; nothing runs at dlopen.
        "-nostartfiles".to_string(),
        format!("-Wl,-soname,{soname}"),
        // Any reference left unresolved (a surviving panic path calls an undefined symbol, see
        // lib.rs) fails the link instead of the program that loads us.
        "-Wl,-z,defs".to_string(),
        "-Wl,-z,relro,-z,now".to_string(),
        "-Wl,-z,noexecstack".to_string(),
        // Every reference the library makes to its own symbols binds to its own definitions, so
        // a copy loaded beside another (another release in the global scope, this one
        // RTLD_LOCAL) returns its own strings and table entries. rustc's own version script
        // rules out symbol versioning (the linker honours only the first script).
        "-Wl,-Bsymbolic".to_string(),
        // One read-only segment instead of page-padded separate ones: ~3 KiB instead of ~14 KiB.
        "-Wl,-z,noseparate-code".to_string(),
        "-Wl,--hash-style=gnu".to_string(),
        format!("-Wl,-T,{}", script.display()),
        "-Wl,--no-eh-frame-hdr".to_string(),
    ] {
        println!("cargo:rustc-cdylib-link-arg={arg}");
    }
}

fn c_type(value: Value) -> String {
    match value {
        Value::Float(_) => "float".into(),
        Value::Int32(_) => "int32_t".into(),
        Value::Int64(_) => "int64_t".into(),
        Value::Str(s) => format!("const char[{}]", s.len() + 1),
    }
}

/// The value as a C constant expression of exactly the static's type.
fn c_literal(value: Value) -> String {
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
        // A parenthesized string cannot initialize a char array in ISO C; a literal needs none.
        Value::Str(s) => c_string(s),
    }
}

fn c_string(s: &str) -> String {
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

/// The value as a person reads it in the docs.
fn c_value_text(value: Value) -> String {
    match value {
        Value::Float(v) => format!("{v:?}f"),
        Value::Int32(v) => v.to_string(),
        Value::Int64(v) => v.to_string(),
        Value::Str(s) => c_string(s),
    }
}

fn pytorch_text(d: &Def) -> String {
    match d.origin {
        Origin::PythonOnly { python, .. } => {
            format!("PyTorch: torch.distributed.rpc.constants.{python} (Python only).")
        }
        Origin::CppOnly(cpp) => format!("PyTorch: torch::distributed::rpc::{cpp} (C++ only, rpc_agent.h)."),
        Origin::Both { python, cpp } => {
            format!("PyTorch: torch.distributed.rpc.constants.{python} (C++ torch::distributed::rpc::{cpp}).")
        }
    }
}

/// The macro's name: the static's in capitals.
fn macro_name(d: &Def) -> String {
    d.symbol.to_uppercase()
}

/// The getter's name: `rpc_get_` and the static's name after `rpc_`.
fn getter(d: &Def) -> String {
    let rest = d.symbol.strip_prefix("rpc_").unwrap_or_else(|| panic!("{} must start with rpc_", d.symbol));
    format!("rpc_get_{rest}")
}

/// The full documentation of a constant, once, on its macro.
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

/// Words re-flowed to fit the header's 100 columns (a long string literal stays whole).
pub(crate) fn wrap(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > 95 {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn doxy_comment(lines: &[String]) -> String {
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

fn rust_doc(lines: &[String]) -> String {
    // cbindgen prints each attribute as " *" followed by its text; an empty one keeps lines clean.
    let attr = |l: &String| if l.is_empty() { String::new() } else { format!(" {l}") };
    lines.iter().map(|l| format!("#[doc = {:?}]\n", attr(l))).collect()
}

/// The version macros of the header's first section.
fn version_macros() -> String {
    let mut out = String::new();
    let version = env::var("CARGO_PKG_VERSION").unwrap();
    out.push_str(&doxy_comment(&[
        "Version of this header, as \"MAJOR.MINOR.PATCH\" (from the crate's Cargo.toml).".into(),
        "Compare it with rpc_constants_version() to detect a header/library mismatch.".into(),
    ]));
    writeln!(out, "#define RPC_CONSTANTS_VERSION {}\n", c_string(&version)).unwrap();
    for part in ["MAJOR", "MINOR", "PATCH"] {
        let value = env::var(format!("CARGO_PKG_VERSION_{part}")).unwrap();
        out.push_str(&doxy_comment(&[format!(
            "{} version number of this header ({}).",
            part[..1].to_string() + &part[1..].to_lowercase(),
            value
        )]));
        writeln!(out, "#define RPC_CONSTANTS_VERSION_{part} {value}\n").unwrap();
    }
    out.push_str(&doxy_comment(&[
        "Checks the loaded library against this header; evaluates to an rpc_status.".into(),
        String::new(),
        "RPC_OK when the library can serve a program compiled with this header, else".into(),
        "RPC_ERR_VERSION_MISMATCH; see rpc_constants_check_version(). On a mismatch, report".into(),
        "RPC_CONSTANTS_VERSION (the header's) and rpc_constants_version() (the library's).".into(),
    ]));
    out.push_str(
        "#define RPC_CONSTANTS_CHECK_VERSION() rpc_constants_check_version(RPC_CONSTANTS_VERSION)\n",
    );
    out
}

/// A constant's macro with its full documentation.
fn macro_item(d: &Def) -> String {
    format!("{}#define {} {}\n", doxy_comment(&doc_lines(d)), macro_name(d), c_literal(d.value))
}

/// A constant's Rust type and value expression (always `crate::defs::DEFS[i]`, evaluated at compile
/// time), and the type its getter returns.
fn rust_value(i: usize, d: &Def) -> (String, String, &'static str) {
    let def = format!("crate::defs::DEFS[{i}].value");
    match d.value {
        Value::Float(_) => ("f32".into(), format!("{def}.float()"), "f32"),
        Value::Int32(_) => ("i32".into(), format!("{def}.int32()"), "i32"),
        Value::Int64(_) => ("i64".into(), format!("{def}.int64()"), "i64"),
        Value::Str(s) => (
            format!("[core::ffi::c_char; {}]", s.len() + 1),
            format!("crate::c_array({def}.str())"),
            "*const core::ffi::c_char",
        ),
    }
}

/// The exported statics (module `constants`).
fn statics_rs() -> String {
    let mut out = String::from("// Generated by build.rs from src/defs.rs.\n\n");
    for (i, d) in DEFS.iter().enumerate() {
        let doc = wrap(&format!("{}, as an exported read-only static (documented above).", macro_name(d)));
        let (rust_type, value, _) = rust_value(i, d);
        writeln!(out, "{}#[no_mangle]\npub static {}: {rust_type} = {value};\n", rust_doc(&doc), d.symbol)
            .unwrap();
    }
    out
}

/// The exported getters (module `getters`). A number is returned as a compile-time constant, so
/// the getter is one instruction and a return without touching the static; a string getter
/// returns the static's own address.
fn getters_rs() -> String {
    let mut out = String::from("// Generated by build.rs from src/defs.rs.\n\n");
    for (i, d) in DEFS.iter().enumerate() {
        let doc = match d.value {
            Value::Str(_) => wrap(&format!(
                "Returns {} (documented above), for FFIs that cannot read data symbols: the library's \
                 own array. A program that reads {} directly may read a copy its linker made, at \
                 another address: compare the contents, not the pointers.",
                macro_name(d),
                d.symbol
            )),
            _ => wrap(&format!(
                "Returns {} (documented above), for FFIs that cannot read data symbols.",
                macro_name(d)
            )),
        };
        let (_, value, returns) = rust_value(i, d);
        let body = match d.value {
            Value::Str(_) => format!("crate::constants::{}.as_ptr()", d.symbol),
            _ => format!("const {{ {value} }}"),
        };
        writeln!(
            out,
            "{}#[no_mangle]\npub extern \"C\" fn {}() -> {returns} {{\n    {body}\n}}\n",
            rust_doc(&doc),
            getter(d)
        )
        .unwrap();
    }
    out
}

/// The entries of the constants table (module `table`), as an array expression.
fn table_rs() -> String {
    let mut out = String::from("// Generated by build.rs from src/defs.rs.\n[\n");
    for (i, d) in DEFS.iter().enumerate() {
        let (_, value, _) = rust_value(i, d);
        let (value_type, member, value) = match d.value {
            Value::Float(_) => ("RPC_TYPE_FLOAT", "as_float", value),
            Value::Int32(_) => ("RPC_TYPE_INT32", "as_int32", value),
            Value::Int64(_) => ("RPC_TYPE_INT64", "as_int64", value),
            Value::Str(_) => {
                ("RPC_TYPE_STRING", "as_string", format!("crate::constants::{}.as_ptr()", d.symbol))
            }
        };
        let c = |s: &str| format!("c{s:?}.as_ptr()");
        writeln!(
            out,
            "    rpc_constant {{\n        name: {},\n        cpp_name: {},\n        symbol: {},\n        \
             value_type: rpc_type::{value_type},\n        unit: {},\n        \
             value: rpc_value {{ {member}: {value} }},\n        doc: {},\n    }},",
            c(d.origin.name()),
            c(d.origin.cpp().unwrap_or("")),
            c(d.symbol),
            c(d.unit),
            c(d.summary)
        )
        .unwrap();
    }
    out.push_str("]\n");
    out
}
