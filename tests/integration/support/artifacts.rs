//! The artifacts under test: the release `.so` and `.a` built once per run, the links to them
//! under their installed names, the files several tests share (made once per run behind a lock),
//! and the C programs' generated inputs.

use super::{cargo, scratch, target_dir};
use crate::support::elf;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

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

/// C headers the tests derive from the committed header (`symbols.h`), written once per run.
pub fn generated_c_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let header = std::fs::read_to_string(artifacts().include.join("rpc_constants.h")).unwrap();
        shared_dir("generated-c", |dir| {
            std::fs::write(dir.join("symbols.h"), crate::support::declarations::symbols_h(&header)).unwrap();
        })
    })
}

/// Libraries that link a program against the release shared library (found through an rpath).
pub fn shared_link_args(art: &Artifacts) -> Vec<String> {
    vec![
        format!("-L{}", art.lib.display()),
        "-lrpc_constants".into(),
        format!("-Wl,-rpath,{}", art.lib.display()),
    ]
}

/// `make install PREFIX=<tmp>` once for all the consumer tests.
pub fn installed_prefix() -> &'static Path {
    static PREFIX: OnceLock<PathBuf> = OnceLock::new();
    PREFIX.get_or_init(|| {
        shared_dir("install-prefix", |prefix| {
            super::make(&["install", &format!("PREFIX={}", prefix.display())])
        })
    })
}
