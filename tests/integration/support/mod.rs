//! What the tests share, a module per kind: the artifacts under test (artifacts, elf), the
//! compilers (compilers), the library as a loader sees it (library), what the header declares
//! (declarations), copies of trees (trees), the documents (docs) and random inputs (random);
//! here, running commands and finding tools.

pub mod artifacts;
pub mod compilers;
pub mod declarations;
pub mod docs;
pub mod elf;
pub mod library;
pub mod random;
pub mod trees;

pub use artifacts::{artifacts, generated_c_dir, shared_link_args};
pub use compilers::{c_compiler, c_flags, compile, matrix_compilers, Compiler, STRICT};

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Output};

/// The cargo that runs the tests (`$CARGO`), for the builds the tests make themselves.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// The target directory this test binary was built in (`<target>/debug/deps/<test>`).
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("no current_exe");
    exe.ancestors().nth(3).expect("test binary is not in <target>/<profile>/deps").to_path_buf()
}

/// A scratch directory under the target directory, emptied for each use.
pub fn scratch(name: &str) -> PathBuf {
    let dir = target_dir().join("integration-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Path of a file under `tests/` (C sources) or elsewhere in the crate.
pub fn source(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false")
}

/// Says on the real stderr (not captured by the test harness) that a check did not run.
pub fn report_not_run(what: &str, why: &str) {
    let _ = writeln!(std::io::stderr(), "NOT RUN: {what}: {why}");
}

/// Runs a built program and asserts it exits 0; returns its output.
///
/// cargo runs tests with `target/debug` first on `LD_LIBRARY_PATH`, where a development build of
/// the library (and its SONAME link) may sit: unless the caller sets `LD_LIBRARY_PATH` itself, it
/// is removed, so the program loads the artifact under test (through its rpath or a path).
pub fn run(command: &mut Command) -> Output {
    isolate_from_cargo(command);
    let output = command.output().unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Removes what cargo's test environment would leak into a program or a nested build: its
/// `LD_LIBRARY_PATH`, which puts `target/debug` first (unless the caller set one).
pub fn isolate_from_cargo(command: &mut Command) {
    let set_by_caller = command.get_envs().any(|(k, _)| k == "LD_LIBRARY_PATH");
    if !set_by_caller {
        command.env_remove("LD_LIBRARY_PATH");
    }
}

/// Runs a built program, asserts it exits 0, and returns its standard output.
pub fn run_stdout(command: &mut Command) -> String {
    String::from_utf8_lossy(&run(command).stdout).into_owned()
}

/// Runs `make` in the crate root against this run's target directory.
pub fn make(args: &[&str]) {
    let make = required_tool("make", "make");
    run(Command::new(make).arg("-C").arg(source("")).args(args).env("CARGO_TARGET_DIR", target_dir()));
}

pub fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// A tool the tests cannot do without: its absence fails the test with its name.
pub fn required_tool(tool: &str, what: &str) -> String {
    assert!(on_path(tool), "{what}: `{tool}` was not found; install it");
    tool.to_string()
}

/// A tool the tests need but a developer's machine may lack: Some(name) when present; when
/// absent, a failure in CI (which installs it) and a reported NOT RUN elsewhere.
pub fn optional_tool(tool: &str, what: &str) -> Option<String> {
    if on_path(tool) {
        return Some(tool.to_string());
    }
    assert!(!in_ci(), "{what}: `{tool}` was not found; .ci/run must install it");
    report_not_run(what, &format!("`{tool}` not found"));
    None
}

fn on_path(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success())
}
