//! build.rs in a read-only source tree (docs.rs, `cargo package`'s verify step, a distro build
//! root): a stale committed header must not fail the build.

use crate::support::{cargo, in_ci, report_not_run, scratch, source};
use std::process::Command;

fn can_mount_read_only() -> bool {
    Command::new("unshare")
        .args(["-m", "sh", "-c", "mount --bind -o ro / /mnt"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
#[ignore = "slow: a clean release build in a read-only copy; CI runs it"]
fn build_succeeds_in_a_read_only_source_tree_with_a_stale_header() {
    if !can_mount_read_only() {
        // Needs root (or CAP_SYS_ADMIN) for a private read-only bind mount; CI runs as root.
        assert!(!in_ci(), "CI must be able to run `unshare -m` with a read-only bind mount");
        report_not_run("read-only source tree build", "`unshare -m` + `mount -o ro` not permitted");
        return;
    }
    let dir = scratch("read-only-build");
    let src = dir.join("src-tree");
    std::fs::create_dir_all(src.join("include")).unwrap();
    let copy = |rel: &str| {
        let status = Command::new("cp").arg("-R").arg(source(rel)).arg(src.join(rel)).status().unwrap();
        assert!(status.success(), "cannot copy {rel}");
    };
    for rel in ["Cargo.toml", "Cargo.lock", "build.rs", "build", "cbindgen.toml", "src", "tests", "benches"] {
        copy(rel);
    }
    let committed = std::fs::read_to_string(source("include/rpc_constants.h")).unwrap();
    let stale = format!("{committed}/* stale */\n");
    std::fs::write(src.join("include/rpc_constants.h"), &stale).unwrap();

    let cargo = cargo();
    let script = format!(
        "mount --bind -o ro '{src}' '{src}' && '{cargo}' build --release --locked --manifest-path '{src}/Cargo.toml' --target-dir '{target}'",
        src = src.display(),
        target = dir.join("target").display(),
    );
    let output = Command::new("unshare").args(["-m", "sh", "-c", &script]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "build in a read-only tree failed:\n{stderr}");
    assert!(stderr.contains("could not be rewritten"), "no warning about the stale header:\n{stderr}");
    assert_eq!(std::fs::read_to_string(src.join("include/rpc_constants.h")).unwrap(), stale);
    assert!(dir.join("target/release/librpc_constants.so").exists());
}

/// `cargo package` builds the packaged crate (an unoptimised development build) and fails if the
/// build script changed a file of the package: the header must be left alone when it is current.
#[test]
#[ignore = "slow: cargo package builds the packaged crate from clean; CI runs it"]
fn cargo_package_verifies_the_packaged_crate() {
    let dir = scratch("package");
    let output = Command::new(cargo())
        .args(["package", "--allow-dirty", "--locked", "--manifest-path"])
        .arg(source("Cargo.toml"))
        .arg("--target-dir")
        .arg(dir.join("target"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo package failed:\n{stderr}");
    assert!(stderr.contains("Verifying"), "the packaged crate was not built:\n{stderr}");
    // The warnings left are for the publisher, not a user: there is no public URL to name, and the
    // tests and the benchmark stay out of the package (they need the repository: git, examples,
    // tests/c).
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .filter(|l| !l.contains("manifest has no documentation, homepage or repository"))
        .filter(|l| {
            !(l.starts_with("warning: ignoring") && l.ends_with("is not included in the published package"))
        })
        .collect();
    assert!(warnings.is_empty(), "cargo package warned:\n{stderr}");
    // What a packaged crate must carry: the licenses its manifest names, and the changelog.
    let listed = Command::new(cargo())
        .args(["package", "--list", "--allow-dirty", "--locked", "--manifest-path"])
        .arg(source("Cargo.toml"))
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    for file in ["LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md", "README.md", "include/rpc_constants.h"] {
        assert!(listed.lines().any(|l| l == file), "the package lacks {file}:\n{listed}");
    }
}
