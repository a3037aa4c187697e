//! The C snippets of README.md and docs/ are the files under examples/, verbatim; the README's
//! are compiled and run the way it says.

use crate::support::docs::documents;
use crate::support::{
    artifacts, c_compiler, c_flags, compile, run_stdout, scratch, shared_link_args, source, strings,
};
use std::path::PathBuf;
use std::process::Command;

/// (path, code) of every `<!-- KIND: PATH -->` block in README.md and docs/.
fn readme_blocks(kind: &str) -> Vec<(String, String)> {
    let marker = format!("<!-- {kind}: ");
    let mut found = Vec::new();
    for (_, text) in documents() {
        let mut rest = text.as_str();
        while let Some(at) = rest.find(&marker) {
            rest = &rest[at + marker.len()..];
            let path = rest[..rest.find(" -->").unwrap()].to_string();
            let open = rest.find("```").unwrap();
            let body_start = open + rest[open..].find('\n').unwrap() + 1;
            let body_end = body_start + rest[body_start..].find("```").unwrap();
            found.push((path, rest[body_start..body_end].to_string()));
            rest = &rest[body_end..];
        }
    }
    found
}

fn readme_examples() -> Vec<(String, String)> {
    readme_blocks("example")
}

/// `<!-- excerpt: PATH -->` blocks are a run of PATH's lines (indentation aside).
#[test]
fn readme_excerpts_appear_in_their_files() {
    let excerpts = readme_blocks("excerpt");
    assert!(!excerpts.is_empty());
    for (path, code) in excerpts {
        let file = std::fs::read_to_string(source(&path)).unwrap();
        let file_lines: Vec<&str> = file.lines().map(str::trim).collect();
        let want: Vec<&str> = code.lines().map(str::trim).collect();
        assert!(
            file_lines.windows(want.len()).any(|w| w == want.as_slice()),
            "README excerpt not in {path}:\n{code}"
        );
    }
}

#[test]
fn readme_snippets_are_the_example_files_verbatim() {
    let examples = readme_examples();
    for (path, code) in &examples {
        let file = std::fs::read_to_string(source(path)).unwrap_or_else(|_| panic!("README names {path}"));
        assert_eq!(&file, code, "README snippet differs from {path}");
    }
    // Each snippet is shown once; every file in examples/readme/ is shown or named in the docs.
    let mut shown: Vec<&str> = examples.iter().map(|(p, _)| p.as_str()).collect();
    shown.sort();
    let before = shown.len();
    shown.dedup();
    assert_eq!(before, shown.len(), "a snippet is shown twice");
    let all: String = documents().into_iter().map(|(_, t)| t).collect();
    for entry in std::fs::read_dir(source("examples/readme")).unwrap() {
        let path = format!("examples/readme/{}", entry.unwrap().file_name().to_string_lossy());
        assert!(
            all.contains(&format!("`{path}`")) || shown.contains(&path.as_str()),
            "no document names {path}"
        );
    }
}

fn flags() -> Vec<String> {
    c_flags("c11", &[])
}

fn example(name: &str) -> Vec<PathBuf> {
    vec![source(&format!("examples/readme/{name}"))]
}

#[test]
fn readme_shared_static_header_only_and_dlopen_snippets_run() {
    let art = artifacts();
    let cc = c_compiler();
    let dir = scratch("readme");

    let shared = dir.join("agent-shared");
    compile(&cc, &flags(), &example("agent.c"), &shared_link_args(art), &shared);
    let expected = "rpc_timeout=60.0 s, init_method=env://, threads=16\n";
    assert_eq!(run_stdout(&mut Command::new(&shared)), expected);

    let fully_static = dir.join("agent-static");
    compile(&cc, &flags(), &example("agent.c"), &[art.a.display().to_string()], &fully_static);
    assert_eq!(run_stdout(&mut Command::new(&fully_static)), expected);

    let header_only = dir.join("header-only");
    compile(&cc, &flags(), &example("header_only.c"), &[], &header_only);
    assert_eq!(run_stdout(&mut Command::new(&header_only)), "60.0 s, 16 threads, env://\n");

    let resolve = dir.join("resolve");
    compile(&cc, &flags(), &example("resolve.c"), &shared_link_args(art), &resolve);
    assert_eq!(
        run_stdout(&mut Command::new(&resolve)),
        "RPCErr:1:RPC ran for more than set timeout (60000 ms) and will now be marked with an error\n\
         -5 s: fails at once: RPC ran for more than set timeout (-5000 ms) and will now be marked with an error\n"
    );

    let cpp = dir.join("agent-cpp");
    let cxx = crate::support::matrix_compilers("README C++ snippet").into_iter().find(|c| c.cpp).unwrap();
    compile(&cxx, &c_flags("c++17", &[]), &example("agent.cpp"), &shared_link_args(art), &cpp);
    assert_eq!(
        run_stdout(&mut Command::new(&cpp)),
        "env://, 16 threads, per call 60000 ms, -5 s: -5000 ms, expires at once\n\
         RPCErr:1:RPC ran for more than set timeout (60000 ms) and will now be marked with an error\n"
    );

    let dl = dir.join("dlopen");
    compile(&cc, &flags(), &example("dlopen.c"), &strings(&["-ldl"]), &dl);
    let out = run_stdout(Command::new(&dl).env("LD_LIBRARY_PATH", &art.lib));
    assert_eq!(out, format!("librpc_constants {}: rpc_timeout=60.0 s\n", env!("CARGO_PKG_VERSION")));
}
