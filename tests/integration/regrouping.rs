//! The header's sections do not hang on cbindgen's blank lines: the build's regrouper
//! (build/regroup.rs) reads cbindgen's real output, spaced otherwise, into the same declarations,
//! and stops with a message naming the line and the declaration before it when it cannot read one.

#[path = "../../build/regroup.rs"]
mod regroup;

use crate::declarations::declared_symbols;
use crate::support::artifacts;

/// cbindgen's output as the build got it (written beside the header in OUT_DIR).
fn cbindgen_output() -> String {
    let path = artifacts().generated_header.with_file_name("cbindgen.h");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// How a test rewrites one line of cbindgen's output into lines (each with its newline).
type Rewrite = fn(&str) -> String;

/// `output` with its declarations' part (after the #include lines) rewritten line by line.
fn respaced(output: &str, head: &str, rewrite: Rewrite) -> String {
    let body: String = output[head.len()..].lines().map(rewrite).collect();
    format!("{head}{body}")
}

#[test]
fn cbindgen_output_spaced_otherwise_reads_as_the_same_declarations() {
    let output = cbindgen_output();
    let base = regroup::read(&output).unwrap();
    let header = std::fs::read_to_string(artifacts().include.join("rpc_constants.h")).unwrap();
    // The header marks each data declaration for Windows DLLs (build/dll_import.rs); apart from
    // that mark, these declarations are what the committed header is made of.
    let header = header.replace("\nRPC_CONSTANTS_DATA extern const ", "\nextern const ");
    for symbol in declared_symbols(&header) {
        assert!(base.declarations.contains_key(&symbol), "the regrouper did not read {symbol}");
    }
    for (name, text) in &base.declarations {
        assert!(
            header.contains(&format!("\n{text}\n")),
            "the header lacks cbindgen's {name} as read:\n{text}"
        );
    }
    assert!(header.ends_with(&format!("{}\n", base.tail.join("\n"))), "{:?}", base.tail);

    let variants: [(&str, Rewrite); 4] = [
        ("without blank lines", |l| if l.trim().is_empty() { String::new() } else { format!("{l}\n") }),
        ("with a blank line after every line", |l| format!("{l}\n\n")),
        ("with three blank lines between items", |l| {
            format!("{l}\n{}", if l.is_empty() { "\n\n" } else { "" })
        }),
        ("with blank lines of spaces and tabs", |l| {
            if l.is_empty() {
                " \t\n".into()
            } else {
                format!("{l}\n \n")
            }
        }),
    ];
    for (how, rewrite) in variants {
        let variant = respaced(&output, &base.head, rewrite);
        assert_ne!(variant, output, "{how}: the rewrite changed nothing");
        let read = regroup::read(&variant).unwrap_or_else(|e| panic!("{how}: {e}"));
        assert_eq!(read.head, base.head, "{how}");
        assert_eq!(read.tail, base.tail, "{how}");
        assert_eq!(read.declarations, base.declarations, "{how}: other declarations");
    }

    // A comment after the `;` stays with its declaration and does not run into the next one.
    let count = "size_t rpc_constants_count(void);";
    let read = regroup::read(&output.replacen(count, &format!("{count} /* trailing */"), 1)).unwrap();
    assert!(read.declarations["rpc_constants_count"].ends_with(&format!("{count} /* trailing */")));
    assert_eq!(read.declarations.len(), base.declarations.len());
}

#[test]
fn what_the_regrouper_cannot_read_stops_the_build_naming_where() {
    let output = cbindgen_output();
    let error = |from: &str, to: &str| {
        assert!(output.contains(from), "cbindgen's output has no `{from}`");
        regroup::read(&output.replacen(from, to, 1)).err().unwrap_or_else(|| panic!("`{to}` was read"))
    };
    // The last declaration before the extern "C" block closes, left without its `;`.
    let close = output.rfind("#ifdef __cplusplus").unwrap();
    let last = output[..close].trim_end().lines().last().unwrap();
    let e = error(last, last.trim_end_matches(';'));
    assert!(e.contains("unbalanced") && e.contains(last.trim_end_matches(';')), "{e}");

    let e = error("\nsize_t rpc_constants_count(void);", "\n#if RPC_SOMETHING\n#endif");
    assert!(e.contains("#if RPC_SOMETHING"), "{e}");

    let e = error("\nsize_t rpc_constants_count(void);", "\nint (*)(void);");
    assert!(e.contains("cannot tell what") && e.contains("int (*)(void);"), "{e}");

    let e = error("\n#ifdef __cplusplus\n}", "\n/** An orphan. */\n#ifdef __cplusplus\n}");
    assert!(e.contains("/** An orphan. */"), "{e}");

    let e = error("size_t rpc_constants_count(void);", "size_t rpc_constants_at(size_t index);");
    assert!(e.contains("rpc_constants_at twice"), "{e}");
}
