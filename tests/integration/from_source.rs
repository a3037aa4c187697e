//! rpc_constants built from source inside another project's build, as docs/install.md shows:
//! the CMake example (examples/cmake-subproject) through add_subdirectory, through FetchContent
//! from a source tarball (`cargo package`'s under the distribution's CMake, `git archive`'s under
//! the newest), and preferring an installed copy; the Meson example (examples/meson) through the
//! subproject and through pkg-config, and refusing a cross build. Each under the distribution's
//! CMake and Meson and under the newest from PyPI (CMAKE_NEWEST, MESON_NEWEST: paths; .ci/run
//! installs them); and the CMake example cross-compiled for aarch64 and Windows, run under
//! qemu-user and wine. The example is copied out of the repository, as a user copies it.

use crate::support::artifacts::installed_prefix;
use crate::support::trees::{copy_dir, fresh_copy};
use crate::support::{
    cargo, elf, in_ci, optional_tool, report_not_run, required_tool, run, run_stdout, scratch, source,
};
use std::path::{Path, PathBuf};
use std::process::Command;

const AGENT_OUTPUT: &str = concat!(
    "rpc_constants ",
    env!("CARGO_PKG_VERSION"),
    ": agent default 60000 ms, unset per-call timeout 60000 ms\n"
);
const HEADER_ONLY_OUTPUT: &str =
    concat!("header ", env!("CARGO_PKG_VERSION"), ": 16 worker threads, init method env://\n");

/// The distribution's tool, then the newest one if its path is given.
fn versions_of(tool: &str, newest_var: &str) -> Vec<String> {
    let mut tools = vec![required_tool(tool, &format!("the {tool} builds from source"))];
    match std::env::var(newest_var) {
        Ok(path) if !path.is_empty() => tools.push(path),
        _ => {
            assert!(!in_ci(), "{newest_var} is not set: .ci/run installs the newest {tool} from PyPI");
            report_not_run(&format!("the newest {tool}"), &format!("{newest_var} is not set"));
        }
    }
    for t in &tools {
        print!("{t}: {}", run_stdout(Command::new(t).arg("--version")).lines().next().unwrap_or(""));
        println!();
    }
    tools
}

/// The programs every build of an example has: the agent linked with the shared library (which it
/// needs at run time) and the macros-only one, which needs no library.
fn check_programs(bin: &Path, shared: bool) {
    let soname = elf::soname(&crate::support::artifacts().so).unwrap();
    let agent = bin.join("agent");
    assert_eq!(run_stdout(&mut Command::new(&agent)), AGENT_OUTPUT);
    assert_eq!(
        elf::needed(&agent).contains(&soname),
        shared,
        "{}: NEEDED {:?}",
        agent.display(),
        elf::needed(&agent)
    );
    let header_only = bin.join("header_only");
    assert_eq!(run_stdout(&mut Command::new(&header_only)), HEADER_ONLY_OUTPUT);
    let needed = elf::needed(&header_only);
    assert!(!needed.iter().any(|n| n.contains("rpc_constants")), "header_only needs {needed:?}");
}

/// A vendored copy of the source tree (what a git submodule holds) and the consumer copied out.
fn trees(dir: &Path, example: &str) -> (PathBuf, PathBuf) {
    let vendored = dir.join("rpc_constants");
    fresh_copy(&vendored);
    let consumer = dir.join("consumer");
    copy_dir(&source(example), &consumer);
    (vendored, consumer)
}

fn cmake_build(cmake: &str, consumer: &Path, build: &Path, defines: &[String]) {
    run(Command::new(cmake).arg("-S").arg(consumer).arg("-B").arg(build).args(defines));
    run(Command::new(cmake).arg("--build").arg(build));
}

#[test]
#[ignore = "slow: four release builds of the library inside CMake builds; CI runs it"]
fn cmake_consumers_through_add_subdirectory_a_fetched_tarball_and_an_installed_copy() {
    let cmakes = versions_of("cmake", "CMAKE_NEWEST");
    if cmakes.len() == 1 {
        report_not_run("FetchContent from git archive's tarball", "it runs under the newest CMake");
    }
    for (i, cmake) in cmakes.iter().enumerate() {
        let dir = scratch(&format!("cmake-from-source-{i}"));
        let (vendored, consumer) = trees(&dir, "examples/cmake-subproject");
        let define = |k: &str, v: &Path| format!("-D{k}={}", v.display());

        let build = dir.join("add-subdirectory");
        cmake_build(
            cmake,
            &consumer,
            &build,
            &[define("RPC_CONSTANTS_SOURCE", &vendored), "-DRPC_CONSTANTS_ADD_SUBDIRECTORY=ON".into()],
        );
        check_programs(&build, true);
        let agent_static = build.join("agent_static");
        assert_eq!(run_stdout(&mut Command::new(&agent_static)), AGENT_OUTPUT);
        assert!(!elf::needed(&agent_static).iter().any(|n| n.contains("rpc_constants")));
        // The build from source installs nothing (docs/install.md), and the example has no rule.
        let staged = dir.join("install");
        run(Command::new(cmake).arg("--install").arg(&build).arg("--prefix").arg(&staged));
        assert!(!staged.exists(), "`cmake --install` installed {:?}", std::fs::read_dir(&staged));

        let tarball = dir.join(format!("rpc_constants-{}.tar.gz", env!("CARGO_PKG_VERSION")));
        if i == 0 {
            // The tarball `cargo package` makes of the vendored tree (a .crate is a gzipped tar).
            let packaged = dir.join("package");
            run(Command::new(cargo())
                .current_dir(&vendored)
                .args(["package", "--no-verify", "--allow-dirty", "--quiet", "--target-dir"])
                .arg(&packaged));
            let crate_file =
                packaged.join(format!("package/rpc_constants-{}.crate", env!("CARGO_PKG_VERSION")));
            std::fs::copy(&crate_file, &tarball).unwrap();
            println!("FetchContent from cargo package's .crate");
        } else {
            // docs/install.md's `git archive` tarball, of the vendored tree's files (a tree object:
            // no commit needed).
            let git = |args: &[&str]| run_stdout(Command::new("git").current_dir(&vendored).args(args));
            git(&["init", "--quiet"]);
            git(&["add", "--all"]);
            let tree = git(&["write-tree"]);
            let tarball_arg = tarball.display().to_string();
            git(&["archive", "--prefix=rpc_constants/", "-o", &tarball_arg, tree.trim()]);
            println!("FetchContent from git archive's tarball");
        }
        let build = dir.join("fetch-content");
        cmake_build(
            cmake,
            &consumer,
            &build,
            &[
                format!("-DRPC_CONSTANTS_SOURCE=file://{}", tarball.display()),
                // Even with an installed copy on this machine, the tarball is what is tested here.
                "-DFETCHCONTENT_TRY_FIND_PACKAGE_MODE=NEVER".into(),
            ],
        );
        check_programs(&build, true);
        assert!(build.join("_deps/rpc_constants-build/cargo/release").is_dir(), "cargo built nothing");

        // FIND_PACKAGE_ARGS: an installed copy is used, and nothing is built from source.
        let prefix = installed_prefix();
        let build = dir.join("installed");
        cmake_build(
            cmake,
            &consumer,
            &build,
            &[define("RPC_CONSTANTS_SOURCE", &vendored), define("CMAKE_PREFIX_PATH", prefix)],
        );
        check_programs(&build, true);
        let cache = std::fs::read_to_string(build.join("CMakeCache.txt")).unwrap();
        let found = format!("rpc_constants_DIR:PATH={}", prefix.join("lib/cmake/rpc_constants").display());
        assert!(cache.contains(&found), "FetchContent did not use the installed copy: no `{found}`");
        assert!(
            !build.join("_deps/rpc_constants-build").exists(),
            "the source was built beside the installed copy"
        );
    }
}

#[test]
#[ignore = "slow: two release builds of the library inside Meson builds; CI runs it"]
fn meson_consumers_through_the_subproject_and_through_pkg_config() {
    let prefix = installed_prefix();
    for (i, meson) in versions_of("meson", "MESON_NEWEST").iter().enumerate() {
        let dir = scratch(&format!("meson-from-source-{i}"));
        let (vendored, consumer) = trees(&dir, "examples/meson");
        std::fs::rename(&vendored, consumer.join("subprojects/rpc_constants")).unwrap();
        let empty = dir.join("no-pkg-config");
        std::fs::create_dir_all(&empty).unwrap();

        let build = dir.join("subproject");
        run(Command::new(meson)
            .current_dir(&consumer)
            .arg("setup")
            .arg(&build)
            .arg("--force-fallback-for=rpc_constants")
            .env("PKG_CONFIG_PATH", &empty)
            .env("PKG_CONFIG_LIBDIR", &empty));
        run(Command::new(meson).arg("compile").arg("-C").arg(&build));
        check_programs(&build, true);
        // The subproject's static dependency: the library linked in, with RPC_CONSTANTS_STATIC.
        let agent_static = build.join("agent_static");
        assert_eq!(run_stdout(&mut Command::new(&agent_static)), AGENT_OUTPUT);
        assert!(!elf::needed(&agent_static).iter().any(|n| n.contains("rpc_constants")));
        // The subproject installs nothing (docs/install.md), and the example has no rule.
        let staged = dir.join("install");
        run(Command::new(meson).arg("install").arg("-C").arg(&build).arg("--destdir").arg(&staged));
        assert!(!staged.exists(), "`meson install` installed {:?}", std::fs::read_dir(&staged));
        if i == 0 {
            refuses_a_cross_build(meson, &consumer, &dir);
        }

        let build = dir.join("pkg-config");
        run(Command::new(meson)
            .current_dir(&consumer)
            .arg("setup")
            .arg(&build)
            .arg("--wrap-mode=nofallback")
            .env("PKG_CONFIG_PATH", prefix.join("lib/pkgconfig")));
        run(Command::new(meson).arg("compile").arg("-C").arg(&build));
        check_programs(&build, true);
        assert!(
            !build.join("subprojects/rpc_constants").exists(),
            "the subproject was built beside pkg-config's copy"
        );
    }
}

/// A cross file (aarch64) stops `meson setup` with the subproject's message: cargo would build for
/// this machine.
fn refuses_a_cross_build(meson: &str, consumer: &Path, dir: &Path) {
    let Some(cc) = optional_tool("aarch64-linux-gnu-gcc", "the Meson cross build's refusal") else {
        return;
    };
    let cross_file = dir.join("aarch64.ini");
    std::fs::write(
        &cross_file,
        format!(
            "[binaries]\nc = '{cc}'\n[host_machine]\nsystem = 'linux'\ncpu_family = 'aarch64'\n\
             cpu = 'aarch64'\nendian = 'little'\n"
        ),
    )
    .unwrap();
    let setup = Command::new(meson)
        .current_dir(consumer)
        .arg("setup")
        .arg(dir.join("cross"))
        .arg("--cross-file")
        .arg(&cross_file)
        .arg("--force-fallback-for=rpc_constants")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&setup.stdout);
    assert!(
        !setup.status.success() && out.contains("does not cross-compile"),
        "a Meson cross build was not refused with its reason:\n{out}{}",
        String::from_utf8_lossy(&setup.stderr)
    );
}

/// A target CMake cross-compiles for (a toolchain file), and how its programs run here.
struct Cross {
    rust_target: &'static str,
    system: &'static str,
    processor: &'static str,
    cc: &'static str,
    sysroot: &'static str,
}

const CROSS: [Cross; 2] = [
    Cross {
        rust_target: "aarch64-unknown-linux-gnu",
        system: "Linux",
        processor: "aarch64",
        cc: "aarch64-linux-gnu-gcc",
        sysroot: "/usr/aarch64-linux-gnu",
    },
    Cross {
        rust_target: "x86_64-pc-windows-gnu",
        system: "Windows",
        processor: "x86_64",
        cc: "x86_64-w64-mingw32-gcc",
        sysroot: "/usr/x86_64-w64-mingw32",
    },
];

/// The libraries a program loads: ELF's NEEDED entries, or the DLLs a PE file imports.
fn loads(program: &Path) -> Vec<String> {
    let data = elf::read(program);
    match object::File::parse(&*data).expect("not an object file") {
        file @ object::File::Pe64(_) => {
            let mut dlls: Vec<String> = object::Object::imports(&file)
                .unwrap()
                .map(|i| String::from_utf8_lossy(i.unwrap().library()).into_owned())
                .collect();
            dlls.dedup();
            dlls
        }
        _ => elf::needed(program),
    }
}

fn wine() -> Option<String> {
    let path = "/usr/lib/wine/wine64";
    if Path::new(path).exists() {
        return Some(path.to_string());
    }
    optional_tool("wine64", "the CMake cross build for Windows, run under wine")
}

fn rust_target_installed(target: &str) -> bool {
    let sysroot = run_stdout(Command::new("rustc").args(["--print", "sysroot"]));
    let installed = Path::new(sysroot.trim()).join("lib/rustlib").join(target).is_dir();
    if !installed {
        assert!(!in_ci(), "the Rust target {target} is not installed: .ci/run adds it");
        report_not_run(&format!("the CMake cross build for {target}"), "`rustup target add` it");
    }
    installed
}

/// Cross-compiling: with a toolchain file CMake's build stops unless RPC_CONSTANTS_RUST_TARGET names
/// the Rust target; with it, cargo builds for that target and links with CMake's compiler. The
/// example's three programs run under qemu-user (aarch64) and wine (Windows, where the DLL is copied
/// beside the program and the static one links only because the target brings RPC_CONSTANTS_STATIC:
/// agent.c reads the library's data).
#[test]
#[ignore = "slow: two cross release builds of the library inside CMake builds; CI runs it"]
fn cmake_cross_builds_for_aarch64_and_windows_run_under_qemu_and_wine() {
    let cmake = required_tool("cmake", "the CMake cross builds");
    for cross in &CROSS {
        let runner = if cross.system == "Windows" {
            wine().map(|w| vec![w])
        } else {
            optional_tool("qemu-aarch64", "the CMake cross build for aarch64, run under qemu-user")
                .map(|q| vec![q, "-L".to_string(), cross.sysroot.to_string()])
        };
        let (Some(runner), Some(_)) = (runner, optional_tool(cross.cc, "the CMake cross builds")) else {
            continue;
        };
        if !rust_target_installed(cross.rust_target) {
            continue;
        }
        let dir = scratch(&format!("cmake-cross-{}", cross.rust_target));
        let (vendored, consumer) = trees(&dir, "examples/cmake-subproject");
        let toolchain = dir.join("toolchain.cmake");
        std::fs::write(
            &toolchain,
            format!(
                "set(CMAKE_SYSTEM_NAME {})\nset(CMAKE_SYSTEM_PROCESSOR {})\nset(CMAKE_C_COMPILER {})\n\
                 set(CMAKE_FIND_ROOT_PATH {})\nset(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)\n\
                 set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)\nset(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)\n\
                 set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)\n",
                cross.system, cross.processor, cross.cc, cross.sysroot
            ),
        )
        .unwrap();
        let source_arg = format!("-DRPC_CONSTANTS_SOURCE={}", vendored.display());
        let toolchain_arg = format!("-DCMAKE_TOOLCHAIN_FILE={}", toolchain.display());

        let unnamed = Command::new(&cmake)
            .arg("-S")
            .arg(&consumer)
            .arg("-B")
            .arg(dir.join("no-target"))
            .args([&source_arg, &toolchain_arg])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&unnamed.stderr);
        assert!(
            !unnamed.status.success() && stderr.contains("RPC_CONSTANTS_RUST_TARGET"),
            "a cross build without RPC_CONSTANTS_RUST_TARGET did not stop naming it:\n{stderr}"
        );

        let build = dir.join("build");
        cmake_build(
            &cmake,
            &consumer,
            &build,
            &[source_arg, toolchain_arg, format!("-DRPC_CONSTANTS_RUST_TARGET={}", cross.rust_target)],
        );
        let exe = if cross.system == "Windows" { ".exe" } else { "" };
        let wine_prefix = dir.join("wineprefix");
        let on_target = |name: &str| {
            let mut command = Command::new(&runner[0]);
            command.args(&runner[1..]).arg(build.join(format!("{name}{exe}")));
            command.env("WINEPREFIX", &wine_prefix).env("WINEDEBUG", "-all");
            // Windows' C runtime writes text mode: "\r\n".
            run_stdout(&mut command).replace("\r\n", "\n")
        };
        assert_eq!(on_target("agent"), AGENT_OUTPUT);
        assert_eq!(on_target("agent_static"), AGENT_OUTPUT);
        assert_eq!(on_target("header_only"), HEADER_ONLY_OUTPUT);
        let library = if cross.system == "Windows" { "rpc_constants.dll" } else { "librpc_constants.so.0.1" };
        for (program, links) in [("agent", true), ("agent_static", false), ("header_only", false)] {
            let loaded = loads(&build.join(format!("{program}{exe}")));
            assert_eq!(loaded.iter().any(|l| l == library), links, "{program}{exe} loads {loaded:?}");
        }
        println!("{}: built with CMake and run under {}", cross.rust_target, runner[0]);
        if cross.system == "Windows" {
            // The wineserver this prefix started would otherwise outlive the test for a few seconds.
            let _ =
                Command::new("/usr/lib/wine/wineserver64").arg("-k").env("WINEPREFIX", &wine_prefix).status();
        }
    }
}
