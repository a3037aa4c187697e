//! The header: identical to what the build generates, complete documentation, a clean compile in
//! every C and C++ standard with gcc and clang, and exactly the `.so`'s exported symbols.

use crate::declarations::declared_symbols;
use crate::{elf, support};
use support::{artifacts, compile, matrix_compilers, scratch, source, STRICT};

fn committed_header() -> String {
    std::fs::read_to_string(artifacts().include.join("rpc_constants.h")).expect("no include/rpc_constants.h")
}

#[test]
fn committed_header_is_exactly_what_the_build_generates() {
    let art = artifacts();
    let generated = std::fs::read_to_string(&art.generated_header).unwrap();
    assert!(
        committed_header() == generated,
        "include/rpc_constants.h differs from the header the build generated ({}); \
         run `cargo build --release` and commit include/rpc_constants.h",
        art.generated_header.display()
    );
}

#[test]
fn shared_library_exports_exactly_the_declared_symbols() {
    let declared = declared_symbols(&committed_header());
    let exported = elf::exported_symbols(&artifacts().so);
    assert!(declared.len() >= 17, "suspiciously few declarations parsed: {declared:?}");
    assert_eq!(exported, declared, "exported symbols (left) differ from the header's declarations (right)");
}

#[test]
fn every_header_item_has_a_doc_comment() {
    let header = committed_header();
    let lines: Vec<&str> = header.lines().collect();
    let (mut macros, mut decls) = (0, 0);
    for (i, line) in lines.iter().enumerate() {
        // Every macro but the include guard, whatever its name: a stray one is a finding too.
        let is_macro = line.starts_with("#define ") && !line.starts_with("#define RPC_CONSTANTS_H");
        let is_decl = !line.starts_with(['#', ' ', '/', '}', '{'])
            && (line.ends_with(';') || line.ends_with('{'))
            && !line.starts_with("extern \"C\"")
            // cbindgen's typedef of an enum declared (and documented) just above it
            && !(line.starts_with("typedef ") && line.ends_with(';'));
        if !(is_macro || is_decl) {
            continue;
        }
        if is_macro {
            macros += 1;
        } else {
            decls += 1;
        }
        assert!(
            i > 0 && lines[i - 1].trim_end().ends_with("*/"),
            "line {} has no doc comment right above it: {line}",
            i + 1
        );
    }
    // Every exported symbol is one declaration line; types add more.
    let symbols = declared_symbols(&header).len();
    assert!(decls >= symbols, "checked {decls} declarations but the header declares {symbols} symbols");
    assert!(macros >= 4, "checked only {macros} macros");
}

#[test]
fn header_compiles_cleanly_in_every_standard_with_every_compiler() {
    let art = artifacts();
    let dir = scratch("header-matrix");
    let tu = source("tests/c/header_matrix.c");
    let mut compiled = Vec::new();
    for compiler in matrix_compilers("header compile matrix") {
        let (lang, standards): (&[&str], &[&str]) = if compiler.cpp {
            (&["-x", "c++"], &["c++11", "c++14", "c++17", "c++20"])
        } else {
            (&[], &["c99", "c11", "c17", "c2x"])
        };
        for std in standards {
            let mut flags: Vec<String> = lang.iter().map(|s| s.to_string()).collect();
            flags.push(format!("-std={std}"));
            flags.extend(STRICT.iter().map(|s| s.to_string()));
            flags.push(format!("-I{}", art.include.display()));
            flags.push("-c".into());
            let out = dir.join(format!("{}-{std}.o", compiler.command));
            compile(&compiler, &flags, std::slice::from_ref(&tu), &[], &out);
            compiled.push(format!("{} -std={std}", compiler.command));
        }
    }
    println!("header compiled cleanly as: {}", compiled.join(", "));
}
