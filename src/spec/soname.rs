//! Which versions share an ABI: cargo-c's SONAME rule, used both by build.rs (the SONAME) and by
//! rpc_constants_check_version(). Both run only on the crate's own version, at compile time; the
//! unit test below gives it the versions a release has not had yet.

/// How many leading version components name the ABI line (and end the SONAME): 0.0.z breaks on
/// every release, 0.y.z within 0.y, x.y.z within x.
pub const fn abi_components(major: u64, minor: u64) -> usize {
    match (major, minor) {
        (0, 0) => 3,
        (0, _) => 2,
        _ => 1,
    }
}

/// A version component as cargo gives it (`CARGO_PKG_VERSION_MAJOR` and so on): decimal digits,
/// which SemVer limits to u64. For the library's constant (src/version.rs); build.rs has std's
/// parser, and runs no loop a mutation could make endless (const evaluation stops one).
pub const fn parse_component(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut value = 0;
    let mut i = 0;
    while i < b.len() {
        value = value * 10 + (b[i] - b'0') as u64;
        i += 1;
    }
    value
}

/// The rule at versions the crate has not had yet (the build and the library only ever run it on
/// the version in Cargo.toml), against cargo-c's rule restated: 0.0.z names `.so.0.0.z`, 0.y.z
/// (y > 0) `.so.0.y`, x.y.z (x > 0) `.so.x`.
#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::{String, ToString};
    use std::vec::Vec;
    use std::{format, vec};

    fn cargo_c_line(v: [u64; 3]) -> String {
        match v {
            [0, 0, patch] => format!("0.0.{patch}"),
            [0, minor, _] => format!("0.{minor}"),
            [major, _, _] => format!("{major}"),
        }
    }

    #[test]
    fn the_soname_rule_and_the_version_parser_at_versions_not_yet_released() {
        let versions = vec![
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
        for v in versions {
            let parsed = v.map(|n| parse_component(&n.to_string()));
            assert_eq!(parsed, v, "parse_component of the components of {v:?}");
            let line: Vec<String> = v[..abi_components(v[0], v[1])].iter().map(u64::to_string).collect();
            assert_eq!(line.join("."), cargo_c_line(v), "the SONAME line of {v:?}");
        }
    }
}
