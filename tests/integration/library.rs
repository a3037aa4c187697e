//! Properties of the shipped shared library itself: nothing needed, nothing run at load,
//! the SONAME rule, constants in read-only data.

use crate::support::{self, elf};
use object::elf::{DT_FINI, DT_FINI_ARRAY, DT_INIT, DT_INIT_ARRAY, DT_PREINIT_ARRAY};
use object::{Object as _, ObjectSection as _, ObjectSymbol as _, SectionFlags};
use support::artifacts;

/// The README's "about N KiB" is the stripped release library's size, rounded to whole KiB.
#[test]
fn the_readme_states_the_library_size() {
    let readme = std::fs::read_to_string(crate::support::source("README.md")).unwrap();
    let (_, after) = readme.split_once("Rust, about ").expect("the README states no library size");
    let kib: u64 = after.split_once(" KiB").expect("no KiB after the size").0.parse().unwrap();
    let bytes = std::fs::metadata(&artifacts().so).unwrap().len();
    assert_eq!(
        (bytes + 512) / 1024,
        kib,
        "the stripped library is {bytes} B; the README says about {kib} KiB"
    );
}

#[test]
fn shared_library_needs_no_other_library() {
    let needed = elf::needed(&artifacts().so);
    assert!(needed.is_empty(), "librpc_constants.so has NEEDED entries: {needed:?}");
}

#[test]
fn nothing_runs_when_the_library_is_loaded() {
    let entries = elf::dynamic_entries(&artifacts().so);
    assert!(!entries.is_empty(), "no dynamic section read");
    for (tag, name) in [
        (DT_INIT, "INIT"),
        (DT_FINI, "FINI"),
        (DT_INIT_ARRAY, "INIT_ARRAY"),
        (DT_FINI_ARRAY, "FINI_ARRAY"),
        (DT_PREINIT_ARRAY, "PREINIT_ARRAY"),
    ] {
        assert!(!entries.iter().any(|(t, _, _)| *t == tag.0), "the library has a DT_{name} entry");
    }
}

/// cargo-c's rule: 0.0.z breaks on every release, 0.y.z is compatible within 0.y, and from 1.0
/// on within the major version.
#[test]
fn soname_follows_the_cargo_c_rule() {
    let (major, minor, patch) =
        (env!("CARGO_PKG_VERSION_MAJOR"), env!("CARGO_PKG_VERSION_MINOR"), env!("CARGO_PKG_VERSION_PATCH"));
    let expected = match (major, minor) {
        ("0", "0") => format!("librpc_constants.so.0.0.{patch}"),
        ("0", _) => format!("librpc_constants.so.0.{minor}"),
        _ => format!("librpc_constants.so.{major}"),
    };
    assert_eq!(elf::soname(&artifacts().so).as_deref(), Some(expected.as_str()));
}

#[test]
fn every_exported_constant_lives_in_read_only_data() {
    let data = elf::read(&artifacts().so);
    let file = object::File::parse(&*data).unwrap();
    let mut constants = 0;
    for symbol in file.dynamic_symbols().filter(|s| s.is_definition() && s.kind() == object::SymbolKind::Data)
    {
        let section = file.section_by_index(symbol.section_index().unwrap()).unwrap();
        let SectionFlags::Elf { sh_flags, .. } = section.flags() else { panic!("not ELF flags") };
        let writable = sh_flags.0 & object::elf::SHF_WRITE.0 != 0;
        assert!(
            !writable && section.name().unwrap().starts_with(".rodata"),
            "{} is in {} (writable: {writable})",
            symbol.name().unwrap(),
            section.name().unwrap()
        );
        constants += 1;
    }
    let header = std::fs::read_to_string(artifacts().include.join("rpc_constants.h")).unwrap();
    let declared = header.lines().filter(|l| l.starts_with("RPC_CONSTANTS_DATA extern const ")).count();
    assert_eq!(
        constants, declared,
        "exported data symbols vs `RPC_CONSTANTS_DATA extern const` declarations in the header"
    );
}

fn dynamic_value(tag: object::elf::DynamicTag) -> Option<u64> {
    elf::dynamic_entries(&artifacts().so).into_iter().find(|(t, _, _)| *t == tag.0).map(|(_, v, _)| v)
}

#[test]
fn every_symbol_is_bound_at_load_time() {
    let flags = dynamic_value(object::elf::DT_FLAGS).unwrap_or(0);
    let flags_1 = dynamic_value(object::elf::DT_FLAGS_1).unwrap_or(0);
    assert!(flags & object::elf::DF_BIND_NOW.0 != 0, "DT_FLAGS lacks BIND_NOW: {flags:#x}");
    assert!(flags_1 & object::elf::DF_1_NOW.0 != 0, "DT_FLAGS_1 lacks NOW: {flags_1:#x}");
}

#[test]
fn relocated_data_is_made_read_only_after_loading() {
    let segments = elf::segments(&artifacts().so);
    assert!(segments.iter().any(|(t, _)| *t == object::elf::PT_GNU_RELRO.0), "no PT_GNU_RELRO segment");
}

#[test]
fn the_stack_is_not_executable() {
    let segments = elf::segments(&artifacts().so);
    let stack = segments.iter().find(|(t, _)| *t == object::elf::PT_GNU_STACK.0).expect("no PT_GNU_STACK");
    assert_eq!(stack.1 & object::elf::PF_X.0, 0, "PT_GNU_STACK is executable");
}

#[test]
fn there_are_no_text_relocations() {
    assert!(dynamic_value(object::elf::DT_TEXTREL).is_none(), "DT_TEXTREL present");
    let flags = dynamic_value(object::elf::DT_FLAGS).unwrap_or(0);
    assert_eq!(flags & object::elf::DF_TEXTREL.0, 0, "DF_TEXTREL set");
    for (t, f) in elf::segments(&artifacts().so) {
        let writable_code = f & object::elf::PF_X.0 != 0 && f & object::elf::PF_W.0 != 0;
        assert!(
            !(t == object::elf::PT_LOAD.0 && writable_code),
            "a loadable segment is writable and executable"
        );
    }
}
