//! Adding a constant is one entry in `src/spec/defs.rs` (and its value in the oracle): shown on a
//! copy of the crate with one more constant appended, built from clean.

use crate::support::declarations::{declared_symbols, symbols_h};
use crate::support::trees::{fresh_copy, in_tree};
use crate::support::{self, elf};
use crate::support::{c_compiler, cargo, compile, run, scratch, source, strings, STRICT};
use std::process::Command;

const EXTRA_DEF: &str = r#"    Def {
        origin: Origin::PythonOnly { python: "TEST_ONLY_EXTRA", cpp_style: "kTestOnlyExtra" },
        symbol: "rpc_test_only_extra",
        unit: "things",
        summary: "A constant appended by the tests.",
        details: "",
        value: Value::Int32(7),
        hpp: Hpp::Int,
    },
];"#;

const EXTRA_ORACLE: &str = r#"    {"TEST_ONLY_EXTRA", "", "rpc_test_only_extra", EXPECT_INT32, 0, 7, 0, "", "things"},
};
#define EXPECTED_COUNT"#;

#[test]
#[ignore = "slow: a clean release build of a copy of the crate; CI runs it"]
fn a_new_entry_in_defs_reaches_every_output_and_only_the_oracle_check_asks_for_more() {
    let dir = scratch("adding-a-constant");
    let tree = dir.join("crate");
    fresh_copy(&tree);
    let defs = tree.join("src/spec/defs.rs");
    let text = std::fs::read_to_string(&defs).unwrap();
    let end = text.rfind("];").expect("DEFS ends with ];");
    std::fs::write(&defs, format!("{}{}{}", &text[..end], EXTRA_DEF, &text[end + 2..])).unwrap();

    let cargo = cargo();
    run(in_tree(&tree, &cargo).args(["build", "--release", "--locked"]));
    let header = std::fs::read_to_string(tree.join("include/rpc_constants.h")).unwrap();
    for text in [
        "#define RPC_TEST_ONLY_EXTRA (INT32_C(7))",
        "RPC_CONSTANTS_DATA extern const int32_t rpc_test_only_extra;",
        "int32_t rpc_get_test_only_extra(void);",
        "torch.distributed.rpc.constants.TEST_ONLY_EXTRA (Python only)",
    ] {
        assert!(header.contains(text), "the regenerated header lacks `{text}`");
    }
    let api = std::fs::read_to_string(tree.join("docs/api.md")).unwrap();
    let row = "| `TEST_ONLY_EXTRA` (Python only) | `RPC_TEST_ONLY_EXTRA` | `rpc_test_only_extra` / \
               `rpc_get_test_only_extra()` | `int32_t` | `7` | things | A constant appended by the tests |";
    assert!(api.contains(row), "docs/api.md's table lacks the new constant's row `{row}`");
    let so = tree.join("target/release/librpc_constants.so");
    assert_eq!(elf::exported_symbols(&so), declared_symbols(&header));

    // The C programs, built against the copy: the header compiles cleanly, everything is dlsym'd.
    let cc = c_compiler();
    let generated = dir.join("generated");
    std::fs::create_dir_all(&generated).unwrap();
    std::fs::write(generated.join("symbols.h"), symbols_h(&header)).unwrap();
    let oracle_dir = dir.join("oracle");
    std::fs::create_dir_all(&oracle_dir).unwrap();
    let flags = |oracle: &std::path::Path| {
        let mut flags = support::strings(STRICT);
        flags.push("-std=c11".into());
        for include in [&generated, &oracle.to_path_buf(), &source("tests/c"), &tree.join("include")] {
            flags.push(format!("-I{}", include.display()));
        }
        flags
    };
    let libs = strings(&["-ldl", "-lm", "-pthread"]);
    let stress = dir.join("stress");

    // Without an oracle value, one check fails, and it names the constant.
    compile(&cc, &flags(&oracle_dir), &[source("tests/c/stress.c")], &libs, &stress);
    let out = Command::new(&stress).arg(&so).args(["1", "1"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "stress passed without an oracle value");
    assert!(stderr.contains("rpc_test_only_extra has no oracle value"), "{stderr}");

    // With its oracle value (the second and last edit a contributor makes), it passes: every
    // symbol, the new one among them, loaded, read and checked, from two threads.
    let oracle = std::fs::read_to_string(source("tests/c/expected.h")).unwrap();
    let oracle = oracle.replacen("};\n#define EXPECTED_COUNT", EXTRA_ORACLE, 1);
    std::fs::write(oracle_dir.join("expected.h"), oracle).unwrap();
    // Beside the program: a quoted #include looks in the including file's directory first.
    std::fs::copy(source("tests/c/stress.c"), oracle_dir.join("stress.c")).unwrap();
    compile(&cc, &flags(&oracle_dir), &[oracle_dir.join("stress.c")], &libs, &stress);
    run(Command::new(&stress).arg(&so).args(["2", "20"]));
}
