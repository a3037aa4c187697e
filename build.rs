//! Generates what the library and its headers derive from `src/defs.rs` (the constants) and
//! `src/status_codes.rs` (the status codes), in this order:
//!
//! 1. the link settings of the shared library: its SONAME and the link to it in the profile
//!    directory (build/link.rs);
//! 2. the library's exported statics, getters, constants table and `rpc_status` enum, as Rust in
//!    OUT_DIR, where the library `include!`s them (build/rust_code.rs);
//! 3. `rpc_constants.h`: cbindgen's declarations of the library and the macros, in sections
//!    (build/c_header.rs, with build/c_macros.rs and build/sections.rs);
//! 4. `rpc_constants.hpp`: its template with each constant's C++ declarations (build/cpp_header.rs);
//! 5. both headers into OUT_DIR, and into include/ when they changed (build/source_tree.rs).

#[path = "build/c_header.rs"]
mod c_header;
#[path = "build/c_macros.rs"]
mod c_macros;
#[path = "build/c_text.rs"]
mod c_text;
#[path = "build/cpp_header.rs"]
mod cpp_header;
#[path = "build/declarations.rs"]
mod declarations;
#[path = "src/defs.rs"]
mod defs;
#[path = "build/dll_import.rs"]
mod dll_import;
#[path = "build/link.rs"]
mod link;
#[path = "build/regroup.rs"]
mod regroup;
#[path = "build/rust_code.rs"]
mod rust_code;
#[path = "build/sections.rs"]
mod sections;
#[path = "src/soname.rs"]
#[allow(dead_code)] // parse_component is the library's
mod soname;
#[path = "build/source_tree.rs"]
mod source_tree;
#[path = "src/status_codes.rs"]
mod status_codes;
#[path = "build/template.rs"]
mod template;

use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    for watched in ["src", "build", "cbindgen.toml", "build.rs", "Cargo.toml"] {
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

    // cbindgen reads these three too: they hold exported items.
    let exported = [
        write("statics.rs", rust_code::statics()),
        write("getters.rs", rust_code::getters()),
        write("status.rs", rust_code::status_enum()),
    ];
    write("table.rs", rust_code::table());
    write("status_str.rs", rust_code::status_str());

    let (header, cbindgen_output) = c_header::generate(&manifest_dir, &exported);
    let header = dll_import::mark_data(&header);
    // What the tests feed the regrouper again, spaced otherwise (tests/integration/regrouping.rs).
    write("cbindgen.h", cbindgen_output);

    // The copies in OUT_DIR are what the drift tests compare with the committed ones.
    for (name, text) in [("rpc_constants.h", header), ("rpc_constants.hpp", cpp_header::generate())] {
        source_tree::update_committed_header(&manifest_dir, name, text.as_bytes());
        write(name, text);
    }
}
