//! How the library is linked: the cfg of an unoptimised development build, and for an ELF target
//! the shared library's link arguments (its SONAME, `-z defs` for the panic-freedom guard, the
//! linker script that drops unwind tables) and the SONAME's link in the profile directory; and
//! what single targets need beyond that (32-bit Arm, mingw-w64; tools/cross/run.sh tests them all).

use crate::spec::soname;
use std::path::Path;
use std::{env, fs};

pub fn configure(out_dir: &Path) {
    println!("cargo::rustc-check-cfg=cfg(rpc_unoptimized)");
    if unoptimized() {
        // lib.rs: a development build keeps its checks and traps on a panic (see link_args).
        println!("cargo:rustc-cfg=rpc_unoptimized");
    }
    if is_elf_target() {
        let soname = soname();
        link_args(out_dir, &soname);
        soname_link(out_dir, &soname);
    }
    per_target_link_args(out_dir);
}

/// The link arguments below are GNU ld / lld options for ELF shared objects. mingw-w64 gets its
/// own (per_target_link_args); another target (macOS, MSVC) gets a plain cdylib, untested.
fn is_elf_target() -> bool {
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    matches!(os.as_str(), "linux" | "android" | "freebsd" | "netbsd" | "openbsd" | "dragonfly" | "illumos")
        && env != "msvc"
}

fn unoptimized() -> bool {
    env::var("OPT_LEVEL").as_deref() == Ok("0")
}

/// cargo-c's SONAME rule (src/spec/soname.rs) applied to this crate's version.
pub fn soname() -> String {
    let parts: Vec<u64> = ["MAJOR", "MINOR", "PATCH"]
        .iter()
        .map(|p| env::var(format!("CARGO_PKG_VERSION_{p}")).unwrap().parse().unwrap())
        .collect();
    let line = &parts[..soname::abi_components(parts[0], parts[1])];
    format!("librpc_constants.so.{}", line.iter().map(u64::to_string).collect::<Vec<_>>().join("."))
}

/// Gives the profile directory (`target/release`) the link a program linked there looks for at
/// run time: `librpc_constants.so.0.1 -> librpc_constants.so`. It dangles until cargo links the
/// library a moment later. Never fails the build: a build tree without it only misses a
/// convenience.
fn soname_link(out_dir: &Path, soname: &str) {
    // OUT_DIR is <profile dir>/build/<package>-<hash>/out.
    let Some(profile_dir) = out_dir.ancestors().nth(3) else { return };
    let link = profile_dir.join(soname);
    if fs::read_link(&link).is_ok_and(|target| target == Path::new("librpc_constants.so")) {
        return;
    }
    let _ = fs::remove_file(&link);
    #[cfg(unix)]
    if let Err(e) = std::os::unix::fs::symlink("librpc_constants.so", &link) {
        println!("cargo:warning=cannot create {} ({e})", link.display());
    }
}

/// Link arguments for the shared library only (the static archive is never linked by us).
fn link_args(out_dir: &Path, soname: &str) {
    // An unoptimised development build calls memcpy/memset and names the unwinding personality;
    // it links libc and gets lib.rs's stand-ins. Optimised builds need neither, and `-z defs`
    // below proves it.
    if unoptimized() {
        println!("cargo:rustc-cdylib-link-arg=-lc");
    }
    // The library never unwinds: panic=abort, no callbacks, no call that leaves the library. Its
    // unwind tables (about 700 bytes, a tenth of the file) describe frames no
    // exception can cross, so the linker drops them.
    let script = out_dir.join("discard-unwind-tables.ld");
    fs::write(&script, "SECTIONS { /DISCARD/ : { *(.eh_frame) *(.comment) } } INSERT AFTER .text;\n")
        .expect("cannot write the linker script");
    for arg in [
        // No crt start files: no _init/_fini, no init/fini arrays; nothing runs at dlopen.
        // (On 32-bit Arm see per_target_link_args.)
        "-nostartfiles".to_string(),
        format!("-Wl,-soname,{soname}"),
        // Any reference left unresolved (a surviving panic path calls an undefined symbol, see
        // lib.rs) fails the link instead of the program that loads us.
        "-Wl,-z,defs".to_string(),
        "-Wl,-z,relro,-z,now".to_string(),
        "-Wl,-z,noexecstack".to_string(),
        // Every reference the library makes to its own symbols binds to its own definitions, so
        // a copy loaded beside another (another release in the global scope, this one
        // RTLD_LOCAL) returns its own strings and table entries. rustc's own version script
        // rules out symbol versioning (the linker honours only the first script).
        "-Wl,-Bsymbolic".to_string(),
        // One read-only segment instead of page-padded separate ones: ~3 KiB instead of ~14 KiB.
        "-Wl,-z,noseparate-code".to_string(),
        "-Wl,--hash-style=gnu".to_string(),
        format!("-Wl,-T,{}", script.display()),
        "-Wl,--no-eh-frame-hdr".to_string(),
    ] {
        println!("cargo:rustc-cdylib-link-arg={arg}");
    }
}

/// What one target's linker needs beyond (or instead of) the ELF arguments of link_args, kept
/// in one place so that each target's exception reads as a unit.
fn per_target_link_args(out_dir: &Path) {
    let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let target_env = env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let mut args: Vec<String> = Vec::new();
    if is_elf_target() && arch == "arm" {
        // 32-bit Arm (armv7-unknown-linux-gnueabihf), three fixes:
        // 1. GNU ld takes the output's EABI version from the first object it reads: rustc's
        //    generated symbols.o, which has none (e_flags 0), so every real (EABI 5) object is
        //    rejected. The crt start files would come first and fix that, but they bring
        //    _init/_fini and init arrays. Instead an empty EABI 5 object, written here, is made
        //    the first input (STARTUP, in a second -T script).
        // 2. The unwind index (.ARM.exidx, .ARM.extab) names __aeabi_unwind_cpp_pr0 and
        //    rust_eh_personality, which exist nowhere without libgcc_s: as with .eh_frame, nothing
        //    unwinds, so the tables are dropped (as link_args drops .eh_frame).
        // 3. LLVM calls memset for zeroed stack buffers here (x86_64 inlines them), and
        //    compiler_builtins has no memset on a target with a libc: libc provides it, so this
        //    library needs libc.so.6 (its only NEEDED entry) on armv7.
        let marker = out_dir.join("eabi5-marker.o");
        fs::write(&marker, arm_eabi5_object()).expect("cannot write the EABI 5 marker object");
        let startup = out_dir.join("eabi5-startup.ld");
        // A script that only adds to ld's default one (INSERT), like link_args's.
        let script = format!(
            "STARTUP({})\nSECTIONS {{ /DISCARD/ : {{ *(.ARM.exidx*) *(.ARM.extab*) }} }} INSERT AFTER .text;\n",
            marker.display()
        );
        fs::write(&startup, script).expect("cannot write eabi5-startup.ld");
        args.push(format!("-Wl,-T,{}", startup.display()));
        // The dropped entries' references would still leave these names undefined in the
        // dynamic symbol table: rust_eh_personality is defined (hidden) in src/arm_personality.rs;
        // the unwinder's routine gets an unused address (local, like every symbol not exported).
        args.push("-Wl,--defsym=__aeabi_unwind_cpp_pr0=0".into());
        args.push("-lc".into());
    }
    if os == "windows" && target_env == "gnu" {
        // x86_64-pc-windows-gnu (mingw-w64 ld, PE/COFF):
        // - Every function has a .pdata unwind entry and ld keeps whatever .pdata names, so
        //   --gc-sections never drops the panic handler, and its call to the undefined guard
        //   symbol (lib.rs) fails every link, panic or not. The DLL resolves that symbol to the
        //   image's own header, which is not executable: were the handler ever reached, it would
        //   fault. The proof the guard gives on ELF is made for this target by tools/cross/run.sh: a
        //   program that uses every exported symbol links against the static archive, whose
        //   members the linker pulls only as they are referenced, so the handler's member (and
        //   the undefined symbol) is pulled only if some exported function can reach a panic.
        // - No mingw start files and no entry point: the DLL has no DllMain, runs nothing when
        //   it is loaded and imports nothing (not even KERNEL32.dll or msvcrt.dll).
        for arg in [
            "-Wl,--defsym=rpc_constants_found_a_reachable_panic=__ImageBase",
            "-nostartfiles",
            "-Wl,--entry=0",
        ] {
            args.push(arg.into());
        }
    }
    for arg in args {
        println!("cargo:rustc-cdylib-link-arg={arg}");
    }
}

/// An empty ELF32 little-endian relocatable object for Arm with EABI version 5 in e_flags: no
/// code, no data, only the section-name table (the same as `as` makes of an empty file with its
/// sections removed).
fn arm_eabi5_object() -> Vec<u8> {
    const EHSIZE: u16 = 52;
    const SHENTSIZE: u16 = 40;
    let names = b"\0.shstrtab\0";
    let shoff = (usize::from(EHSIZE) + names.len()).next_multiple_of(4);
    let mut o = Vec::new();
    o.extend_from_slice(b"\x7fELF\x01\x01\x01"); // ELFCLASS32, ELFDATA2LSB, EV_CURRENT
    o.resize(16, 0);
    o.extend_from_slice(&1u16.to_le_bytes()); // ET_REL
    o.extend_from_slice(&40u16.to_le_bytes()); // EM_ARM
    o.extend_from_slice(&1u32.to_le_bytes()); // EV_CURRENT
    o.extend_from_slice(&[0; 8]); // e_entry, e_phoff
    o.extend_from_slice(&(shoff as u32).to_le_bytes());
    o.extend_from_slice(&0x0500_0000u32.to_le_bytes()); // EF_ARM_EABI_VER5
    for half in [EHSIZE, 0, 0, SHENTSIZE, 2, 1] {
        // e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx
        o.extend_from_slice(&half.to_le_bytes());
    }
    o.extend_from_slice(names);
    // Padding, then the null section header, then .shstrtab's: name 1, SHT_STRTAB, no flags,
    // address 0, its offset and size, alignment 1.
    o.resize(shoff + usize::from(SHENTSIZE), 0);
    for word in [1, 3, 0, 0, u32::from(EHSIZE), names.len() as u32, 0, 0, 1, 0] {
        o.extend_from_slice(&word.to_le_bytes());
    }
    o
}
