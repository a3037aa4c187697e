//! The user's path from nothing: a fresh copy of the tracked files (as a clone has them, no
//! `target/`), then the shell blocks of README.md and docs/ run verbatim, in order.
//!
//! Only a leading `sudo` is dropped, and the environment stands in for the machine: `DESTDIR`
//! stages every `make install` that names no `DESTDIR` of its own in a scratch directory instead
//! of the real `/usr/local`, and `PKG_CONFIG_PATH` and `CMAKE_PREFIX_PATH` point where
//! pkg-config and CMake would look for an install in `/usr/local`. The test commands are not run here (this test runs inside them); `.ci/run` runs
//! them, and a test below checks that.

use crate::support::docs::documents;
use crate::support::elf;
use crate::support::trees::{copy_dir, listing};
use crate::support::trees::{fresh_copy, in_tree};
use crate::support::{in_ci, optional_tool, report_not_run, scratch, source};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The README's set-up commands: the build, then the quick tier. `.ci/run` runs them first, in a
/// fresh clone with an empty cargo home; the walk runs the build only.
const SETUP_COMMANDS: [&str; 2] = ["cargo build --release", TEST_COMMAND];
/// The README's test command: run by `.ci/run`, never by the walk (it would run this test).
const TEST_COMMAND: &str = "cargo test";

/// One fenced ```sh block of a document, and the ```text block right after it, if any: what the
/// block prints.
struct Block {
    lines: Vec<String>,
    prints: Option<String>,
}

fn shell_blocks(document: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut lines = document.lines();
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

fn readme_shell_blocks() -> Vec<Block> {
    shell_blocks(&std::fs::read_to_string(source("README.md")).unwrap())
}

/// The optional tool a document's line needs, if any.
fn tool_needed(line: &str) -> Option<(&'static str, &'static str)> {
    if line.contains("cargo cinstall") {
        Some(("cargo-cinstall", "cargo-c install"))
    } else if line.contains("pkg-config") {
        Some(("pkg-config", "pkg-config lines of the docs"))
    } else if line.starts_with("cmake") {
        Some(("cmake", "CMake lines of the docs"))
    } else if line.starts_with("make abi-baseline") {
        Some(("abidw", "ABI baseline line of the docs"))
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

/// `.ci/run` starts as a new machine would: the README's two set-up commands, verbatim, in a
/// fresh clone with an empty `CARGO_HOME`, before anything else goes through cargo; then the quick
/// tier under cargo-nextest, the full tier of the same test command (with the newest CMake and
/// Meson for the builds from source), the cross targets and the packages.
#[test]
fn ci_runs_the_readme_setup_commands_on_an_empty_cargo_home_first_then_nextest_and_the_full_tier() {
    let readme = readme_shell_blocks();
    let setup = readme.iter().find(|b| b.lines.iter().any(|l| l == TEST_COMMAND)).expect("no test command");
    assert_eq!(setup.lines, SETUP_COMMANDS, "the README's set-up block");
    let ci = std::fs::read_to_string(source(".ci/run")).unwrap();
    let lines: Vec<&str> = ci.lines().map(str::trim).filter(|l| !l.starts_with('#')).collect();
    let position = |what: &str| lines.iter().position(|l| l.contains(what));
    let made_home = position("fresh_home=\"$(mktemp -d)\"").expect(".ci/run makes no empty cargo home");
    let made_clone = position("fresh_clone=\"$(mktemp -d)\"").expect(".ci/run makes no clone directory");
    let clone = position("git clone --quiet . \"$fresh_clone\"").expect(".ci/run makes no fresh clone");
    let enter = position("cd \"$fresh_clone\"").expect(".ci/run does not enter the clone");
    let home = position("export CARGO_HOME=\"$fresh_home\"").expect(".ci/run does not use the empty home");
    assert!(made_home < home && made_clone < clone && clone < enter, "{ci}");
    let mut at = enter.max(home);
    for command in SETUP_COMMANDS {
        // Verbatim, optionally timed.
        let found =
            lines[at..].iter().position(|l| *l == command || l.strip_prefix("time ") == Some(command));
        at += found.unwrap_or_else(|| panic!(".ci/run does not run `{command}` verbatim in the clone"));
    }
    let leaves = lines.iter().position(|l| *l == ")").expect("the clone's subshell does not end");
    assert!(leaves > at, "the set-up commands must run inside the clone's subshell");
    let first_cargo = lines.iter().position(|l| l.contains("cargo ")).unwrap();
    assert!(
        lines[first_cargo].ends_with(SETUP_COMMANDS[0]),
        "something goes through cargo before the set-up"
    );
    let full_tier = format!("{TEST_COMMAND} -- --include-ignored");
    let full = lines[at..].iter().position(|l| *l == full_tier);
    let full = at + full.unwrap_or_else(|| panic!(".ci/run does not run `{full_tier}` afterwards"));
    // The quick tier once more under cargo-nextest (one process per test), before the full tier.
    let nextest = lines[at..full].iter().position(|l| *l == "cargo nextest run");
    assert!(
        nextest.is_some(),
        ".ci/run does not run `cargo nextest run` between the set-up and the full tier"
    );
    // CI mode (a missing tool fails instead of being reported as not run) for everything it runs.
    let ci_mode = position("export CI=true").expect(".ci/run does not export CI=true");
    assert!(ci_mode < made_home, ".ci/run exports CI=true only after its first tests");
    assert!(lines[at..].contains(&"make cross"), ".ci/run does not test the cross targets");
    // The packages, built and used, after the tiers (tools/check-packages.sh installs them).
    let packages = lines[full..].iter().position(|l| l.contains("tools/check-packages.sh"));
    assert!(packages.is_some(), ".ci/run does not check the packages after the full tier");
    for tool in ["CMAKE_NEWEST", "MESON_NEWEST"] {
        let set = lines[..full].iter().any(|l| l.starts_with(&format!("export {tool}=")));
        assert!(set, ".ci/run does not give the full tier {tool}");
    }
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

/// Makes the fresh copy a git repository of its own, so that what the walk leaves shows.
fn commit_all(tree: &Path) {
    let script = "git init -q && git add -A && git -c user.name=walk -c user.email=walk@localhost \
                  -c commit.gpgsign=false commit -q -m 'as cloned'";
    bash_ok(tree, script, &[]);
}

#[test]
#[ignore = "slow: a clean release build in a fresh tree, installs, CMake and cargo-c; CI runs it"]
fn every_shell_line_of_the_readme_and_docs_works_verbatim_from_a_fresh_tree() {
    let dir = scratch("fresh-readme");
    let tree = dir.join("clone");
    fresh_copy(&tree);
    commit_all(&tree);
    let stage = dir.join("stage");
    let env = [
        ("DESTDIR", stage.clone()),
        ("PKG_CONFIG_PATH", stage.join("usr/local/lib/pkgconfig")),
        ("CMAKE_PREFIX_PATH", stage.join("usr/local")),
    ];

    let full_tier = format!("{TEST_COMMAND} -- --include-ignored");
    let mut ran = 0;
    let mut cinstalled = false;
    for (document, text) in documents() {
        'block: for block in shell_blocks(&text) {
            let mut script = Vec::new();
            for line in &block.lines {
                let line = line.strip_prefix("sudo ").unwrap_or(line);
                let line = line.replace("&& sudo ", "&& ");
                if line == TEST_COMMAND || line == full_tier {
                    continue;
                }
                if let Some((tool, what)) = tool_needed(&line) {
                    // A block is a unit (later lines use what earlier ones made): all or nothing.
                    if optional_tool(tool, what).is_none() {
                        continue 'block;
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
            println!(
                "{document}: ran in {:.1} s:\n  {}",
                started.elapsed().as_secs_f64(),
                script.join("\n  ")
            );
            ran += script.len();
            if let Some(prints) = &block.prints {
                // What the block's last command prints (compilers and cmake print before it).
                assert!(
                    stdout.ends_with(prints.as_str()),
                    "{document}: block printed something else:\n{text}\n{stdout}"
                );
            }
        }
    }
    assert!(ran >= 25, "only {ran} lines of the docs ran");

    // Nothing the commands made is left for git to see: outputs go to target/ (ignored).
    let status = bash_ok(&tree, "git status --porcelain --untracked-files=all", &[]);
    assert_eq!(status, "", "the docs' commands left files in the checkout");

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
        compare_with_cargo_c(&make_stage, &tree.join("target/stage-capi"));
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
