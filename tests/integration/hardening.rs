//! Proof that the library cannot be the thing that breaks: the programs that run every function
//! (constants_test as C and C++, semantics_test, stress, sweep, hpp_test, retry_sweep) under
//! AddressSanitizer + UndefinedBehaviorSanitizer, 1,000 load cycles under valgrind, 8 threads x
//! 10,000 load cycles plain and under ThreadSanitizer, and writes to the constants that fault.

use crate::support::{
    artifacts, c_flags, compile, matrix_compilers, optional_tool, run, scratch, shared_link_args, source,
    strings, Compiler,
};
use std::path::{Path, PathBuf};
use std::process::Command;

const VERSION: &str = env!("CARGO_PKG_VERSION");

const ASAN_UBSAN: &[&str] =
    &["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer", "-g", "-O1"];

/// Runs a sanitized program: any report makes it fail (and the output is checked for one too).
fn run_sanitized(command: &mut Command) -> String {
    command
        .env("ASAN_OPTIONS", "detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1")
        .env("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1")
        .env("TSAN_OPTIONS", "halt_on_error=1");
    let out = run(command);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for report in ["Sanitizer", "runtime error"] {
        assert!(!stderr.contains(report), "{command:?} reported:\n{stderr}");
    }
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn build(compiler: &Compiler, dir: &Path, name: &str, std: &str, extra: &[&str], libs: &[String]) -> PathBuf {
    let exe = dir.join(format!("{name}-{}", compiler.command));
    let ext = if compiler.cpp { "cpp" } else { "c" };
    compile(compiler, &c_flags(std, extra), &[source(&format!("tests/c/{name}.{ext}"))], libs, &exe);
    exe
}

#[test]
#[ignore = "slow: every program rebuilt and run under ASan+UBSan with gcc and clang; CI runs it"]
fn every_test_program_is_clean_under_address_and_undefined_behaviour_sanitizers() {
    let art = artifacts();
    let dir = scratch("asan-ubsan");
    let mut shared = shared_link_args(art);
    shared.extend(strings(&["-ldl", "-lm", "-pthread"]));
    let so = art.so.display().to_string();
    let mut ran = Vec::new();
    for compiler in matrix_compilers("sanitizer builds") {
        let c = &compiler.command;
        if compiler.cpp {
            let exe = dir.join(format!("constants_test-cpp-{c}"));
            let mut flags = vec!["-x", "c++"];
            flags.extend_from_slice(ASAN_UBSAN);
            let mut libs = strings(&["-x", "none"]);
            libs.extend(shared.iter().cloned());
            compile(&compiler, &c_flags("c++11", &flags), &[source("tests/c/constants_test.c")], &libs, &exe);
            print!("{c} (C++): {}", run_sanitized(Command::new(exe).arg(VERSION)));
            // Every 64th float: the full sweep runs unsanitized in the semantics tests.
            let exe = build(&compiler, &dir, "sweep", "c++17", ASAN_UBSAN, &shared);
            print!("{c}: {}", run_sanitized(Command::new(exe).arg("64")));
            let exe = build(&compiler, &dir, "hpp_test", "c++17", ASAN_UBSAN, &shared);
            print!("{c}: {}", run_sanitized(&mut Command::new(exe)));
            // Every 4099th backoff (with every bit of its powers) and 20,000 random inputs: the
            // larger retry sweeps run unsanitized.
            let exe = build(&compiler, &dir, "retry_sweep", "c++17", ASAN_UBSAN, &shared);
            print!("{c}: {}", run_sanitized(Command::new(exe).args(["4099", "20000", "1", "1", "0"])));
            ran.push(format!("{c}: constants_test as C++, sweep/64, hpp_test, retry_sweep/4099"));
            continue;
        }
        let exe = build(&compiler, &dir, "constants_test", "c11", ASAN_UBSAN, &shared);
        print!("{c}: {}", run_sanitized(Command::new(exe).arg(VERSION)));
        let static_libs = vec![art.a.display().to_string()];
        let exe = dir.join(format!("constants_test-static-{c}"));
        compile(
            &compiler,
            &c_flags("c11", ASAN_UBSAN),
            &[source("tests/c/constants_test.c")],
            &static_libs,
            &exe,
        );
        print!("{c} (static): {}", run_sanitized(Command::new(exe).arg(VERSION)));
        let exe = build(&compiler, &dir, "semantics_test", "c11", ASAN_UBSAN, &shared);
        print!("{c}: {}", run_sanitized(&mut Command::new(exe)));
        let exe = build(&compiler, &dir, "stress", "c11", ASAN_UBSAN, &shared);
        print!("{c}: {}", run_sanitized(Command::new(exe).arg(&so).arg("4").arg("500")));
        ran.push(format!("{c}: constants_test (shared, static), semantics_test, stress"));
    }
    println!("ASan+UBSan, zero reports: {}", ran.join("; "));
}

#[test]
#[ignore = "slow: 1,000 load cycles under valgrind; CI runs it"]
fn a_thousand_load_cycles_under_valgrind_memcheck() {
    let Some(valgrind) = optional_tool("valgrind", "valgrind memcheck") else { return };
    let art = artifacts();
    let dir = scratch("valgrind");
    let cc = matrix_compilers("valgrind").into_iter().find(|c| !c.cpp).unwrap();
    let exe = build(&cc, &dir, "stress", "c11", &["-g", "-O1"], &strings(&["-ldl", "-lm", "-pthread"]));
    let out = Command::new(valgrind)
        .args(["--tool=memcheck", "--error-exitcode=99", "--leak-check=full"])
        .args(["--show-leak-kinds=definite,indirect", "--errors-for-leak-kinds=definite,indirect"])
        .arg(&exe)
        .arg(&art.so)
        .args(["1", "1000"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "valgrind reported errors ({}):\n{stderr}", out.status);
    let summary: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("ERROR SUMMARY") || l.contains("lost:") || l.contains("in use at exit"))
        .collect();
    assert!(stderr.contains("ERROR SUMMARY: 0 errors"), "{stderr}");
    println!("{}{}", String::from_utf8_lossy(&out.stdout), summary.join("\n"));
}

#[test]
#[ignore = "slow: 80,000 load cycles, plain and under ThreadSanitizer; CI runs it"]
fn eight_threads_of_ten_thousand_load_cycles_plain_and_under_thread_sanitizer() {
    let art = artifacts();
    let dir = scratch("threads");
    let libs = strings(&["-ldl", "-lm", "-pthread"]);
    let compilers = matrix_compilers("threads");
    let gcc = compilers.iter().find(|c| !c.cpp).unwrap();
    let plain = build(gcc, &dir, "stress", "c11", &["-O2"], &libs);
    print!("plain: {}", run_sanitized(Command::new(plain).arg(&art.so).args(["8", "10000"])));
    let Some(clang) = compilers.iter().find(|c| c.command == "clang") else { return };
    let tsan = build(clang, &dir, "stress", "c11", &["-fsanitize=thread", "-g", "-O1"], &libs);
    print!("ThreadSanitizer: {}", run_sanitized(Command::new(tsan).arg(&art.so).args(["8", "10000"])));
}

#[test]
fn writing_to_any_constant_faults() {
    let art = artifacts();
    let dir = scratch("readonly");
    let cc = matrix_compilers("read-only constants").into_iter().find(|c| !c.cpp).unwrap();
    let mut libs = shared_link_args(art);
    libs.push("-ldl".into());
    let exe = build(&cc, &dir, "readonly_test", "c11", &["-D_GNU_SOURCE"], &libs);
    print!("{}", String::from_utf8_lossy(&run(Command::new(exe).arg(&art.so)).stdout));
}
