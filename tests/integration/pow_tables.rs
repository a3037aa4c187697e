//! src/pow_tables.rs holds glibc's pow tables, which are Arm's optimized-routines' and musl's:
//! every value in it must be the one in musl's libc.a (`__pow_log_data`, `__exp_data`), in order.

use crate::support::{optional_tool, required_tool, run, source};
use object::{Object, ObjectSection};
use std::process::Command;

/// The named section of one member of musl's libc.a, as little-endian u64s.
fn musl_words(libc: &str, member: &str, section: &str) -> Vec<u64> {
    let ar = required_tool("ar", "musl's pow tables");
    let bytes = run(Command::new(ar).arg("p").arg(libc).arg(member)).stdout;
    let file = object::File::parse(&*bytes).unwrap_or_else(|e| panic!("{member} in {libc}: {e}"));
    let data = file.section_by_name(section).and_then(|s| s.data().ok()).expect(section);
    data.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap())).collect()
}

/// The hexadecimal literals of each constant in src/pow_tables.rs, by name.
fn ours() -> Vec<(String, Vec<u64>)> {
    let text = std::fs::read_to_string(source("src/pow_tables.rs")).unwrap();
    text.split("pub(crate) const ")
        .skip(1)
        .map(|item| {
            let name = item.split(':').next().unwrap().to_string();
            let value = item.split_once('=').unwrap().1.split(';').next().unwrap();
            let words = value
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .filter_map(|w| w.strip_prefix("0x"))
                .map(|w| u64::from_str_radix(&w.replace('_', ""), 16).unwrap())
                .collect();
            (name, words)
        })
        .collect()
}

#[test]
fn pow_tables_are_musls() {
    let Some(musl_gcc) = optional_tool("musl-gcc", "pow tables against musl's libc.a") else {
        return;
    };
    // musl-gcc is a script that hands gcc musl's specs file, which lies beside musl's libc.a.
    let path = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join(&musl_gcc))
        .find(|p| p.is_file())
        .expect("musl-gcc on PATH");
    let script = std::fs::read_to_string(path).unwrap();
    let specs = script.split('"').find(|w| w.ends_with("musl-gcc.specs")).expect("musl-gcc's specs file");
    let libc = std::path::Path::new(specs).with_file_name("libc.a").display().to_string();
    let log = musl_words(&libc, "pow_data.lo", ".rodata.__pow_log_data");
    let exp = musl_words(&libc, "exp_data.lo", ".rodata.__exp_data");
    assert_eq!((log.len(), exp.len()), (9 + 4 * 128, 14 + 256), "musl's struct layouts changed");
    // struct pow_log_data { ln2hi, ln2lo, poly[7], { invc, pad, logc, logctail } tab[128] }
    let table: Vec<u64> = log[9..].chunks(4).flat_map(|e| [e[0], e[2], e[3]]).collect();
    // musl's struct exp_data { invln2N, shift, negln2hiN, negln2loN, poly[4], exp2 data [6], tab[256] }
    let expected: Vec<(&str, Vec<u64>)> = vec![
        ("LN2_HI", vec![log[0]]),
        ("LN2_LO", vec![log[1]]),
        ("LOG_POLY", log[2..9].to_vec()),
        ("LOG_TABLE", table),
        ("INV_LN2_N", vec![exp[0]]),
        ("NEG_LN2_HI_N", vec![exp[2]]),
        ("NEG_LN2_LO_N", vec![exp[3]]),
        ("EXP_POLY", exp[4..8].to_vec()),
        ("SHIFT", vec![exp[1]]),
        ("EXP_TABLE", exp[14..].to_vec()),
    ];
    let ours = ours();
    let names: Vec<&str> = ours.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        expected.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "the constants of src/pow_tables.rs"
    );
    for ((name, got), (_, want)) in ours.iter().zip(&expected) {
        assert_eq!(got, want, "{name} differs from musl's libc.a ({libc})");
    }
}
