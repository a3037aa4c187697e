//! Versions as a test input. The library reads its own version only at compile time (the SONAME,
//! the header's macros, rpc_constants_version(), the line rpc_constants_check_version() accepts,
//! the .pc and CMake files), and every other test builds the one version in Cargo.toml: the first
//! release numbered 0.0.z, 0.10.0 or 1.0.0 would be the first to run the rest of the rule. Here
//! the rule's code runs on such versions (quick), and copies of the crate are built at them (slow).
//!
//! The oracle is cargo-c's SONAME rule, restated here: 0.0.z names `.so.0.0.z`, 0.y.z (y > 0)
//! `.so.0.y`, x.y.z (x > 0) `.so.x`; a program built with header version H runs with library
//! version L when both name the same SONAME and H <= L (an older library may lack what a newer
//! header declares). CMake's `find_package(rpc_constants R)` asks the same of R.

#[path = "../../src/soname.rs"]
mod soname;

/// A version as its three numbers.
pub type Version = [u64; 3];

/// What follows `librpc_constants.so.` in the SONAME of version `v` (cargo-c's rule).
pub fn soname_line(v: Version) -> String {
    match v {
        [0, 0, patch] => format!("0.0.{patch}"),
        [0, minor, _] => format!("0.{minor}"),
        [major, _, _] => format!("{major}"),
    }
}

fn text(v: Version) -> String {
    format!("{}.{}.{}", v[0], v[1], v[2])
}

/// Versions that tell the SONAME rule's arms apart, with one- and several-digit numbers.
const VERSIONS: &[Version] = &[
    [0, 0, 0],
    [0, 0, 3],
    [0, 0, 12],
    [0, 1, 0],
    [0, 1, 9],
    [0, 10, 0],
    [0, 99, 100],
    [1, 0, 0],
    [1, 2, 3],
    [10, 0, 0],
    [12, 34, 56],
    [u64::MAX, u64::MAX, u64::MAX],
];

/// src/soname.rs itself, as build.rs and the library run it on their own version: the component
/// parser and the number of components that name the ABI line, at versions the crate has not had.
#[test]
fn the_soname_rule_and_the_version_parser_at_versions_not_yet_released() {
    for &v in VERSIONS {
        let parsed = v.map(|n| soname::parse_component(&n.to_string()));
        assert_eq!(parsed, v, "parse_component of the components of {}", text(v));
        let line = v[..soname::abi_components(v[0], v[1])].iter().map(u64::to_string).collect::<Vec<_>>();
        assert_eq!(line.join("."), soname_line(v), "the SONAME line of {}", text(v));
    }
}
