//! Which versions share an ABI: cargo-c's SONAME rule, used both by build.rs (the SONAME) and by
//! rpc_constants_check_version(). Both run only on the crate's own version, at compile time; the
//! tests also compile this file on its own, to give it the versions a release has not had yet.

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
