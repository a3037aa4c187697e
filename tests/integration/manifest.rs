//! Cargo.toml tells the truth: `rust-version` is the oldest Rust the locked build graph allows.

use crate::support::{cargo, run_stdout, source};
use std::process::Command;

/// The highest `rust-version` (or the minimum of the edition) among the packages a build of the
/// library compiles: the crate's normal and build dependencies, transitively (not the tests').
const MSRV_OF_BUILD_GRAPH: &str = r#"
import json, sys
meta = json.load(sys.stdin)
packages = {p["id"]: p for p in meta["packages"]}
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
root = meta["resolve"]["root"]
edition_minimum = {"2015": (1, 0), "2018": (1, 31), "2021": (1, 56), "2024": (1, 85)}
seen, stack = set(), [root]
while stack:
    node = stack.pop()
    if node in seen:
        continue
    seen.add(node)
    for dep in nodes[node]["deps"]:
        kinds = {k["kind"] for k in dep["dep_kinds"]}
        if node == root and kinds <= {"dev"}:
            continue
        stack.append(dep["pkg"])
def needs(p):
    declared = tuple(int(x) for x in (p["rust_version"] or "0").split(".")[:2])
    return max(declared, edition_minimum[p["edition"]])
top = max(seen - {root}, key=lambda i: needs(packages[i]))
print("%d.%d %s" % (*needs(packages[top]), packages[top]["name"]))
"#;

/// The platform build dependencies are compiled for: the host's triple, from `rustc -vV`.
fn host_triple() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let verbose = run_stdout(Command::new(rustc).arg("-vV"));
    verbose.lines().find_map(|l| l.strip_prefix("host: ")).expect("`rustc -vV` names no host").to_string()
}

/// The graph is asked for the host only: build dependencies (the library has no others) compile
/// for the host, and the host's graph is exactly what a build here downloads. Without the filter
/// cargo wants every platform's crates (r-efi, windows-sys, ...), which no build here fetches, so
/// the question could not be answered offline, nor on a fresh machine from what `cargo build`
/// and `cargo test` brought.
#[test]
fn rust_version_is_the_minimum_of_the_build_graph() {
    let metadata = run_stdout(
        Command::new(cargo())
            .args(["metadata", "--format-version", "1", "--locked", "--filter-platform"])
            .arg(host_triple())
            .arg("--manifest-path")
            .arg(source("Cargo.toml")),
    );
    let mut python = Command::new("python3");
    python.args(["-c", MSRV_OF_BUILD_GRAPH]).stdin(std::process::Stdio::piped());
    python.stdout(std::process::Stdio::piped());
    let mut child = python.spawn().expect("python3 is needed");
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(metadata.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let found = String::from_utf8(out.stdout).unwrap();
    let (needed, package) = found.trim().split_once(' ').unwrap();
    let manifest = std::fs::read_to_string(source("Cargo.toml")).unwrap();
    let claimed = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("Cargo.toml has no rust-version");
    let parse = |v: &str| -> (u32, u32) {
        let mut it = v.split('.').map(|p| p.parse::<u32>().unwrap());
        (it.next().unwrap(), it.next().unwrap_or(0))
    };
    println!("the build graph needs Rust {needed} ({package}); Cargo.toml says {claimed}");
    assert_eq!(parse(claimed), parse(needed), "rust-version must be {needed} (needed by {package})");
}
