//! Which versions share an ABI: cargo-c's SONAME rule, used both by build.rs (the SONAME) and by
//! rpc_constants_check_version().

/// How many leading version components name the ABI line (and end the SONAME): 0.0.z breaks on
/// every release, 0.y.z within 0.y, x.y.z within x.
pub const fn abi_components(major: u64, minor: u64) -> usize {
    match (major, minor) {
        (0, 0) => 3,
        (0, _) => 2,
        _ => 1,
    }
}
