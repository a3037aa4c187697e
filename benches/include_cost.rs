//! `cargo bench --bench include_cost`: what including each header costs a translation unit, in
//! ms of `-fsyntax-only` over an empty TU, and as a ratio to `<chrono>` alone (which
//! rpc_constants.hpp needs). Reports, never asserts: prints a table and writes
//! target/bench/include-cost.md. Set RPC_CONSTANTS_INCLUDE_BASELINE to a directory holding an
//! older rpc_constants.hpp (and .h) to add its row.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const RUNS: usize = 15;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn available(compiler: &str) -> bool {
    Command::new(compiler).arg("--version").output().is_ok_and(|o| o.status.success())
}

/// Wall time of one syntax-only compile of `tu`, in ms.
fn time(compiler: &str, std: &str, include: &Path, tu: &Path) -> f64 {
    let started = Instant::now();
    let out = Command::new(compiler)
        .args([&format!("-std={std}"), "-fsyntax-only", "-x", "c++"])
        .arg(format!("-I{}", include.display()))
        .arg(tu)
        .output()
        .unwrap();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    assert!(out.status.success(), "{compiler} {}: {}", tu.display(), String::from_utf8_lossy(&out.stderr));
    ms
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out).unwrap();
    let include = root.join("include");
    let baseline = std::env::var_os("RPC_CONSTANTS_INCLUDE_BASELINE").map(PathBuf::from);
    let mut tus: Vec<(String, String, PathBuf)> = vec![
        ("empty TU".into(), String::new(), include.clone()),
        ("<chrono>".into(), "#include <chrono>\n".into(), include.clone()),
        ("<string>".into(), "#include <string>\n".into(), include.clone()),
        ("rpc_constants.h".into(), "#include <rpc_constants.h>\n".into(), include.clone()),
        ("rpc_constants.hpp".into(), "#include <rpc_constants.hpp>\n".into(), include.clone()),
    ];
    if let Some(dir) = &baseline {
        tus.push((
            format!("rpc_constants.hpp ({})", dir.display()),
            "#include <rpc_constants.hpp>\n".into(),
            dir.clone(),
        ));
    }
    let mut r = String::new();
    writeln!(r, "Include cost: median of {RUNS} `-fsyntax-only` compiles (round-robin), minus the empty TU's; ratio to `<chrono>`'s cost.\n").unwrap();
    writeln!(r, "| compiler | standard | TU | ms (total) | ms over empty | ratio to <chrono> |").unwrap();
    writeln!(r, "|---|---|---|---|---|---|").unwrap();
    for compiler in ["g++", "clang++"] {
        if !available(compiler) {
            writeln!(r, "| {compiler} | | not installed | | | |").unwrap();
            continue;
        }
        for std in ["c++17", "c++20"] {
            let paths: Vec<PathBuf> = tus
                .iter()
                .enumerate()
                .map(|(i, (_, text, _))| {
                    let tu = out.join(format!("include-cost-{i}.cpp"));
                    std::fs::write(&tu, format!("{text}int include_cost_tu;\n")).unwrap();
                    tu
                })
                .collect();
            // Round-robin, so that the machine's drift touches every TU alike; then medians.
            let mut samples = vec![Vec::new(); tus.len()];
            for _ in 0..RUNS {
                for (i, (_, _, inc)) in tus.iter().enumerate() {
                    samples[i].push(time(compiler, std, inc, &paths[i]));
                }
            }
            let times: Vec<f64> = samples.into_iter().map(median).collect();
            let (empty, chrono) = (times[0], times[1] - times[0]);
            for ((label, _, _), t) in tus.iter().zip(&times) {
                let over = t - empty;
                let ratio = if label == "empty TU" { String::new() } else { format!("{:.2}", over / chrono) };
                writeln!(r, "| {compiler} | {std} | {label} | {t:.0} | {over:.0} | {ratio} |").unwrap();
            }
        }
    }
    println!("{r}");
    std::fs::write(out.join("include-cost.md"), &r).unwrap();
    println!("written to {}", out.join("include-cost.md").display());
}
