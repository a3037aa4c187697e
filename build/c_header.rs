//! `include/rpc_constants.h`: build/rpc_constants.template.h filled in. cbindgen runs once per
//! line `@function name@` or `@type name@`, configured to write only that declaration, which is
//! copied as it is: nothing reads cbindgen's text. One more run, with every placed function left
//! out, must write nothing: an exported function the template does not place fails the build.

use crate::{c_constants, link, template};
use cbindgen::{Config, ItemType};
use std::env;
use std::path::{Path, PathBuf};

const TEMPLATE: &str = "build/rpc_constants.template.h";

/// ("function" or "type", name) of a template line that cbindgen fills.
fn placed(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix('@')?.strip_suffix('@')?;
    inner.split_once(' ').filter(|(kind, _)| matches!(*kind, "function" | "type"))
}

/// The header. `generated_rust` holds the Rust in OUT_DIR with exported items cbindgen declares
/// (the `rpc_status` enum); the statics and getters are build/c_constants.rs's, not cbindgen's.
pub fn generate(manifest_dir: &Path, generated_rust: &[PathBuf]) -> String {
    let version = |part: &str| env::var(format!("CARGO_PKG_VERSION{part}")).unwrap();
    assert!(!version("").contains(['"', '\\']), "a version is printed inside a C string");
    let filled = template::fill(
        TEMPLATE,
        include_str!("rpc_constants.template.h"),
        &[
            ("@VERSION@", &version("")),
            ("@MAJOR@", &version("_MAJOR")),
            ("@MINOR@", &version("_MINOR")),
            ("@PATCH@", &version("_PATCH")),
            ("@SONAME@", &link::soname()),
            ("@CONSTANTS@", c_constants::all().trim_end()),
        ],
    );
    let functions: Vec<String> =
        filled.lines().filter_map(placed).filter(|(k, _)| *k == "function").map(|(_, n)| n.into()).collect();
    // Only functions, or only types; every placed function left out but `only`. The types stay
    // known to cbindgen even when it writes none, so a prototype says `enum rpc_status`.
    let cbindgen = |functions_only: bool, only: Option<&str>| {
        let mut config =
            Config::from_file(manifest_dir.join("cbindgen.toml")).expect("cannot read cbindgen.toml");
        config.export.item_types = if functions_only {
            vec![ItemType::Functions]
        } else {
            vec![ItemType::Enums, ItemType::Structs, ItemType::Unions, ItemType::Typedefs]
        };
        config.export.exclude = functions.iter().filter(|f| Some(f.as_str()) != only).cloned().collect();
        // A type is written where a written function uses it, or when named here.
        config.export.include = only.filter(|_| !functions_only).map(String::from).into_iter().collect();
        let mut builder =
            cbindgen::Builder::new().with_config(config).with_src(manifest_dir.join("src/lib.rs"));
        for path in generated_rust {
            builder = builder.with_src(path);
        }
        let mut text = Vec::new();
        builder.generate().expect("cbindgen failed to read the crate").write(&mut text);
        String::from_utf8(text).expect("cbindgen wrote something other than UTF-8")
    };

    let unplaced = cbindgen(true, None);
    assert!(
        unplaced.trim().is_empty(),
        "{TEMPLATE} places no line for these functions (add a line `@function name@`):\n{unplaced}"
    );
    let mut out = String::new();
    let mut typedefs = String::new();
    for line in filled.lines() {
        if line == "@function_types@" {
            out.push_str(typedefs.trim_end());
            out.push('\n');
            continue;
        }
        let text = match placed(line) {
            // A constant's getter (build/c_constants.rs): `<type> rpc_get_<name>(void);`.
            None if line.ends_with("(void);") && !line.starts_with([' ', '#', '/', '*']) => {
                let name =
                    line.split(['(', ' ', '*']).rfind(|w| w.starts_with("rpc_")).expect("a getter's name");
                typedefs.push_str(&function_type(name, line));
                line.to_string()
            }
            None => line.to_string(),
            Some((kind, name)) => {
                let text = cbindgen(kind == "function", Some(name));
                assert!(!text.trim().is_empty(), "cbindgen declares nothing for {TEMPLATE}'s line {line}");
                if kind == "function" {
                    typedefs.push_str(&function_type(name, &text));
                }
                text.trim().to_string()
            }
        };
        out.push_str(&text);
        out.push('\n');
    }
    out
}

/// `typedef <return> (*<name>_fn)(<parameters>);` from cbindgen's declaration of `name` (its doc
/// comment dropped), wrapped at 100 columns with the parameters aligned, and documented.
fn function_type(name: &str, declaration: &str) -> String {
    let prototype: String = declaration
        .lines()
        .skip_while(|l| !l.contains(&format!("{name}(")))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let (ret, params) = prototype.split_once(&format!("{name}(")).expect("a prototype");
    let params = params.strip_suffix(");").expect("a prototype ends with );");
    let head = format!("typedef {ret}(*{name}_fn)(");
    let mut lines = vec![head.clone()];
    for (i, param) in params.split(", ").enumerate() {
        let piece = if i == 0 { param.to_string() } else { format!(", {param}") };
        let last = lines.last_mut().unwrap();
        if last.len() + piece.len() + 2 > 100 && i != 0 {
            last.push(',');
            lines.push(format!("{}{}", " ".repeat(head.len()), param));
        } else {
            last.push_str(&piece);
        }
    }
    lines.last_mut().unwrap().push_str(");");
    format!("/** The type of {name}(), for the result of dlsym(). */\n{}\n\n", lines.join("\n"))
}
