//! The fuzz targets' committed corpus (tools/fuzz/corpus/<target>/: the seeds, and every finding kept
//! as a regression case) replayed against the release static library, each target built with
//! tools/fuzz/replay.cpp instead of libFuzzer. `make fuzz` does the fuzzing (docs/testing.md).

use crate::support::{artifacts, compile, run_stdout, scratch, source, Compiler};
use std::path::PathBuf;
use std::process::Command;

#[test]
fn every_fuzz_target_agrees_with_pytorch_on_its_committed_corpus() {
    let art = artifacts();
    let dir = scratch("fuzz-replay");
    let compiler =
        Compiler { command: crate::support::required_tool("g++", "the fuzz corpus replay"), cpp: true };
    let mut targets: Vec<PathBuf> =
        std::fs::read_dir(source("tools/fuzz/targets")).unwrap().map(|e| e.unwrap().path()).collect();
    targets.sort();
    assert!(targets.len() >= 12, "tools/fuzz/targets has {} targets", targets.len());
    // Built and run side by side: nine C++ compiles are most of this test's time.
    let replayed: Vec<String> = std::thread::scope(|scope| {
        let jobs: Vec<_> = targets
            .into_iter()
            .map(|target| {
                let (dir, compiler) = (&dir, &compiler);
                scope.spawn(move || {
                    let name = target.file_stem().unwrap().to_str().unwrap().to_string();
                    let corpus = source(&format!("tools/fuzz/corpus/{name}"));
                    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&corpus)
                        .unwrap_or_else(|e| {
                            panic!("{name} has no committed corpus ({}): {e}", corpus.display())
                        })
                        .map(|e| e.unwrap().path())
                        .collect();
                    inputs.sort();
                    assert!(!inputs.is_empty(), "{name}: empty corpus");
                    let exe = dir.join(&name);
                    let flags: Vec<String> = ["-std=c++17", "-O1", "-Wall", "-Wextra", "-Werror"]
                        .iter()
                        .map(|s| s.to_string())
                        .chain([format!("-I{}", art.include.display())])
                        .collect();
                    let sources = [target, source("tools/fuzz/replay.cpp")];
                    compile(compiler, &flags, &sources, &[art.a.display().to_string()], &exe);
                    let out = run_stdout(Command::new(&exe).args(&inputs));
                    assert_eq!(out, format!("replay: {} inputs\n", inputs.len()), "{name}");
                    format!("{name} {}", inputs.len())
                })
            })
            .collect();
        jobs.into_iter().map(|job| job.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    println!("replayed: {}", replayed.join(", "));
}
