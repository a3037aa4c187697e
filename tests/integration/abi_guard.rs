//! The ABI against the committed baseline (tools/abi/librpc_constants.abi, made by `make abi-baseline`):
//! abidiff fails the test on any incompatible change.

use crate::support::elf;
use crate::support::{artifacts, make, optional_tool, scratch, source, target_dir};
use std::path::Path;
use std::process::Command;

/// abidiff's exit status bits (libabigail's abidiff-status).
const ABIDIFF_ERROR: i32 = 1;
const ABIDIFF_USAGE_ERROR: i32 = 2;
const ABIDIFF_ABI_CHANGE: i32 = 4;
const ABIDIFF_ABI_INCOMPATIBLE_CHANGE: i32 = 8;

fn abidiff(abidiff: &str, old: &Path, new: &Path) -> (i32, String) {
    let out = Command::new(abidiff).arg(old).arg(new).output().unwrap();
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().expect("abidiff was killed"), report)
}

#[test]
#[ignore = "slow: builds the debug-info twin (profile abi-dump); CI runs it"]
fn abi_is_compatible_with_the_committed_baseline() {
    let Some(_) = optional_tool("abidw", "ABI baseline check") else { return };
    let Some(abidiff_tool) = optional_tool("abidiff", "ABI baseline check") else { return };
    let art = artifacts();
    let dir = scratch("abi-guard");
    let current = dir.join("current.abi");
    make(&["abi-dump", &format!("ABI_OUT={}", current.display())]);

    // The debug-info twin abidw reads is the shipped library plus DWARF: same exports.
    let twin = target_dir().join("abi-dump/librpc_constants.so");
    assert_eq!(elf::exported_symbols(&twin), elf::exported_symbols(&art.so));

    let baseline = source("tools/abi/librpc_constants.abi");
    // `make abi-baseline` on an unchanged tree changes nothing: a second dump is the same bytes,
    // and the committed baseline is what this tree dumps (refreshed with every change).
    let again = dir.join("again.abi");
    make(&["abi-dump", &format!("ABI_OUT={}", again.display())]);
    let dumped = std::fs::read(&current).unwrap();
    assert!(dumped == std::fs::read(&again).unwrap(), "two dumps of one library differ");
    assert!(
        dumped == std::fs::read(&baseline).unwrap(),
        "tools/abi/librpc_constants.abi is not what this tree dumps: run `make abi-baseline` and commit it"
    );
    let (status, report) = abidiff(&abidiff_tool, &baseline, &current);
    assert_eq!(status & (ABIDIFF_ERROR | ABIDIFF_USAGE_ERROR), 0, "abidiff failed:\n{report}");
    assert_eq!(
        status & ABIDIFF_ABI_INCOMPATIBLE_CHANGE,
        0,
        "incompatible ABI change against tools/abi/librpc_constants.abi (see docs/abi.md):\n{report}"
    );
    if status & ABIDIFF_ABI_CHANGE != 0 {
        println!("compatible ABI change (refresh the baseline with `make abi-baseline`):\n{report}");
    } else {
        println!("ABI identical to the baseline");
    }

    // The check can fail: the same ABI without one function is reported as incompatible.
    let xml = std::fs::read_to_string(&current).unwrap();
    let symbol_start = xml.find("<elf-symbol name='rpc_status_str'").expect("rpc_status_str not in the dump");
    let symbol_end = symbol_start + xml[symbol_start..].find("/>").unwrap() + 2;
    let mut removed = format!("{}{}", &xml[..symbol_start], &xml[symbol_end..]);
    let decl_start = removed.find("<function-decl name='rpc_status_str'").expect("no function-decl");
    let decl_end =
        decl_start + removed[decl_start..].find("</function-decl>").unwrap() + "</function-decl>".len();
    removed.replace_range(decl_start..decl_end, "");
    let mutated = dir.join("without-rpc_status_str.abi");
    std::fs::write(&mutated, removed).unwrap();
    let (status, report) = abidiff(&abidiff_tool, &baseline, &mutated);
    assert_ne!(status & ABIDIFF_ABI_INCOMPATIBLE_CHANGE, 0, "abidiff missed a removed function:\n{report}");
}
