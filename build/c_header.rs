//! `include/rpc_constants.h`: cbindgen declares the library (its own source and the Rust written
//! into OUT_DIR), build/c_macros.rs writes the macros, and each goes where build/sections.rs
//! names it.

use crate::c_text::getter;
use crate::defs::DEFS;
use crate::sections::{self, CONSTANTS, SECTIONS, VERSION_MACROS};
use crate::{c_macros, regroup, template};
use std::path::{Path, PathBuf};

const OPEN: &str = "#ifdef __cplusplus\nextern \"C\" {\n#endif // __cplusplus\n";
const CLOSE: &str = "#ifdef __cplusplus\n}  // extern \"C\"\n#endif  // __cplusplus\n";

/// The header, and cbindgen's output it was made from (the tests read it again).
pub fn generate(manifest_dir: &Path, generated_rust: &[PathBuf]) -> (String, String) {
    let mut config =
        cbindgen::Config::from_file(manifest_dir.join("cbindgen.toml")).expect("cannot read cbindgen.toml");
    let list = sections::list().join("\n * ");
    config.header = config.header.map(|h| template::fill("cbindgen.toml", &h, &[("@SECTIONS@", &list)]));
    let mut builder = cbindgen::Builder::new().with_config(config).with_src(manifest_dir.join("src/lib.rs"));
    for path in generated_rust {
        builder = builder.with_src(path);
    }
    let mut raw = Vec::new();
    builder.generate().expect("cbindgen failed to generate the header").write(&mut raw);
    let raw = String::from_utf8(raw).expect("cbindgen wrote something other than UTF-8");
    (assemble(&raw), raw)
}

fn assemble(cbindgen: &str) -> String {
    let read = regroup::read(cbindgen).unwrap_or_else(|e| panic!("cannot read cbindgen's output: {e}"));
    let mut declarations = read.declarations;
    let mut take = |name: &str| -> String {
        declarations
            .remove(name)
            .unwrap_or_else(|| panic!("cbindgen did not declare {name}, which a section names"))
    };

    let mut out = read.head;
    out.push('\n');
    out.push_str(OPEN);
    for (i, section) in SECTIONS.iter().enumerate() {
        out.push('\n');
        out.push_str(&sections::banner(i + 1, section));
        for &item in section.items {
            let texts = match item {
                VERSION_MACROS => vec![c_macros::version_macros().trim_end().to_string()],
                CONSTANTS => DEFS
                    .iter()
                    .flat_map(|d| {
                        [c_macros::macro_item(d).trim_end().to_string(), take(d.symbol), take(&getter(d))]
                    })
                    .collect(),
                name => vec![take(name)],
            };
            for text in texts {
                out.push('\n');
                out.push_str(&text);
                out.push('\n');
            }
        }
    }
    let left: Vec<&String> = declarations.keys().collect();
    assert!(
        left.is_empty(),
        "no header section names these declarations (add them to build/sections.rs): {left:?}"
    );
    out.push('\n');
    out.push_str(CLOSE);
    out.push('\n');
    for line in &read.tail {
        out.push_str(line);
        out.push('\n');
    }
    out
}
