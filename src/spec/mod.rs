//! What both the build and the library read: compiled into build.rs (which writes the headers and
//! the library's generated Rust from it) and into the library (which computes with it). Nothing
//! here is exported; only what `no_std` Rust at compile time can read belongs here.

pub mod defs;
pub mod soname;
pub mod status_codes;
