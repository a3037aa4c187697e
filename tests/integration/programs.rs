//! C, C++ and dlopen programs against the release `.so` and `.a`.

use crate::support::{self, elf};
use std::process::Command;
use support::{
    artifacts, c_flags, compile, matrix_compilers, run_stdout, scratch, shared_link_args, source, strings,
};

const VERSION: &str = env!("CARGO_PKG_VERSION");

#[test]
fn c_program_linked_against_the_shared_library() {
    let art = artifacts();
    let soname = elf::soname(&art.so).unwrap();
    let dir = scratch("c-shared");
    for compiler in matrix_compilers("C program (shared)").into_iter().filter(|c| !c.cpp) {
        let exe = dir.join(format!("constants_test-{}", compiler.command));
        compile(
            &compiler,
            &c_flags("c11", &[]),
            &[source("tests/c/constants_test.c")],
            &shared_link_args(art),
            &exe,
        );
        assert!(elf::needed(&exe).contains(&soname), "{} does not need {soname}", exe.display());
        let out = run_stdout(Command::new(&exe).arg(VERSION));
        print!("{}: {}", compiler.command, out);
    }
}

#[test]
fn c_program_linked_against_the_static_archive() {
    let art = artifacts();
    let dir = scratch("c-static");
    for compiler in matrix_compilers("C program (static)").into_iter().filter(|c| !c.cpp) {
        let exe = dir.join(format!("constants_test-{}", compiler.command));
        let libs = [art.a.display().to_string()];
        compile(&compiler, &c_flags("c11", &[]), &[source("tests/c/constants_test.c")], &libs, &exe);
        let needed = elf::needed(&exe);
        assert!(
            !needed.iter().any(|n| n.contains("rpc_constants")),
            "statically linked program still needs the shared library: {needed:?}"
        );
        let out = run_stdout(Command::new(&exe).arg(VERSION).env_remove("LD_LIBRARY_PATH"));
        print!("{} (static): {}", compiler.command, out);
    }
}

#[test]
fn cpp_program_static_asserts_every_macro_and_compares_statics_and_getters() {
    let art = artifacts();
    let dir = scratch("cpp");
    for compiler in matrix_compilers("C++ program").into_iter().filter(|c| c.cpp) {
        for std in ["c++11", "c++20"] {
            let exe = dir.join(format!("cpp_test-{}-{std}", compiler.command));
            compile(
                &compiler,
                &c_flags(std, &[]),
                &[source("tests/c/cpp_test.cpp")],
                &shared_link_args(art),
                &exe,
            );
            let out = run_stdout(&mut Command::new(&exe));
            print!("{} -std={std}: {}", compiler.command, out);
        }
    }
}

#[test]
fn dlopen_program_finds_and_reads_every_symbol() {
    let art = artifacts();
    let dir = scratch("dlopen");
    let exe = dir.join("dlopen_test");
    let compiler = support::c_compiler();
    compile(&compiler, &c_flags("c11", &[]), &[source("tests/c/dlopen_test.c")], &strings(&["-ldl"]), &exe);
    let out = run_stdout(Command::new(&exe).arg(&art.so).arg(VERSION));
    print!("{}", out);
}

/// A plugin's own copy of the library, loaded RTLD_LOCAL beside another copy (another release)
/// in the global scope, uses its own data: copy B is the release library with its init method
/// patched from "env://" to "tcp://".
#[test]
fn each_copy_of_the_library_uses_its_own_data() {
    let art = artifacts();
    let dir = scratch("two-copies");
    let bytes = std::fs::read(&art.so).unwrap();
    let needle = b"env://\0";
    let at: Vec<usize> =
        bytes.windows(needle.len()).enumerate().filter(|(_, w)| w == needle).map(|(i, _)| i).collect();
    assert_eq!(at.len(), 1, "\"env://\" should appear once in the library");
    let mut patched = bytes.clone();
    patched[at[0]..at[0] + 3].copy_from_slice(b"tcp");
    let (copy_a, copy_b) = (dir.join("a/librpc_constants.so"), dir.join("b/librpc_constants.so"));
    for (path, data) in [(&copy_a, &bytes), (&copy_b, &patched)] {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }
    let exe = dir.join("two_copies");
    let compiler = support::c_compiler();
    compile(&compiler, &c_flags("c11", &[]), &[source("tests/c/two_copies.c")], &strings(&["-ldl"]), &exe);
    print!("{}", run_stdout(Command::new(&exe).arg(&copy_a).arg(&copy_b).args(["env://", "tcp://"])));
}
