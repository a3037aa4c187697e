//! The packaging files state what the build and the library state, so that they cannot drift:
//! the Debian symbols file lists exactly the library's exports, debian/changelog and the Conan
//! recipe carry Cargo.toml's version, and every command of docs/install.md's table of ways to get
//! the library is one that something runs. The packages themselves are built, checked and used
//! by tools/check-packages.sh, which .ci/run runs after the test tiers.

use crate::support::{artifacts, elf, source};

fn read(path: &str) -> String {
    std::fs::read_to_string(source(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

#[test]
fn the_debian_symbols_file_lists_exactly_the_exports_under_the_soname() {
    // The runtime package, its symbols file and its install list are named after the SONAME.
    let soname = elf::soname(&artifacts().so).unwrap();
    let package = format!("librpc-constants{}", soname.strip_prefix("librpc_constants.so.").unwrap());
    let symbols = format!("debian/{package}.symbols");
    let text = read(&symbols);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(format!("{soname} {package} #MINVER#").as_str()));
    let mut listed: Vec<String> = lines
        .map(|l| {
            let symbol = l.trim().split_once("@Base ").unwrap_or_else(|| panic!("not a symbol line: {l}")).0;
            symbol.to_string()
        })
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        elf::exported_symbols(&artifacts().so),
        "{symbols} (left) is not the exports (right): after an intended change, `make debian-symbols`"
    );
    read(&format!("debian/{package}.install"));
    let control = read("debian/control");
    assert!(control.contains(&format!("Package: {package}\n")), "debian/control has no package {package}");
}

#[test]
fn debian_changelog_and_the_conan_recipe_carry_the_cargo_version() {
    let changelog = read("debian/changelog");
    let first = changelog.lines().next().unwrap();
    assert_eq!(first, format!("rpc-constants ({}) unstable; urgency=medium", env!("CARGO_PKG_VERSION")));
    // The recipe reads it from Cargo.toml (set_version) rather than stating it.
    assert!(!read("conanfile.py").contains(env!("CARGO_PKG_VERSION")), "conanfile.py states a version");
}

#[test]
fn every_command_of_the_install_table_is_run_by_a_test_or_ci() {
    let doc = read("docs/install.md");
    let table: Vec<&str> = doc
        .lines()
        .skip_while(|l| !l.starts_with("| way |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(table.len() >= 7, "docs/install.md's table has {} rows", table.len());
    // What runs a command: the docs walk (this document's ```sh blocks), the packaging check
    // (its commands, not its comments; its tools by the names users type) and the examples'
    // build files, which the tests build.
    let script: String = read("tools/check-packages.sh")
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| l.replace("\"$conan\"", "conan").replace("\"$meson\"", "meson") + "\n")
        .collect();
    let runners = [
        script,
        read("examples/cmake/CMakeLists.txt"),
        read("examples/cmake-subproject/CMakeLists.txt"),
        read("examples/meson/meson.build"),
        read("examples/meson/subprojects/rpc_constants.wrap"),
    ];
    let sh_blocks: String = doc.split("```sh\n").skip(1).map(|b| b.split("```").next().unwrap()).collect();
    for row in table {
        let command = row.split('|').nth(3).unwrap();
        for code in command.split('`').skip(1).step_by(2) {
            let run = sh_blocks.contains(code) || runners.iter().any(|r| r.contains(code));
            assert!(run, "docs/install.md's `{code}` is run by nothing");
        }
    }
}
