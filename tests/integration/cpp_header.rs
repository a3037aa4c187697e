//! rpc_constants.hpp: a clean compile under strict warnings in every C++ standard from C++17 with
//! gcc and clang, with and without exceptions and RTTI; a clear refusal of C++14; PyTorch-style
//! agent code compiled unchanged; every helper agreeing with the C function it wraps.

use crate::support::compilers::{standards, HPP_WARNINGS};
use crate::support::{
    artifacts, c_flags, compile, isolate_from_cargo, matrix_compilers, run_stdout, scratch, shared_link_args,
    source,
};
use std::os::unix::process::ExitStatusExt as _;
use std::process::Command;

fn flags(std: &str, extra: &[&str]) -> Vec<String> {
    let mut all: Vec<&str> = HPP_WARNINGS.to_vec();
    all.extend(extra);
    c_flags(std, &all)
}

#[test]
fn cpp_header_compiles_cleanly_and_its_helpers_agree_with_the_c_functions() {
    let art = artifacts();
    let dir = scratch("cpp-header");
    let mut ran = Vec::new();
    for compiler in matrix_compilers("C++ header matrix").into_iter().filter(|c| c.cpp) {
        for std in standards(&compiler) {
            for (label, extra) in
                [("", &[][..]), (" -fno-exceptions -fno-rtti", &["-fno-exceptions", "-fno-rtti"][..])]
            {
                let exe = dir.join(format!("hpp_test-{}-{std}{}", compiler.command, label.replace(' ', "_")));
                compile(
                    &compiler,
                    &flags(std, extra),
                    &[source("tests/c/hpp_test.cpp")],
                    &shared_link_args(art),
                    &exe,
                );
                let out = run_stdout(&mut Command::new(&exe));
                assert!(out.contains(", 0 failed"), "{out}");
                ran.push(format!("{} -std={std}{label}", compiler.command));
            }
        }
        // Linked statically too.
        let exe = dir.join(format!("hpp_test-{}-static", compiler.command));
        compile(
            &compiler,
            &flags("c++17", &[]),
            &[source("tests/c/hpp_test.cpp")],
            &[art.a.display().to_string()],
            &exe,
        );
        run_stdout(Command::new(&exe).env_remove("LD_LIBRARY_PATH"));
    }
    println!("rpc_constants.hpp compiled and ran as: {}", ran.join(", "));
}

#[test]
fn cpp_header_refuses_cpp14_naming_the_c_header() {
    for compiler in matrix_compilers("C++14 refusal").into_iter().filter(|c| c.cpp) {
        let out = Command::new(&compiler.command)
            .args(c_flags("c++14", &["-fsyntax-only"]))
            .arg(source("tests/c/hpp_test.cpp"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{} -std=c++14 accepted rpc_constants.hpp", compiler.command);
        assert!(
            stderr.contains(
                "rpc_constants.hpp needs C++17; from C, C++11 or C++14, include rpc_constants.h instead"
            ),
            "{stderr}"
        );
    }
}

/// Before C++17 (and from C) the header stops at its #error: none of the rest is compiled, so
/// that one line says what is wrong.
#[test]
fn cpp_header_before_cpp17_gives_exactly_one_error() {
    let dir = scratch("cpp-header-pre17");
    let tu = dir.join("includes_hpp.cpp");
    std::fs::write(&tu, "#include <rpc_constants.hpp>\n\nint main(void) { return 0; }\n").unwrap();
    for compiler in matrix_compilers("C++ header before C++17") {
        let standards: &[&str] = if compiler.cpp { &["c++11", "c++14"] } else { &["c11"] };
        for std in standards {
            let lang = if compiler.cpp { "c++" } else { "c" };
            let out = Command::new(&compiler.command)
                .args(c_flags(std, &["-fsyntax-only", "-x", lang]))
                .arg(&tu)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error:")).collect();
            assert!(!out.status.success(), "{} -std={std} accepted rpc_constants.hpp", compiler.command);
            assert_eq!(errors.len(), 1, "{} -std={std}: not exactly one error:\n{stderr}", compiler.command);
            assert!(errors[0].contains("rpc_constants.hpp needs C++17"), "{stderr}");
        }
    }
}

/// `value()` on an error never yields a duration: the program ends by SIGABRT with the message
/// the header documents, with exceptions and without.
#[test]
fn timeout_result_value_on_an_error_aborts_with_its_message() {
    const SIGABRT: i32 = 6; // Linux, every architecture
    const MESSAGE: &str = "rpc_constants: timeout_result::value() on an error: ";
    let hpp = std::fs::read_to_string(artifacts().include.join("rpc_constants.hpp")).unwrap();
    assert!(hpp.contains(&format!("\"{MESSAGE}\" and what()")), "the header does not document the message");
    let art = artifacts();
    let dir = scratch("cpp-value-on-error");
    for compiler in matrix_compilers("timeout_result::value() on an error").into_iter().filter(|c| c.cpp) {
        for (label, extra) in [("", &[][..]), ("-fno-exceptions", &["-fno-exceptions"][..])] {
            let exe = dir.join(format!("value_on_error-{}{label}", compiler.command));
            let sources = [source("tests/c/hpp_value_on_error.cpp")];
            compile(&compiler, &flags("c++17", extra), &sources, &shared_link_args(art), &exe);
            let mut command = Command::new(&exe);
            isolate_from_cargo(&mut command);
            let out = command.output().unwrap();
            let (stdout, stderr) =
                (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            let what = format!("{} {label}", compiler.command);
            assert_eq!(out.status.signal(), Some(SIGABRT), "{what}: {}\n{stdout}{stderr}", out.status);
            assert!(stderr.contains(&format!("{MESSAGE}negative timeout")), "{what}: stderr was {stderr:?}");
            assert!(stdout.is_empty(), "{what}: the program went on after value(): {stdout}");
        }
    }
}

/// Using the constants links nothing: a program that uses every one, by value and by address,
/// and calls no function links without the library with each compiler, at -O0 (where g++ emits
/// every namespace-scope constant of the header), -Og and -O2, in C++17 and C++20, and runs.
#[test]
fn a_program_using_only_constants_links_no_library_in_any_build_mode() {
    let dir = scratch("hpp-constants-only");
    let mut ran = Vec::new();
    for compiler in matrix_compilers("constants-only C++ program").into_iter().filter(|c| c.cpp) {
        for std in ["c++17", "c++20"] {
            for opt in ["-O0", "-Og", "-O2"] {
                let exe = dir.join(format!("constants_only-{}-{std}{opt}", compiler.command));
                compile(
                    &compiler,
                    &flags(std, &[opt]),
                    &[source("tests/c/hpp_constants_only.cpp")],
                    &[],
                    &exe,
                );
                let out = run_stdout(&mut Command::new(&exe));
                assert!(
                    out.ends_with(" checked, 0 failed\n"),
                    "{} -std={std} {opt}: {out}",
                    compiler.command
                );
                ran.push(format!("{} -std={std} {opt}", compiler.command));
            }
        }
    }
    println!("linked without the library and ran: {}", ran.join(", "));
}

#[test]
fn pytorch_style_agent_code_compiles_unchanged() {
    let art = artifacts();
    let dir = scratch("cpp-dropin");
    for compiler in matrix_compilers("drop-in C++ agent code").into_iter().filter(|c| c.cpp) {
        let exe = dir.join(format!("dropin-{}", compiler.command));
        compile(
            &compiler,
            &flags("c++17", &[]),
            &[source("tests/c/dropin.cpp")],
            &shared_link_args(art),
            &exe,
        );
        assert_eq!(run_stdout(&mut Command::new(&exe)), "dropin: 0 failed\n");
    }
}
