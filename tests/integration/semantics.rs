//! Timeout semantics, message formatting, status strings and the constants table, through the
//! release shared library: every function and error path in C, an exhaustive float sweep against
//! a C++ transcription of PyTorch's expressions, and the Python ctypes example.

use crate::support::{artifacts, c_flags, compile, matrix_compilers, run, scratch, shared_link_args, source};
use std::process::Command;

#[test]
fn every_function_and_error_path_from_c() {
    let art = artifacts();
    let dir = scratch("semantics");
    for compiler in matrix_compilers("semantics test").into_iter().filter(|c| !c.cpp) {
        let exe = dir.join(format!("semantics_test-{}", compiler.command));
        let mut libs = shared_link_args(art);
        libs.push("-lm".into());
        compile(&compiler, &c_flags("c11", &[]), &[source("tests/c/semantics_test.c")], &libs, &exe);
        let out = run(&mut Command::new(&exe));
        print!("{}: {}", compiler.command, String::from_utf8_lossy(&out.stdout));
    }
}

/// The same results under denormals-are-zero, flush-to-zero and every rounding mode.
#[test]
fn results_do_not_depend_on_the_floating_point_environment() {
    let art = artifacts();
    let dir = scratch("fpenv");
    for compiler in matrix_compilers("floating-point environment test").into_iter().filter(|c| !c.cpp) {
        let exe = dir.join(format!("fpenv_test-{}", compiler.command));
        let mut libs = shared_link_args(art);
        libs.push("-lm".into());
        let flags = c_flags("c11", &["-frounding-math"]);
        compile(&compiler, &flags, &[source("tests/c/fpenv_test.c")], &libs, &exe);
        let out = run(&mut Command::new(&exe));
        print!("{}: {}", compiler.command, String::from_utf8_lossy(&out.stdout));
    }
}

/// All 2^32 float bit patterns through both conversions, optimised and on every core.
#[test]
#[ignore = "slow: all 2^32 floats (about 30 s on 2 idle cores); CI runs it"]
fn exhaustive_float_sweep_matches_pytorch_where_defined() {
    let art = artifacts();
    let dir = scratch("sweep");
    let exe = dir.join("sweep");
    let cxx = matrix_compilers("float sweep").into_iter().find(|c| c.cpp).expect("no C++ compiler");
    let flags = c_flags("c++17", &["-O2"]);
    let mut libs = shared_link_args(art);
    libs.push("-pthread".into());
    compile(&cxx, &flags, &[source("tests/c/sweep.cpp")], &libs, &exe);
    let out = run(&mut Command::new(&exe));
    let stdout = String::from_utf8_lossy(&out.stdout);
    print!("{stdout}");
    assert!(stdout.contains("sweep: 8589934592 passed, 0 failed"), "{stdout}");
}

#[test]
fn python_ctypes_example_walks_the_table() {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let found = Command::new(&python).arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(found, "no Python: `{python}` was not found (install python3 or set PYTHON)");
    let art = artifacts();
    let out = run(Command::new(&python).arg(source("examples/python/constants.py")).arg(&art.so));
    let stdout = String::from_utf8(out.stdout).unwrap();
    print!("{stdout}");
    // One line per table entry, as Python prints it (repr of the value): derived from the table
    // the library exports, whose values the C tests hold against the oracle.
    let mut expected = vec![format!("librpc_constants {}", env!("CARGO_PKG_VERSION"))];
    expected.extend(crate::support::library::table_entries().into_iter().map(|(name, value, unit)| {
        let repr = match value {
            crate::support::library::TableValue::Float(f) => format!("{:?}", f64::from(f)),
            crate::support::library::TableValue::Int(i) => i.to_string(),
            crate::support::library::TableValue::Str(s) => format!("'{s}'"),
        };
        format!("{name} = {repr} {unit}")
    }));
    expected.push("found by C++ name: DEFAULT_RPC_TIMEOUT_SEC = 60.0".into());
    assert_eq!(stdout.lines().collect::<Vec<_>>(), expected);
}
