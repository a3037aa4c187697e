//! `include/rpc_constants.h`: build/rpc_constants.template.h filled in. cbindgen runs once per
//! line `@function name@` or `@type name@`, configured to write only that declaration, which is
//! copied as it is: nothing reads cbindgen's text. One more run, with every placed function left
//! out, must write nothing: an exported function the template does not place fails the build.

use crate::{c_constants, template};
use cbindgen::{Config, ItemType};
use std::env;
use std::path::{Path, PathBuf};

const TEMPLATE: &str = "build/rpc_constants.template.h";

/// A line of the template that cbindgen fills.
enum Placed<'a> {
    Function(&'a str),
    Type(&'a str),
}

fn placed(line: &str) -> Option<Placed<'_>> {
    let inner = line.strip_prefix('@')?.strip_suffix('@')?;
    match inner.split_once(' ')? {
        ("function", name) => Some(Placed::Function(name)),
        ("type", name) => Some(Placed::Type(name)),
        _ => None,
    }
}

/// The header. `generated_rust` holds the Rust in OUT_DIR with exported items cbindgen declares
/// (the `rpc_status` enum); the statics and getters are build/c_constants.rs's, not cbindgen's.
pub fn generate(manifest_dir: &Path, generated_rust: &[PathBuf]) -> String {
    let part = |name: &str| env::var(format!("CARGO_PKG_VERSION_{name}")).unwrap();
    let version = env::var("CARGO_PKG_VERSION").unwrap();
    assert!(!version.contains(['"', '\\']), "a version is printed inside a C string");
    let filled = template::fill(
        TEMPLATE,
        include_str!("rpc_constants.template.h"),
        &[
            ("@VERSION@", &version),
            ("@MAJOR@", &part("MAJOR")),
            ("@MINOR@", &part("MINOR")),
            ("@PATCH@", &part("PATCH")),
            ("@CONSTANTS@", c_constants::all().trim_end()),
        ],
    );
    let functions: Vec<&str> = filled
        .lines()
        .filter_map(|l| match placed(l) {
            Some(Placed::Function(name)) => Some(name),
            _ => None,
        })
        .collect();
    let cbindgen = |config: Config| {
        let mut builder =
            cbindgen::Builder::new().with_config(config).with_src(manifest_dir.join("src/lib.rs"));
        for path in generated_rust {
            builder = builder.with_src(path);
        }
        let mut text = Vec::new();
        builder.generate().expect("cbindgen failed to read the crate").write(&mut text);
        String::from_utf8(text).expect("cbindgen wrote something other than UTF-8")
    };
    // Functions only, every placed one left out but `except`. The types stay known to cbindgen,
    // which then writes `enum rpc_status`, not the typedef's name.
    let functions_but = |except: Option<&str>| {
        let mut config = base_config(manifest_dir);
        config.export.item_types = vec![ItemType::Functions];
        config.export.exclude =
            functions.iter().filter(|&&f| Some(f) != except).map(|f| f.to_string()).collect();
        cbindgen(config)
    };

    let unplaced = functions_but(None);
    assert!(
        unplaced.trim().is_empty(),
        "{TEMPLATE} places no line for these functions (add a line `@function name@`):\n{unplaced}"
    );
    let mut out = String::new();
    for line in filled.lines() {
        let text = match placed(line) {
            None => {
                out.push_str(line);
                out.push('\n');
                continue;
            }
            Some(Placed::Function(name)) => functions_but(Some(name)),
            Some(Placed::Type(name)) => {
                // A type is written where a written function uses it, or when named here; no
                // function is written, so only this one and those it uses are.
                let mut config = base_config(manifest_dir);
                config.export.item_types =
                    vec![ItemType::Enums, ItemType::Structs, ItemType::Unions, ItemType::Typedefs];
                config.export.include = vec![name.to_string()];
                config.export.exclude = functions.iter().map(|f| f.to_string()).collect();
                cbindgen(config)
            }
        };
        assert!(!text.trim().is_empty(), "cbindgen declares nothing for {TEMPLATE}'s line {line}");
        out.push_str(text.trim());
        out.push('\n');
    }
    out
}

/// How cbindgen.toml says to write declarations.
fn base_config(manifest_dir: &Path) -> Config {
    Config::from_file(manifest_dir.join("cbindgen.toml")).expect("cannot read cbindgen.toml")
}
