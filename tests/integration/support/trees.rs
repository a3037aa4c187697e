//! Copies of trees: a fresh copy of the tracked source files (as a clone has them, no
//! `target/`), commands run in one with none of the test run's cargo environment, and the listing
//! and copying of an installed tree.

use super::{isolate_from_cargo, source};
use std::path::Path;
use std::process::Command;

/// A copy of every file git tracks (or would track: new files not yet committed), as a clone
/// would have them.
pub fn fresh_copy(to: &Path) {
    let out = Command::new("git")
        .arg("-C")
        .arg(source(""))
        .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        .output()
        .expect("git is needed to list the tracked files");
    assert!(out.status.success(), "git ls-files failed: {}", String::from_utf8_lossy(&out.stderr));
    for rel in out.stdout.split(|&b| b == 0).filter(|p| !p.is_empty()) {
        let rel = std::str::from_utf8(rel).unwrap();
        let from = source(rel);
        if !from.exists() {
            continue; // deleted in the working tree, not yet committed
        }
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&from, &dest).unwrap_or_else(|e| panic!("cannot copy {rel}: {e}"));
    }
    assert!(!to.join("target").exists());
}

/// A command in the fresh tree with nothing of this test run's cargo environment.
pub fn in_tree(tree: &Path, program: &str) -> Command {
    let mut command = Command::new(program);
    command.current_dir(tree);
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if (key.starts_with("CARGO_") && key != "CARGO_HOME") || key == "OUT_DIR" {
            command.env_remove(&*key);
        }
    }
    isolate_from_cargo(&mut command);
    command
}

/// Every file and link under `root`, as "path" or "path -> target", sorted.
pub fn listing(root: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                out.push(format!("{rel} -> {}", std::fs::read_link(&path).unwrap().display()));
            } else if meta.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

/// `cp -R`, for examples a user copies out of the repository.
pub fn copy_dir(from: &Path, to: &Path) {
    let status = Command::new("cp").arg("-R").arg(from).arg(to).status().unwrap();
    assert!(status.success(), "cannot copy {} to {}", from.display(), to.display());
}
