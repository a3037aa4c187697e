//! Shared test plumbing: builds the release artifacts once, finds compilers, compiles and runs
//! C/C++ programs against the artifacts users actually get.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::elf;

/// Paths of what `cargo build --release` produced.
pub struct Artifacts {
    pub so: PathBuf,
    pub a: PathBuf,
    /// The committed header directory, `include/`.
    pub include: PathBuf,
    /// The header the build generated (in the build script's OUT_DIR).
    pub generated_header: PathBuf,
    /// A directory of links to the release artifacts under their installed names (the `.so`'s
    /// SONAME among them), so that programs linked here find the library at run time.
    pub lib: PathBuf,
}

/// Builds the release `.so` and `.a` once per test run (a `no_std` cdylib cannot be built by
/// cargo's test profile, and the release artifacts are what users link anyway).
pub fn artifacts() -> &'static Artifacts {
    static ARTIFACTS: OnceLock<Artifacts> = OnceLock::new();
    ARTIFACTS.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let target = target_dir();
        let cargo = cargo();
        let output = Command::new(&cargo)
            .args(["build", "--release", "--message-format=json-render-diagnostics"])
            .arg("--manifest-path")
            .arg(root.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(&target)
            .output()
            .unwrap_or_else(|e| panic!("cannot run `{cargo} build --release`: {e}"));
        assert!(
            output.status.success(),
            "cargo build --release failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        let out_dir = stdout
            .lines()
            .filter(|l| l.contains("\"reason\":\"build-script-executed\"") && l.contains("rpc_constants"))
            .find_map(|l| json_string_field(l, "out_dir"))
            .expect("cargo reported no OUT_DIR for rpc_constants's build script");
        let release = target.join("release");
        let so = release.join("librpc_constants.so");
        let a = release.join("librpc_constants.a");
        let soname = elf::soname(&so).expect("the shared library has no SONAME");
        let lib = shared_dir("lib", |lib| {
            for (name, file) in
                [("librpc_constants.so", &so), (soname.as_str(), &so), ("librpc_constants.a", &a)]
            {
                std::os::unix::fs::symlink(file, lib.join(name)).unwrap();
            }
        });
        Artifacts {
            so,
            a,
            lib,
            include: root.join("include"),
            generated_header: PathBuf::from(out_dir).join("rpc_constants.h"),
        }
    })
}

/// The cargo that runs the tests (`$CARGO`), for the builds the tests make themselves.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// The target directory this test binary was built in (`<target>/debug/deps/<test>`).
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("no current_exe");
    exe.ancestors().nth(3).expect("test binary is not in <target>/<profile>/deps").to_path_buf()
}

fn json_string_field(line: &str, field: &str) -> Option<String> {
    let key = format!("\"{field}\":\"");
    let start = line.find(&key)? + key.len();
    let mut value = String::new();
    let mut chars = line[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => value.push(chars.next()?),
            c => value.push(c),
        }
    }
    None
}

/// A directory several tests read, filled once per test run by the first test that asks for it.
///
/// `cargo test` runs every test in one process; cargo-nextest runs one process per test, in
/// parallel and in any order. Either way the first caller fills the directory behind a file lock,
/// stamps it with the run (nextest's `NEXTEST_RUN_ID`, else this process) and releases the lock;
/// later callers of the same run wait on the lock, find the stamp and reuse the directory, which
/// nobody empties while that run's programs use it. A directory left by an earlier run, or by a
/// caller whose `fill` panicked (no stamp), is emptied and filled again.
pub fn shared_dir(name: &str, fill: impl FnOnce(&Path)) -> PathBuf {
    let base = target_dir().join("integration-tests");
    std::fs::create_dir_all(&base).unwrap();
    let dir = base.join(name);
    let stamp = base.join(format!("{name}.run"));
    let run = std::env::var("NEXTEST_RUN_ID").unwrap_or_else(|_| format!("process {}", std::process::id()));
    let _lock = FileLock::exclusive(&base.join(format!("{name}.lock")));
    if dir.is_dir() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == run) {
        return dir;
    }
    let _ = std::fs::remove_file(&stamp);
    let dir = scratch(name);
    fill(&dir);
    std::fs::write(&stamp, &run).unwrap();
    dir
}

/// An exclusive `flock(2)` on a file, released when dropped (the file is closed). Declared here
/// rather than through `File::lock`, which needs Rust 1.89 and the crate's minimum is older.
struct FileLock {
    _file: std::fs::File,
}

impl FileLock {
    fn exclusive(path: &Path) -> FileLock {
        use std::os::fd::AsRawFd as _;
        unsafe extern "C" {
            fn flock(fd: std::os::raw::c_int, operation: std::os::raw::c_int) -> std::os::raw::c_int;
        }
        const LOCK_EX: std::os::raw::c_int = 2;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .unwrap_or_else(|e| panic!("cannot open the lock file {}: {e}", path.display()));
        loop {
            // SAFETY: flock takes any file descriptor and an operation; this one is open (`file`
            // owns it) for the whole call, and the call touches no memory of ours.
            if unsafe { flock(file.as_raw_fd(), LOCK_EX) } == 0 {
                return FileLock { _file: file };
            }
            let error = std::io::Error::last_os_error();
            assert!(error.kind() == std::io::ErrorKind::Interrupted, "flock {}: {error}", path.display());
        }
    }
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

fn on_path(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success())
}

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

/// Strict warnings, the language standard, the test helpers (tests/c), the committed header,
/// then `extra`.
pub fn c_flags(std: &str, extra: &[&str]) -> Vec<String> {
    let mut flags = strings(STRICT);
    flags.push(format!("-std={std}"));
    flags.push(format!("-I{}", generated_c_dir().display()));
    flags.push(format!("-I{}", source("tests/c").display()));
    flags.push(format!("-I{}", artifacts().include.display()));
    flags.extend(strings(extra));
    flags
}

/// C headers the tests derive from the committed header (`symbols.h`), written once per run.
pub fn generated_c_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let header = std::fs::read_to_string(artifacts().include.join("rpc_constants.h")).unwrap();
        shared_dir("generated-c", |dir| {
            std::fs::write(dir.join("symbols.h"), crate::declarations::symbols_h(&header)).unwrap();
        })
    })
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

/// Libraries that link a program against the release shared library (found through an rpath).
pub fn shared_link_args(art: &Artifacts) -> Vec<String> {
    vec![
        format!("-L{}", art.lib.display()),
        "-lrpc_constants".into(),
        format!("-Wl,-rpath,{}", art.lib.display()),
    ]
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
