//! Versions as a test input. The library reads its own version only at compile time (the SONAME,
//! the header's macros, rpc_constants_version(), the line rpc_constants_check_version() accepts,
//! the .pc and CMake files), and every other test builds the one version in Cargo.toml: the first
//! release numbered 0.0.z, 0.10.0 or 1.0.0 would be the first to run the rest of the rule. Here
//! copies of the crate are built at such versions (slow); src/spec/soname.rs's unit test runs the
//! rule's code on them (quick).
//!
//! The oracle is cargo-c's SONAME rule, restated here: 0.0.z names `.so.0.0.z`, 0.y.z (y > 0)
//! `.so.0.y`, x.y.z (x > 0) `.so.x`; a program built with header version H runs with library
//! version L when both name the same SONAME and H <= L (an older library may lack what a newer
//! header declares). CMake's `find_package(rpc_constants R)` asks the same of R.

use crate::support::elf;
use crate::support::trees::{fresh_copy, in_tree};
use crate::support::{
    c_compiler, compile, optional_tool, required_tool, run, run_stdout, scratch, source, strings, STRICT,
};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// A version as its three numbers.
type Version = [u64; 3];

/// What follows `librpc_constants.so.` in the SONAME of version `v` (cargo-c's rule).
fn soname_line(v: Version) -> String {
    match v {
        [0, 0, patch] => format!("0.0.{patch}"),
        [0, minor, _] => format!("0.{minor}"),
        [major, _, _] => format!("{major}"),
    }
}

fn text(v: Version) -> String {
    format!("{}.{}.{}", v[0], v[1], v[2])
}

/// Whether a library of version `library` serves a program built against `header`, or CMake's
/// version file accepts `library` for `find_package(rpc_constants header)`.
fn compatible(header: Version, library: Version) -> bool {
    soname_line(header) == soname_line(library) && header <= library
}

/// Header versions to try against a library of version `v`: itself, its neighbours on every
/// component (older and newer, same line and others), and the other versions tested.
fn header_versions(v: Version, others: &[Version]) -> Vec<Version> {
    let [major, minor, patch] = v;
    let mut list =
        vec![v, [major, minor, patch + 1], [major, minor + 1, 0], [major + 1, 0, 0], [0, 0, 0], [0, 1, 0]];
    if patch > 0 {
        list.push([major, minor, patch - 1]);
    }
    if minor > 0 {
        list.extend([[major, minor - 1, 0], [major, minor - 1, patch], [major, 0, patch]]);
    }
    if major > 0 {
        list.extend([[major - 1, minor, patch], [major - 1, 0, 0], [major, 0, 0]]);
    }
    list.extend_from_slice(others);
    let mut unique = Vec::new();
    for h in list {
        if !unique.contains(&h) {
            unique.push(h);
        }
    }
    unique
}

/// Cargo.toml's version and the crate's entry in Cargo.lock, rewritten to `v`.
fn set_version(tree: &Path, v: Version) {
    let old = env!("CARGO_PKG_VERSION");
    let rewrite = |name: &str, from: &str, to: &str| {
        let path = tree.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{name} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    rewrite("Cargo.toml", &format!("\nversion = \"{old}\"\n"), &format!("\nversion = \"{}\"\n", text(v)));
    rewrite(
        "Cargo.lock",
        &format!("name = \"rpc_constants\"\nversion = \"{old}\"\n"),
        &format!("name = \"rpc_constants\"\nversion = \"{}\"\n", text(v)),
    );
}

/// Runs the installed CMake version file as `find_package(rpc_constants <request>)` does: the
/// requested version and its components (0 where not given) set, the file included.
const FIND_VERSION_SCRIPT: &str = r#"set(CMAKE_SIZEOF_VOID_P 8)
include("${VERSION_FILE}")
message(NOTICE "${PACKAGE_VERSION} ${PACKAGE_VERSION_COMPATIBLE} ${PACKAGE_VERSION_EXACT}")
"#;

/// (PACKAGE_VERSION, PACKAGE_VERSION_COMPATIBLE, PACKAGE_VERSION_EXACT).
fn cmake_accepts(cmake: &str, script: &Path, version_file: &Path, request: &[u64]) -> (String, bool, bool) {
    let mut padded = [0u64; 3];
    padded[..request.len()].copy_from_slice(request);
    let requested = request.iter().map(u64::to_string).collect::<Vec<_>>().join(".");
    let out = run(Command::new(cmake)
        .arg(format!("-DPACKAGE_FIND_VERSION={requested}"))
        .arg(format!("-DPACKAGE_FIND_VERSION_MAJOR={}", padded[0]))
        .arg(format!("-DPACKAGE_FIND_VERSION_MINOR={}", padded[1]))
        .arg(format!("-DPACKAGE_FIND_VERSION_PATCH={}", padded[2]))
        .arg("-DPACKAGE_FIND_VERSION_TWEAK=0")
        .arg(format!("-DPACKAGE_FIND_VERSION_COUNT={}", request.len()))
        .arg(format!("-DVERSION_FILE={}", version_file.display()))
        .arg("-P")
        .arg(script));
    let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
    let words: Vec<&str> = said.split(' ').collect();
    let truth = |word: &str| match word {
        "TRUE" => true,
        "FALSE" => false,
        _ => panic!("find_package(rpc_constants {requested}): cmake said `{said}`"),
    };
    match words[..] {
        [version, compatible, exact] => (version.to_string(), truth(compatible), truth(exact)),
        _ => panic!("find_package(rpc_constants {requested}): cmake said `{said}`"),
    }
}

/// Copies of the crate at versions that take every arm of the SONAME rule, with one- and
/// two-digit numbers, each built, installed and asked about every neighbouring version.
#[test]
#[ignore = "slow: release builds of four copies of the crate (about 2 minutes on 2 idle cores); CI runs it"]
fn copies_built_at_other_versions_agree_with_the_soname_rule_everywhere() {
    const BUILT: [Version; 4] = [[0, 0, 3], [0, 10, 0], [1, 0, 0], [12, 34, 56]];
    let dir = scratch("versions");
    // One target directory for all the copies: the dependencies are built once, the crate
    // itself (whose version changes everything in it) once per version.
    let target = dir.join("target");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let make = required_tool("make", "make install at other versions");
    let cmake = optional_tool("cmake", "CMake version file at other versions");
    let script = dir.join("find_version.cmake");
    std::fs::write(&script, FIND_VERSION_SCRIPT).unwrap();
    let cc = c_compiler();
    let all = Instant::now();
    for v in BUILT {
        let started = Instant::now();
        let version = text(v);
        let tree = dir.join(format!("crate-{version}"));
        fresh_copy(&tree);
        set_version(&tree, v);
        run(in_tree(&tree, &cargo).args(["build", "--release", "--locked"]).env("CARGO_TARGET_DIR", &target));
        let stage = dir.join(format!("stage-{version}"));
        run(in_tree(&tree, &make)
            .args(["install", "PREFIX=/usr"])
            .arg(format!("DESTDIR={}", stage.display()))
            .env("CARGO_TARGET_DIR", &target));

        // The SONAME, and the links that carry it, in the build tree and installed.
        let soname = format!("librpc_constants.so.{}", soname_line(v));
        let real = format!("librpc_constants.so.{version}");
        let release = target.join("release");
        assert_eq!(elf::soname(&release.join("librpc_constants.so")), Some(soname.clone()), "{version}");
        assert_eq!(std::fs::read_link(release.join(&soname)).unwrap(), Path::new("librpc_constants.so"));
        let lib = stage.join("usr/lib");
        assert_eq!(elf::soname(&lib.join(&real)), Some(soname.clone()), "{version}: installed library");
        // 0.0.z: the SONAME is the real name, so there is no link to make (cargo-c makes none).
        let links = if soname == real {
            vec!["librpc_constants.so"]
        } else {
            vec![soname.as_str(), "librpc_constants.so"]
        };
        for link in links {
            assert_eq!(std::fs::read_link(lib.join(link)).unwrap(), Path::new(&real), "{version}: {link}");
        }
        assert!(
            std::fs::symlink_metadata(lib.join(&real)).unwrap().is_file(),
            "{version}: {real} is not a file"
        );

        // The .pc file's version, and the SONAME the CMake package imports.
        let pc = std::fs::read_to_string(lib.join("pkgconfig/rpc_constants.pc")).unwrap();
        assert!(pc.lines().any(|l| l == format!("Version: {version}")), "{version}:\n{pc}");
        let config =
            std::fs::read_to_string(lib.join("cmake/rpc_constants/rpc_constantsConfig.cmake")).unwrap();
        assert!(config.contains(&format!("IMPORTED_SONAME \"{soname}\"")), "{version}:\n{config}");

        // A program built with the copy's header, run against the installed library (through
        // its SONAME link): the macros, the library's version and its verdict on each header.
        let headers = header_versions(v, &BUILT);
        let exe = dir.join(format!("version_probe-{version}"));
        let mut flags = strings(STRICT);
        flags.extend(["-std=c11".to_string(), format!("-I{}", tree.join("include").display())]);
        let libs = vec![
            format!("-L{}", lib.display()),
            "-lrpc_constants".into(),
            format!("-Wl,-rpath,{}", lib.display()),
        ];
        compile(&cc, &flags, &[source("tests/c/version_probe.c")], &libs, &exe);
        assert!(elf::needed(&exe).contains(&soname), "{version}: the program does not need {soname}");
        let said = run_stdout(Command::new(&exe).args(headers.iter().map(|h| text(*h))));
        let mut expected = vec![
            format!("header {version} {} {} {}", v[0], v[1], v[2]),
            format!("library {version}"),
            "own compatible".to_string(),
        ];
        for &h in &headers {
            let verdict = if compatible(h, v) { "compatible" } else { "mismatch" };
            expected.push(format!("check {} {verdict}", text(h)));
        }
        assert_eq!(said.lines().collect::<Vec<_>>(), expected, "{version}: the program's view (left)");

        // CMake's find_package(rpc_constants R), for R of one, two and three components.
        if let Some(cmake) = &cmake {
            let version_file = lib.join("cmake/rpc_constants/rpc_constantsConfigVersion.cmake");
            for &h in &headers {
                for request in [&h[..1], &h[..2], &h[..]] {
                    let mut padded = [0u64; 3];
                    padded[..request.len()].copy_from_slice(request);
                    let (found, accepted, exact) = cmake_accepts(cmake, &script, &version_file, request);
                    assert_eq!(found, version);
                    assert_eq!(
                        accepted,
                        compatible(padded, v),
                        "{version}: find_package(rpc_constants {request:?})"
                    );
                    assert_eq!(
                        exact,
                        padded == v,
                        "{version}: find_package(rpc_constants {request:?}): EXACT"
                    );
                }
            }
        }
        // And uninstall removes all of it.
        run(in_tree(&tree, &make)
            .args(["uninstall", "PREFIX=/usr"])
            .arg(format!("DESTDIR={}", stage.display()))
            .env("CARGO_TARGET_DIR", &target));
        assert_eq!(
            std::fs::read_dir(&stage).unwrap().count(),
            0,
            "{version}: make uninstall left files behind"
        );
        println!("{version}: built, installed and checked in {:.1} s", started.elapsed().as_secs_f64());
    }
    println!("{} versions in {:.1} s", BUILT.len(), all.elapsed().as_secs_f64());
}
