//! How the library is linked: the cfg of an unoptimised development build, and for an ELF target
//! the shared library's link arguments (its SONAME, `-z defs` for the panic-freedom guard, the
//! linker script that drops unwind tables) and the SONAME's link in the profile directory.

use crate::soname;
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
}

/// The link arguments below are GNU ld / lld options for ELF shared objects. Another target
/// (macOS, Windows) gets a plain cdylib: untested, but it builds instead of failing to link.
fn is_elf_target() -> bool {
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    matches!(os.as_str(), "linux" | "android" | "freebsd" | "netbsd" | "openbsd" | "dragonfly" | "illumos")
        && env != "msvc"
}

fn unoptimized() -> bool {
    env::var("OPT_LEVEL").as_deref() == Ok("0")
}

/// cargo-c's SONAME rule (src/soname.rs) applied to this crate's version.
fn soname() -> String {
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
    // The library never unwinds: panic=abort, no callbacks, every function a leaf that calls
    // nothing. Its unwind tables (about 700 bytes, a tenth of the file) describe frames no
    // exception can cross, so the linker drops them.
    let script = out_dir.join("discard-unwind-tables.ld");
    fs::write(&script, "SECTIONS { /DISCARD/ : { *(.eh_frame) *(.comment) } } INSERT AFTER .text;\n")
        .expect("cannot write the linker script");
    for arg in [
        // No crt start files: no _init/_fini, no init/fini arrays; nothing runs at dlopen.
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
