//! `cargo bench`: this library side by side with a hand-written C library of the same symbols
//! (bench/reference.c). Reports, never asserts: prints a table and writes target/bench/report.md.

use object::read::elf::{ElfFile64, ProgramHeader as _};
use object::{Endianness, Object as _, ObjectSection as _, ObjectSymbol as _};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const ROUNDS: usize = 9;
const LOAD_CYCLES: &str = "2000";
const CALLS: &str = "50000000";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sh(command: &mut Command) -> String {
    let out = command.output().unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(out.status.success(), "{command:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn cc() -> String {
    std::env::var("CC").unwrap_or_else(|_| "cc".into())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn stripped_size(path: &Path, out: &Path) -> u64 {
    sh(Command::new("strip").arg("-o").arg(out).arg(path));
    std::fs::metadata(out).unwrap().len()
}

/// 4 KiB pages covered by the PT_LOAD segments.
fn pages_mapped(path: &Path) -> usize {
    let data = std::fs::read(path).unwrap();
    let elf = ElfFile64::<Endianness>::parse(&*data).unwrap();
    let e = elf.endian();
    let mut pages = std::collections::BTreeSet::new();
    for p in elf.elf_program_headers() {
        if p.p_type(e).0 == object::elf::PT_LOAD.0 {
            let (start, end) = (p.p_vaddr(e) / 4096, (p.p_vaddr(e) + p.p_memsz(e)).div_ceil(4096));
            pages.extend(start..end);
        }
    }
    pages.len()
}

/// Bytes of all sections loaded at run time.
fn loaded_bytes(path: &Path) -> u64 {
    let data = std::fs::read(path).unwrap();
    let file = object::File::parse(&*data).unwrap();
    file.sections()
        .filter(|s| matches!(s.flags(), object::SectionFlags::Elf { sh_flags, .. } if sh_flags.0 & object::elf::SHF_ALLOC.0 != 0))
        .map(|s| s.size())
        .sum()
}

/// (name, instructions) of every exported getter, from objdump's disassembly of its bytes.
fn getter_instructions(so: &Path) -> Vec<(String, Vec<String>)> {
    let data = std::fs::read(so).unwrap();
    let file = object::File::parse(&*data).unwrap();
    let mut getters: Vec<(String, u64, u64)> = file
        .dynamic_symbols()
        .filter(|s| s.name().is_ok_and(|n| n.starts_with("rpc_get_")))
        .map(|s| (s.name().unwrap().to_string(), s.address(), s.size()))
        .collect();
    getters.sort();
    getters
        .into_iter()
        .map(|(name, addr, size)| {
            let text = sh(Command::new("objdump")
                .args(["-d", "--no-show-raw-insn", "-M", "intel"])
                .arg(format!("--start-address={addr:#x}"))
                .arg(format!("--stop-address={:#x}", addr + size))
                .arg(so));
            let insns = text
                .lines()
                .filter_map(|l| l.split_once(":\t").map(|(_, i)| i.trim().to_string()))
                .filter(|i| !i.is_empty())
                .collect();
            (name, insns)
        })
        .collect()
}

fn main() {
    // `cargo bench` passes --bench; nothing else to parse.
    let root = root();
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out).unwrap();

    // 1. Clean release build of this crate (cbindgen and its dependencies included).
    let clean = out.join("clean-build");
    let _ = std::fs::remove_dir_all(&clean);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let started = Instant::now();
    sh(Command::new(&cargo)
        .args(["build", "--release", "--quiet", "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&clean));
    let build_seconds = started.elapsed().as_secs_f64();
    let ours = clean.join("release/librpc_constants.so");
    let ours_a = clean.join("release/librpc_constants.a");

    // 2. The hand-written C reference, shared and static.
    let include = format!("-I{}", root.join("include").display());
    let reference = out.join("libreference.so");
    sh(Command::new(cc())
        .args(["-O2", "-fPIC", "-shared", "-Wl,-z,relro,-z,now", &include])
        .arg(root.join("bench/reference.c"))
        .arg("-o")
        .arg(&reference));
    let reference_o = out.join("reference.o");
    sh(Command::new(cc())
        .args(["-O2", "-fPIC", "-c", &include])
        .arg(root.join("bench/reference.c"))
        .arg("-o")
        .arg(&reference_o));
    let reference_a = out.join("libreference.a");
    let _ = std::fs::remove_file(&reference_a);
    sh(Command::new("ar").arg("rcs").arg(&reference_a).arg(&reference_o));
    let driver = out.join("load");
    sh(Command::new(cc())
        .args(["-O2", &format!("-I{}", root.join("tests/c").display())])
        .arg(root.join("bench/load.c"))
        .arg("-ldl")
        .arg("-o")
        .arg(&driver));

    // 3. Size.
    let ours_stripped = out.join("librpc_constants.stripped.so");
    let reference_stripped = out.join("libreference.stripped.so");
    let ours_size = stripped_size(&ours, &ours_stripped);
    let reference_size = stripped_size(&reference, &reference_stripped);
    let (ours_pages, reference_pages) = (pages_mapped(&ours_stripped), pages_mapped(&reference_stripped));

    // 4. dlopen + dlsym everything + dlclose, the two libraries alternating.
    let time = |lib: &Path, mode: &str, count: &str| -> f64 {
        sh(Command::new(&driver).arg(lib).arg(mode).arg(count)).trim().parse().unwrap()
    };
    let (mut ours_load, mut reference_load, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let a = time(&ours_stripped, "load", LOAD_CYCLES);
        let b = time(&reference_stripped, "load", LOAD_CYCLES);
        ours_load.push(a);
        reference_load.push(b);
        ratios.push(a / b);
    }
    let (mut ours_call, mut reference_call) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        ours_call.push(time(&ours_stripped, "call", CALLS));
        reference_call.push(time(&reference_stripped, "call", CALLS));
    }

    // 5. What static linking adds to a program that reads one constant.
    let program = root.join("bench/one_constant.c");
    let link = |name: &str, flags: &[&str], archive: Option<&Path>| -> u64 {
        let exe = out.join(name);
        sh(Command::new(cc())
            .args(["-O2", &include])
            .args(flags)
            .arg(&program)
            .args(archive)
            .arg("-o")
            .arg(&exe));
        loaded_bytes(&exe)
    };
    let mut static_rows = Vec::new();
    for (label, gc) in [("default link", &[][..]), ("-Wl,--gc-sections", &["-Wl,--gc-sections"][..])] {
        let baseline = link("one-baseline", &[&["-DBASELINE"][..], gc].concat(), None);
        let with_ours = link("one-ours", gc, Some(&ours_a));
        let with_reference = link("one-reference", gc, Some(&reference_a));
        static_rows.push((
            label,
            with_ours as i64 - baseline as i64,
            with_reference as i64 - baseline as i64,
        ));
    }

    // 6. The getters, instruction by instruction.
    let getters = getter_instructions(&ours_stripped);
    let longest = getters.iter().map(|(_, i)| i.len()).max().unwrap_or(0);

    // Report.
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap().trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let kib = |b: u64| format!("{b} B ({:.1} KiB)", b as f64 / 1024.0);
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    let load_ratio = median(ratios.clone());
    let mut r = String::new();
    writeln!(r, "Machine: {cpu}, {cores} cores; {} round(s) alternating; `cargo bench` to rerun.\n", ROUNDS)
        .unwrap();
    writeln!(r, "| measure | rpc_constants | C reference | target | |").unwrap();
    writeln!(r, "|---|---|---|---|---|").unwrap();
    writeln!(
        r,
        "| stripped .so size | {} | {} | ≤ 8 KiB | {} |",
        kib(ours_size),
        kib(reference_size),
        verdict(ours_size <= 8192)
    )
    .unwrap();
    writeln!(r, "| pages mapped (PT_LOAD, 4 KiB) | {ours_pages} | {reference_pages} | | |").unwrap();
    writeln!(
        r,
        "| dlopen + dlsym ×28 + dlclose (median ns) | {:.0} | {:.0} | ratio ≤ 0.85 | {} |",
        median(ours_load.clone()),
        median(reference_load.clone()),
        verdict(load_ratio <= 0.85)
    )
    .unwrap();
    writeln!(
        r,
        "| load-cycle ratio (median of per-round ratios) | {load_ratio:.2}× | 1.00× | ≤ 0.85× | {} |",
        verdict(load_ratio <= 0.85)
    )
    .unwrap();
    writeln!(
        r,
        "| getter call via function pointer (median ns) | {:.2} | {:.2} | | |",
        median(ours_call),
        median(reference_call)
    )
    .unwrap();
    writeln!(r, "| longest getter (instructions) | {longest} | | ≤ 2 | {} |", verdict(longest <= 2)).unwrap();
    for (label, ours_added, reference_added) in &static_rows {
        writeln!(
            r,
            "| bytes static linking adds, {label} | {ours_added} | {reference_added} | ≤ 256 | {} |",
            verdict(*ours_added <= 256)
        )
        .unwrap();
    }
    writeln!(
        r,
        "| clean release build (s) | {build_seconds:.1} | | ≤ 40 | {} |",
        verdict(build_seconds <= 40.0)
    )
    .unwrap();
    writeln!(
        r,
        "\nLoad-cycle rounds (ns, ours / reference): {}",
        ours_load
            .iter()
            .zip(&reference_load)
            .map(|(a, b)| format!("{a:.0}/{b:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .unwrap();
    writeln!(r, "\nGetters (disassembly of the stripped library):\n").unwrap();
    for (name, insns) in &getters {
        writeln!(r, "- `{name}`: `{}`", insns.join("; ")).unwrap();
    }
    println!("{r}");
    std::fs::write(out.join("report.md"), &r).unwrap();
    println!("written to {}", out.join("report.md").display());
}
