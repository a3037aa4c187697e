//! docs/api.md's table of the constants, written from `DEFS` between the two marker lines; the
//! rest of docs/api.md is written by hand. A packaged crate has no docs/: nothing to fill there.

use crate::c_text::{c_type, c_value_text, getter, macro_name};
use crate::spec::defs::{Origin, DEFS};
use std::path::Path;

const BEGIN: &str =
    "<!-- The constants: written by build.rs from src/spec/defs.rs; edits here are lost. -->\n";
const END: &str = "<!-- End of the constants. -->\n";

/// docs/api.md with its table filled in, or None where there is no docs/api.md.
pub fn generate(manifest_dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(manifest_dir.join("docs/api.md")).ok()?;
    let (before, rest) = text.split_once(BEGIN).expect("docs/api.md lacks the line that opens the constants");
    let (_, after) = rest.split_once(END).expect("docs/api.md lacks the line that ends the constants");
    Some(format!("{before}{BEGIN}{}{END}{after}", table()))
}

fn table() -> String {
    let mut out = String::from(
        "| PyTorch name | macro | static / getter | C type | value | unit | meaning |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for d in DEFS {
        let name = match d.origin {
            Origin::Both { python, cpp } => format!("`{python}` (C++ `{cpp}`)"),
            Origin::PythonOnly { python, .. } => format!("`{python}` (Python only)"),
            Origin::CppOnly(cpp) | Origin::CppIn { cpp, .. } => format!("`{cpp}` (C++ only)"),
        };
        out.push_str(&format!(
            "| {name} | `{}` | `{}` / `{}()` | `{}` | `{}` | {} | {} |\n",
            macro_name(d),
            d.symbol,
            getter(d),
            c_type(d.value),
            c_value_text(d.value),
            d.unit,
            d.summary.trim_end_matches('.')
        ));
    }
    out
}
