//! The user's path from nothing: a fresh copy of the tracked files (as a clone has them, no
//! `target/`), then the README's shell lines run verbatim, in order.
//!
//! Only a leading `sudo` is dropped, and the environment stands in for the machine: `DESTDIR`
//! stages every `make install` in a scratch directory instead of the real `/usr/local`, and
//! `PKG_CONFIG_PATH`, `PKG_CONFIG_SYSROOT_DIR` and `CMAKE_PREFIX_PATH` point where pkg-config and
//! CMake would look for an install in `/usr/local`. The README's test command is not run here
//! (this test runs inside it); `.ci/run` runs it, and a test below checks that.

use crate::elf;
use crate::install::{copy_dir, listing};
use crate::support::{in_ci, isolate_from_cargo, optional_tool, report_not_run, scratch, source};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The README's test command: run by `.ci/run`, never by the walk (it would run this test).
const TEST_COMMAND: &str = "cargo test";

/// One fenced ```sh block of the README, and the ```text block right after it, if any: what the
/// block prints.
struct Block {
    lines: Vec<String>,
    prints: Option<String>,
}

fn readme_shell_blocks() -> Vec<Block> {
    let readme = std::fs::read_to_string(source("README.md")).unwrap();
    let mut blocks: Vec<Block> = Vec::new();
    let mut lines = readme.lines();
    let mut last_fence_was_sh = false;
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else { continue };
        let body: Vec<String> = lines.by_ref().take_while(|l| *l != "```").map(str::to_string).collect();
        match info {
            "sh" => blocks.push(Block { lines: body, prints: None }),
            "text" if last_fence_was_sh => {
                blocks.last_mut().unwrap().prints = Some(body.join("\n") + "\n");
            }
            _ => {}
        }
        last_fence_was_sh = info == "sh";
    }
    blocks
}

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

/// The optional tool a README line needs, if any.
fn tool_needed(line: &str) -> Option<(&'static str, &'static str)> {
    if line.contains("cargo cinstall") {
        Some(("cargo-cinstall", "cargo-c install"))
    } else if line.contains("pkg-config") {
        Some(("pkg-config", "README pkg-config lines"))
    } else if line.starts_with("cmake") || line.starts_with("build-cmake/") {
        Some(("cmake", "README CMake lines"))
    } else if line.starts_with("make abi-baseline") {
        Some(("abidw", "README ABI baseline line"))
    } else {
        None
    }
}

fn bash(tree: &Path, script: &str, env: &[(&str, PathBuf)]) -> (bool, String, String) {
    let mut command = in_tree(tree, "bash");
    command.args(["-e", "-o", "pipefail", "-c", script]);
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn bash_ok(tree: &Path, script: &str, env: &[(&str, PathBuf)]) -> String {
    let (ok, stdout, stderr) = bash(tree, script, env);
    assert!(ok, "`{script}` failed in the fresh tree:\n{stdout}{stderr}");
    stdout
}

#[test]
fn the_readme_test_command_is_what_ci_runs() {
    let readme = readme_shell_blocks();
    assert!(readme.iter().any(|b| b.lines.iter().any(|l| l == TEST_COMMAND)));
    let ci = std::fs::read_to_string(source(".ci/run")).unwrap();
    let full_tier = format!("{TEST_COMMAND} -- --include-ignored");
    assert!(ci.lines().any(|l| l.trim() == full_tier), ".ci/run does not run `{full_tier}`");
}

#[test]
#[ignore = "slow: a clean release build in a fresh tree (about a minute idle); CI runs it"]
fn make_on_a_fresh_clone_builds_and_make_install_never_builds() {
    let dir = scratch("fresh-make");
    let tree = dir.join("clone");
    fresh_copy(&tree);

    // Nothing built yet: install refuses, names the step, and builds nothing.
    let (ok, _, stderr) = bash(&tree, "make install DESTDIR=\"$PWD/../stage\"", &[]);
    assert!(!ok && stderr.contains("run `make` first"), "make install before make:\n{stderr}");
    assert!(!tree.join("target").exists(), "make install built something");

    let started = Instant::now();
    bash_ok(&tree, "make", &[]);
    println!("`make` on a fresh clone: {:.1} s", started.elapsed().as_secs_f64());
    let release = tree.join("target/release");
    let so = release.join("librpc_constants.so");
    assert!(std::fs::symlink_metadata(&so).unwrap().is_file(), "{} is not a regular file", so.display());
    let soname = elf::soname(&so).unwrap();
    assert_eq!(std::fs::read_link(release.join(&soname)).unwrap(), Path::new("librpc_constants.so"));
    // A second make keeps it that way (the Makefile once broke the tree on every run).
    bash_ok(&tree, "make", &[]);
    assert!(std::fs::symlink_metadata(&so).unwrap().is_file());
    bash_ok(&tree, "make install DESTDIR=\"$PWD/../stage\" PREFIX=/usr", &[]);
    assert!(dir.join("stage/usr/lib").join(&soname).exists());
}

#[test]
#[ignore = "slow: a clean release build in a fresh tree, installs, CMake and cargo-c; CI runs it"]
fn every_readme_shell_line_works_verbatim_from_a_fresh_tree() {
    let dir = scratch("fresh-readme");
    let tree = dir.join("clone");
    fresh_copy(&tree);
    let stage = dir.join("stage");
    let env = [
        ("DESTDIR", stage.clone()),
        ("PKG_CONFIG_PATH", stage.join("usr/local/lib/pkgconfig")),
        ("PKG_CONFIG_SYSROOT_DIR", stage.clone()),
        ("CMAKE_PREFIX_PATH", stage.join("usr/local")),
    ];

    let mut ran = 0;
    let mut cinstalled = false;
    for block in readme_shell_blocks() {
        let mut script = Vec::new();
        let mut complete = true;
        for line in &block.lines {
            let line = line.strip_prefix("sudo ").unwrap_or(line);
            let line = line.replace("&& sudo ", "&& ");
            if line == TEST_COMMAND {
                continue;
            }
            if let Some((tool, what)) = tool_needed(&line) {
                let found = optional_tool(tool, what).is_some();
                if !found {
                    complete = false;
                    continue;
                }
                cinstalled |= tool == "cargo-cinstall";
            }
            script.push(line);
        }
        if script.is_empty() {
            continue;
        }
        let text = script.join("\n");
        let started = Instant::now();
        let stdout = bash_ok(&tree, &text, &env);
        println!("ran in {:.1} s:\n  {}", started.elapsed().as_secs_f64(), script.join("\n  "));
        ran += script.len();
        if let (Some(prints), true) = (&block.prints, complete) {
            // What the block's last command prints (compilers and cmake print before it).
            assert!(
                stdout.ends_with(prints.as_str()),
                "README block printed something else:\n{text}\n{stdout}"
            );
        }
    }
    assert!(ran >= 15, "only {ran} README lines ran");

    // `make` left the build tree usable: the README's build-tree programs ran above.
    // The staged install works moved elsewhere, with pkg-config and CMake.
    let moved = dir.join("moved");
    std::fs::create_dir_all(&moved).unwrap();
    assert!(Command::new("mv")
        .arg(stage.join("usr/local"))
        .arg(moved.join("prefix"))
        .status()
        .unwrap()
        .success());
    let prefix = moved.join("prefix");
    if optional_tool("pkg-config", "moved prefix with pkg-config").is_some() {
        let env = [("PKG_CONFIG_PATH", prefix.join("lib/pkgconfig"))];
        copy_dir(&source("examples/pkg-config"), &moved.join("pkg-config"));
        bash_ok(&moved.join("pkg-config"), "make && ./timeouts && ./timeouts_static", &env);
    }
    if optional_tool("cmake", "moved prefix with CMake").is_some() {
        copy_dir(&source("examples/cmake"), &moved.join("cmake"));
        let env = [("CMAKE_PREFIX_PATH", prefix.clone())];
        let out = bash_ok(&moved.join("cmake"), "cmake -S . -B build >/dev/null && cmake --build build >/dev/null && build/print_constants && build/print_constants_static", &env);
        assert!(out.contains("DEFAULT_INIT_METHOD = \"env://\" URL"), "{out}");
    }
    // Back in place for uninstall, which must clean the staging tree and be happy to run twice.
    assert!(Command::new("mv").arg(&prefix).arg(stage.join("usr/local")).status().unwrap().success());
    bash_ok(&tree, "make uninstall && make uninstall", &[("DESTDIR", stage.clone())]);
    assert_eq!(std::fs::read_dir(&stage).unwrap().count(), 0, "make uninstall left {:?}", listing(&stage));

    // cargo-c's install against make's: the same files but the CMake package.
    if cinstalled {
        let make_stage = dir.join("stage-make");
        bash_ok(&tree, &format!("make install DESTDIR='{}' PREFIX=/usr", make_stage.display()), &[]);
        compare_with_cargo_c(&make_stage, &tree.join("stage-capi"));
    } else {
        assert!(!in_ci(), "CI must install cargo-c");
        report_not_run("cargo-c install comparison", "`cargo cinstall` not found");
    }
}

fn compare_with_cargo_c(make_stage: &Path, capi_stage: &Path) {
    let without_cmake = |root: &Path| -> Vec<String> {
        listing(root).into_iter().filter(|p| !p.starts_with("usr/lib/cmake/")).collect()
    };
    let (made, capi) = (without_cmake(make_stage), without_cmake(capi_stage));
    println!("cargo cinstall installed:\n  {}", capi.join("\n  "));
    assert_eq!(capi, made, "cargo cinstall (left) and make install (right) install different files");
    for header in ["usr/include/rpc_constants.h", "usr/include/rpc_constants.hpp"] {
        assert_eq!(
            std::fs::read(capi_stage.join(header)).unwrap(),
            std::fs::read(make_stage.join(header)).unwrap(),
            "cargo cinstall installed another {header}"
        );
    }
    let real = format!("usr/lib/librpc_constants.so.{}", env!("CARGO_PKG_VERSION"));
    let (capi_so, make_so) = (capi_stage.join(&real), make_stage.join(&real));
    assert_eq!(elf::soname(&capi_so), elf::soname(&make_so));
    assert_eq!(elf::exported_symbols(&capi_so), elf::exported_symbols(&make_so));
    assert!(elf::needed(&capi_so).is_empty(), "cargo-c's library needs {:?}", elf::needed(&capi_so));
    let pc = std::fs::read_to_string(capi_stage.join("usr/lib/pkgconfig/rpc_constants.pc")).unwrap();
    let cflags = pc.lines().find(|l| l.starts_with("Cflags:")).unwrap_or("");
    assert_eq!(cflags.trim(), "Cflags: -I${includedir}", "{pc}");
    assert!(pc.contains("includedir=${prefix}/include") && pc.contains("prefix=/usr"), "{pc}");
}
