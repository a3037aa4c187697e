//! The library's arithmetic never overflows: the C checks run against a build with overflow
//! checks, where any overflow (an add, a multiply, a shift by a negative or too large amount)
//! traps instead of wrapping.
//!
//! The shipped (release) profile cannot have them: an overflow check is a panic path the
//! optimiser cannot always remove, and a release library with a reachable panic does not link
//! (lib.rs). The development profile keeps them and traps on a panic, so it is the build that
//! shows an overflow the release library would silently wrap.

use crate::support::elf;
use crate::support::{
    artifacts, c_compiler, c_flags, compile, matrix_compilers, run, run_stdout, scratch, source, target_dir,
};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// The development build of the library (opt-level 0, overflow checks on), in this run's target
/// directory, whose build scripts' dependencies the test build has already compiled.
fn checked_library() -> &'static PathBuf {
    static SO: OnceLock<PathBuf> = OnceLock::new();
    SO.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        run(Command::new(&cargo)
            .args(["build", "--lib", "--manifest-path"])
            .arg(source("Cargo.toml"))
            .arg("--target-dir")
            .arg(target_dir())
            // The dev profile's default, said explicitly: this test is about them.
            .env("CARGO_PROFILE_DEV_OVERFLOW_CHECKS", "true")
            .env("CARGO_PROFILE_DEV_OPT_LEVEL", "0"));
        let so = target_dir().join("debug/librpc_constants.so");
        // Only the unoptimised build links libc (build.rs): this is not the release library.
        assert!(
            elf::needed(&so).iter().any(|n| n.starts_with("libc.so")),
            "{} is not a development build",
            so.display()
        );
        so
    })
}

fn checked_link_args() -> Vec<String> {
    let lib = checked_library().parent().unwrap().display().to_string();
    vec![format!("-L{lib}"), "-lrpc_constants".into(), format!("-Wl,-rpath,{lib}"), "-lm".into()]
}

/// Every function and error path, and the floating-point environments, with overflow checks.
#[test]
fn c_checks_pass_on_a_build_with_overflow_checks() {
    let dir = scratch("overflow-checks");
    let _ = artifacts(); // the committed header, current
    let soname = elf::soname(checked_library()).unwrap();
    for program in ["semantics_test", "fpenv_test"] {
        let compiler = c_compiler();
        let exe = dir.join(program);
        let flags = c_flags("c11", if program == "fpenv_test" { &["-frounding-math"] } else { &[] });
        compile(&compiler, &flags, &[source(&format!("tests/c/{program}.c"))], &checked_link_args(), &exe);
        assert!(elf::needed(&exe).contains(&soname));
        print!("{}", run_stdout(&mut Command::new(&exe)));
    }
}

/// Every 4th float through both conversions, with overflow checks (the release library gets
/// all 2^32 in semantics.rs).
#[test]
#[ignore = "slow: 2^30 floats through an unoptimised library (about 45 s on 2 cores); CI runs it"]
fn float_sweep_passes_on_a_build_with_overflow_checks() {
    let dir = scratch("overflow-checks-sweep");
    let _ = artifacts();
    let cxx = matrix_compilers("float sweep").into_iter().find(|c| c.cpp).expect("no C++ compiler");
    let exe = dir.join("sweep");
    let mut libs = checked_link_args();
    libs.push("-pthread".into());
    compile(&cxx, &c_flags("c++17", &["-O2"]), &[source("tests/c/sweep.cpp")], &libs, &exe);
    let stdout = run_stdout(Command::new(&exe).arg("4"));
    print!("{stdout}");
    assert!(stdout.contains(&format!("sweep: {} passed, 0 failed", 2 * (1u64 << 30))), "{stdout}");
}
