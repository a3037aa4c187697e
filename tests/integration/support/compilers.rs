//! The C and C++ compilers the tests build with, and how they build: the strict warning set, the
//! standards each accepts, one compile.

use super::{artifacts, generated_c_dir, in_ci, on_path, report_not_run, source, strings};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A compiler the tests drive; `cpp` says whether it compiles C++.
#[derive(Clone, Debug)]
pub struct Compiler {
    pub command: String,
    pub cpp: bool,
}

/// The required C compiler: `$CC` or `cc`. Its absence fails the test with its name.
pub fn c_compiler() -> Compiler {
    let command = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    assert!(on_path(&command), "no C compiler: `{command}` was not found (install gcc or set CC)");
    Compiler { command, cpp: false }
}

/// gcc and clang in both languages. gcc/g++ are required; clang/clang++ are optional on a
/// developer's machine (reported as not run) and required in CI, which installs them.
pub fn matrix_compilers(what: &str) -> Vec<Compiler> {
    let mut found = Vec::new();
    for (command, cpp, required) in
        [("gcc", false, true), ("g++", true, true), ("clang", false, false), ("clang++", true, false)]
    {
        if on_path(command) {
            found.push(Compiler { command: command.into(), cpp });
        } else if required || in_ci() {
            panic!("{what}: `{command}` was not found; install it (CI installs clang via .ci/run)");
        } else {
            report_not_run(&format!("{what} with {command}"), "compiler not found");
        }
    }
    found
}

/// Warnings that every test program is built with.
pub const STRICT: &[&str] = &["-Wall", "-Wextra", "-Wpedantic", "-Werror", "-Wconversion"];

/// Compiles (and links) `sources` into `out`: `flags` go before the sources, `libs` after them.
/// Panics with the compiler's output on failure.
pub fn compile(compiler: &Compiler, flags: &[String], sources: &[PathBuf], libs: &[String], out: &Path) {
    let output = Command::new(&compiler.command)
        .args(flags)
        .args(sources)
        .args(libs)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", compiler.command));
    assert!(
        output.status.success(),
        "{} {:?} {:?} {:?} failed:\n{}{}",
        compiler.command,
        flags,
        sources,
        libs,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Strict warnings, the language standard, the generated C headers (symbols.h), the test helpers
/// (tests/c), the committed header, then `extra`.
pub fn c_flags(std: &str, extra: &[&str]) -> Vec<String> {
    let mut flags = strings(STRICT);
    flags.push(format!("-std={std}"));
    flags.push(format!("-I{}", generated_c_dir().display()));
    flags.push(format!("-I{}", source("tests/c").display()));
    flags.push(format!("-I{}", artifacts().include.display()));
    flags.extend(strings(extra));
    flags
}

pub const HPP_WARNINGS: &[&str] =
    &["-Wsign-conversion", "-Wold-style-cast", "-Wzero-as-null-pointer-constant", "-Wshadow"];

/// The standards from C++17 a compiler accepts: C++23 under its final name or, for older
/// compilers, its draft name.
pub fn standards(compiler: &Compiler) -> Vec<&'static str> {
    let accepts = |std: &str| {
        Command::new(&compiler.command)
            .args([&format!("-std={std}"), "-x", "c++", "-E", "-"])
            .stdin(std::process::Stdio::null())
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let mut found = vec!["c++17", "c++20"];
    match ["c++23", "c++2b"].into_iter().find(|s| accepts(s)) {
        Some(std) => found.push(std),
        None => report_not_run(&format!("C++23 with {}", compiler.command), "no -std=c++23 or c++2b"),
    }
    found
}
