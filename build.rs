//! Generates what the library and its headers derive from src/spec/ (the constants and the status
//! codes), in this order:
//!
//! 1. the link settings of the shared library: its SONAME and the link to it in the profile
//!    directory (build/link.rs);
//! 2. the library's exported statics, getters, constants table and `rpc_status` enum, as Rust in
//!    OUT_DIR, where the library `include!`s them (build/rust_code.rs);
//! 3. `rpc_constants.h`: its template with the constants' macros, statics and getters
//!    (build/c_constants.rs) and cbindgen's declarations of the functions and types
//!    (build/c_header.rs);
//! 4. `rpc_constants.hpp`: its template with each constant's C++ declarations (build/cpp_header.rs);
//! 5. docs/api.md's table of the constants (build/api_doc.rs);
//! 6. each into OUT_DIR, and into the source tree when it changed (build/source_tree.rs).
//!
//! It compiles only build/ and src/spec/ (which the library compiles too); cbindgen reads src/.

#[path = "build/api_doc.rs"]
mod api_doc;
#[path = "build/c_constants.rs"]
mod c_constants;
#[path = "build/c_header.rs"]
mod c_header;
#[path = "build/c_text.rs"]
mod c_text;
#[path = "build/cpp_header.rs"]
mod cpp_header;
#[path = "build/link.rs"]
mod link;
#[path = "build/rust_code.rs"]
mod rust_code;
#[path = "build/source_tree.rs"]
mod source_tree;
#[path = "src/spec/mod.rs"]
#[allow(dead_code, reason = "parse_component is the library's")]
mod spec;
#[path = "build/template.rs"]
mod template;

use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    for watched in ["src", "build", "cbindgen.toml", "build.rs", "Cargo.toml", "docs/api.md"] {
        println!("cargo:rerun-if-changed={watched}");
    }
    println!("cargo:rerun-if-env-changed=DOCS_RS");
    println!("cargo:rerun-if-env-changed=OPT_LEVEL");
    let write = |name: &str, text: String| {
        let path = out_dir.join(name);
        fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        path
    };

    link::configure(&out_dir);

    write("statics.rs", rust_code::statics());
    write("getters.rs", rust_code::getters());
    write("table.rs", rust_code::table());
    write("status_str.rs", rust_code::status_str());
    // cbindgen reads this one too: the enum is declared in the header.
    let status = write("status.rs", rust_code::status_enum());

    let header = c_header::generate(&manifest_dir, &[status]);
    // The copies in OUT_DIR are what the drift tests compare with the committed ones.
    for (path, text) in
        [("include/rpc_constants.h", header), ("include/rpc_constants.hpp", cpp_header::generate())]
    {
        source_tree::update_committed(&manifest_dir, path, text.as_bytes());
        write(path.rsplit('/').next().unwrap(), text);
    }
    if let Some(api) = api_doc::generate(&manifest_dir) {
        source_tree::update_committed(&manifest_dir, "docs/api.md", api.as_bytes());
        write("api.md", api);
    }
}
