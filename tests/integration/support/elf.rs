//! ELF facts read with the `object` crate (not by grepping tool output).

use object::elf::{DynamicTag, DT_NEEDED, DT_SONAME};
use object::read::elf::{Dyn as _, ElfFile64, FileHeader as _, SectionHeader as _};
use object::{Endianness, Object as _, ObjectSymbol as _};
use std::path::Path;

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every entry of the dynamic section as (tag, value, the string it names if it names one).
pub fn dynamic_entries(path: &Path) -> Vec<(i64, u64, Option<String>)> {
    let data = read(path);
    let elf = ElfFile64::<Endianness>::parse(&*data).expect("not a 64-bit ELF file");
    let endian = elf.endian();
    let sections = elf.elf_header().sections(endian, &*data).unwrap();
    let mut found = Vec::new();
    for section in sections.iter() {
        if let Some((entries, link)) = section.dynamic(endian, &*data).unwrap() {
            let strings = sections.strings(endian, &*data, link).unwrap();
            for d in entries {
                let tag = d.d_tag(endian).0;
                if tag == 0 {
                    break;
                }
                let named = (tag == DT_NEEDED.0 || tag == DT_SONAME.0)
                    .then(|| String::from_utf8_lossy(d.string(endian, strings).unwrap()).into_owned());
                found.push((tag, d.d_val(endian), named));
            }
        }
    }
    found
}

fn named(path: &Path, wanted: DynamicTag) -> Vec<String> {
    dynamic_entries(path)
        .into_iter()
        .filter(|(tag, _, _)| *tag == wanted.0)
        .filter_map(|(_, _, name)| name)
        .collect()
}

pub fn soname(path: &Path) -> Option<String> {
    named(path, DT_SONAME).into_iter().next()
}

pub fn needed(path: &Path) -> Vec<String> {
    named(path, DT_NEEDED)
}

/// Names of the symbols the file defines and exports dynamically, sorted.
pub fn exported_symbols(path: &Path) -> Vec<String> {
    let data = read(path);
    let file = object::File::parse(&*data).expect("not an object file");
    let mut names: Vec<String> = file
        .dynamic_symbols()
        .filter(|s| s.is_definition() && s.is_global())
        .map(|s| s.name().unwrap().to_string())
        .collect();
    names.sort();
    names
}

/// (p_type, p_flags) of every program header.
pub fn segments(path: &Path) -> Vec<(u32, u32)> {
    use object::read::elf::ProgramHeader as _;
    let data = read(path);
    let elf = ElfFile64::<Endianness>::parse(&*data).expect("not a 64-bit ELF file");
    let endian = elf.endian();
    elf.elf_program_headers().iter().map(|p| (p.p_type(endian).0, p.p_flags(endian).0)).collect()
}
