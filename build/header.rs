//! Puts cbindgen's declarations into the header in a reader's order: cbindgen groups items by
//! kind (types, then statics, then functions), so a constant's getter would land hundreds of lines
//! from its static. Each declaration is taken whole (its doc comment included) and placed in the
//! section `SECTIONS` names for it; a declaration no section names fails the build.

use std::collections::BTreeMap;

/// Stands, in a section's item list, for the version macros.
pub const VERSION_MACROS: &str = "@version-macros";
/// Stands, in a section's item list, for every constant's macro, static and getter, together.
pub const CONSTANTS: &str = "@constants";

pub struct Section {
    pub title: &'static str,
    pub intro: &'static str,
    pub items: &'static [&'static str],
}

pub const SECTIONS: &[Section] = &[
    Section {
        title: "Version",
        intro: "The header's version (macros) and the loaded library's (rpc_constants_version()). \
                RPC_CONSTANTS_CHECK_VERSION() compares them; see rpc_constants_check_version() below.",
        items: &[VERSION_MACROS, "rpc_constants_version"],
    },
    Section {
        title: "Status codes",
        intro: "What the functions that can reject their input return, and their descriptions.",
        items: &["rpc_status", "rpc_status_str", "rpc_constants_check_version"],
    },
    Section {
        title: "The constants",
        intro: "Each of PyTorch's defaults in three forms with the same value and C type: a macro \
                (a constant expression), an exported read-only static, and a getter (for FFIs that \
                cannot read data symbols). The macro carries the documentation.",
        items: &[CONSTANTS],
    },
    Section {
        title: "Timeout rules",
        intro: "Timeouts converted and checked exactly as PyTorch does, with a defined error wherever \
                PyTorch's C++ has undefined behaviour. The results do not depend on the caller's \
                floating-point environment.",
        items: &[
            "rpc_agent_timeout_ms",
            "rpc_resolve_timeout_ms",
            "rpc_timeout_never_expires",
            "rpc_timeout_ms_to_sec",
            "rpc_validate_num_worker_threads",
        ],
    },
    Section {
        title: "The timeout message",
        intro: "PyTorch's message for an RPC that timed out, with snprintf semantics.",
        items: &["rpc_format_timeout_error"],
    },
    Section {
        title: "The constants table",
        intro: "Every constant described at run time, for dynamic loaders (ctypes, plugin hosts, other \
                languages' FFIs) that would rather not hard-code symbol names.",
        items: &[
            "rpc_type",
            "rpc_value",
            "rpc_constant",
            "rpc_constants_count",
            "rpc_constants_at",
            "rpc_constants_find",
        ],
    },
];

const OPEN: &str = "#ifdef __cplusplus\nextern \"C\" {\n#endif // __cplusplus\n";
const CLOSE: &str = "#ifdef __cplusplus\n}  // extern \"C\"\n#endif  // __cplusplus\n";

/// One constant's three forms: the macro item (doc comment and `#define`), and the names of its
/// static and getter, whose declarations come from cbindgen.
pub struct Constant {
    pub macro_item: String,
    pub symbol: String,
    pub getter: String,
}

/// The name an item declares: the tag of a type, or the declared symbol.
fn item_name(item: &str) -> String {
    let code = item
        .lines()
        .find(|l| !(l.starts_with("/**") || l.starts_with(" *")))
        .unwrap_or_else(|| panic!("no declaration in cbindgen's item:\n{item}"));
    for kind in ["typedef enum ", "typedef struct ", "typedef union "] {
        if let Some(rest) = code.strip_prefix(kind) {
            return rest.split_whitespace().next().unwrap().to_string();
        }
    }
    let head = &code[..code.find(['(', '[', ';']).expect("a declaration")];
    head.rsplit(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap().to_string()
}

fn banner(number: usize, section: &Section) -> String {
    let rule = "-".repeat(94);
    let mut out = format!("/* {rule}\n * {number}. {}\n *\n", section.title);
    for line in super::wrap(section.intro) {
        out.push_str(&format!(" * {line}\n"));
    }
    out.push_str(&format!(" * {rule} */\n"));
    out
}

pub fn assemble(cbindgen: &str, version_macros: &str, constants: &[Constant]) -> String {
    let includes_end = {
        let last = cbindgen.rfind("#include <").expect("cbindgen wrote no #include");
        last + cbindgen[last..].find('\n').unwrap() + 1
    };
    let open = cbindgen.find(OPEN).expect("no extern \"C\" block in cbindgen's output");
    let close = cbindgen.find(CLOSE).expect("no end of the extern \"C\" block");
    let mut items: BTreeMap<String, &str> = BTreeMap::new();
    for chunk in
        cbindgen[includes_end..open].split("\n\n").chain(cbindgen[open + OPEN.len()..close].split("\n\n"))
    {
        let item = chunk.trim_matches('\n');
        if !item.is_empty() {
            assert!(
                items.insert(item_name(item), item).is_none(),
                "cbindgen declared {} twice",
                item_name(item)
            );
        }
    }
    let mut take = |name: &str| -> String {
        items.remove(name).unwrap_or_else(|| panic!("no declaration of {name} for the header")).to_string()
    };

    let mut out = String::from(&cbindgen[..includes_end]);
    out.push('\n');
    out.push_str(OPEN);
    for (i, section) in SECTIONS.iter().enumerate() {
        out.push('\n');
        out.push_str(&banner(i + 1, section));
        for &item in section.items {
            let texts = match item {
                VERSION_MACROS => vec![version_macros.trim_end().to_string()],
                CONSTANTS => constants
                    .iter()
                    .flat_map(|c| [c.macro_item.trim_end().to_string(), take(&c.symbol), take(&c.getter)])
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
    let left: Vec<&String> = items.keys().collect();
    assert!(left.is_empty(), "declarations no header section names (add them to build/header.rs): {left:?}");
    out.push('\n');
    out.push_str(CLOSE);
    out.push_str(&cbindgen[close + CLOSE.len()..]);
    out
}
