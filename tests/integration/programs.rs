//! C, C++ and dlopen programs against the release `.so` and `.a`.

use crate::support::{self, elf};
use std::process::Command;
use support::{
    artifacts, c_flags, compile, matrix_compilers, run_stdout, scratch, shared_link_args, source, strings,
};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// tests/c/constants_test.c's builds: as C11 with each C compiler, as C++11 and C++20 with each
/// C++ compiler (`-x c++`: the same file). The language flags come after the warning set; `-x none`
/// ends `-x c++` before the libraries, so that an archive is read as one.
fn constants_test_builds(what: &str) -> Vec<(support::Compiler, String, Vec<String>, Vec<String>)> {
    let mut builds = Vec::new();
    for compiler in matrix_compilers(what) {
        let stds: &[&str] = if compiler.cpp { &["c++11", "c++20"] } else { &["c11"] };
        for std in stds {
            let (language, end): (&[&str], &[&str]) =
                if compiler.cpp { (&["-x", "c++"], &["-x", "none"]) } else { (&[], &[]) };
            let name = format!("{}-{std}", compiler.command);
            builds.push((compiler.clone(), name, c_flags(std, language), strings(end)));
        }
    }
    builds
}

/// Every constant three ways, with its type, from C and from C++, against the shared library.
#[test]
fn constants_program_against_the_shared_library_as_c_and_cpp() {
    let art = artifacts();
    let soname = elf::soname(&art.so).unwrap();
    let dir = scratch("constants-shared");
    for (compiler, name, flags, mut libs) in constants_test_builds("constants program (shared)") {
        let exe = dir.join(format!("constants_test-{name}"));
        libs.extend(shared_link_args(art));
        compile(&compiler, &flags, &[source("tests/c/constants_test.c")], &libs, &exe);
        assert!(elf::needed(&exe).contains(&soname), "{} does not need {soname}", exe.display());
        print!("{name}: {}", run_stdout(Command::new(&exe).arg(VERSION)));
    }
}

/// The same program, as C and as C++, linked statically against the archive.
#[test]
fn constants_program_against_the_static_archive_as_c_and_cpp() {
    let art = artifacts();
    let dir = scratch("constants-static");
    for (compiler, name, flags, mut libs) in constants_test_builds("constants program (static)") {
        let exe = dir.join(format!("constants_test-{name}"));
        libs.push(art.a.display().to_string());
        compile(&compiler, &flags, &[source("tests/c/constants_test.c")], &libs, &exe);
        let needed = elf::needed(&exe);
        assert!(
            !needed.iter().any(|n| n.contains("rpc_constants")),
            "statically linked program still needs the shared library: {needed:?}"
        );
        let out = run_stdout(Command::new(&exe).arg(VERSION).env_remove("LD_LIBRARY_PATH"));
        print!("{name} (static): {out}");
    }
}

/// The library as a dynamic loader sees it: one thread, one cycle of tests/c/stress.c (the
/// hardening tests run it many times over, in threads, under valgrind and ThreadSanitizer).
#[test]
fn dlopen_program_finds_and_reads_every_symbol() {
    let art = artifacts();
    let dir = scratch("dlopen");
    let exe = dir.join("stress");
    let compiler = support::c_compiler();
    let libs = strings(&["-ldl", "-lm", "-pthread"]);
    compile(&compiler, &c_flags("c11", &[]), &[source("tests/c/stress.c")], &libs, &exe);
    print!("{}", run_stdout(Command::new(&exe).arg(&art.so).args(["1", "1"])));
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

/// Each `rpc_..._fn` type of the header is the type of its function (`&function` initialises it
/// with -Werror, where a mismatch is an incompatible-pointer error), there is one for every
/// exported function, and each name resolves through dlopen(RPC_CONSTANTS_SONAME) and dlsym. The
/// Python example's default name is the header's.
#[test]
fn every_function_pointer_type_matches_its_function_and_dlsym_finds_it() {
    let art = artifacts();
    let header = std::fs::read_to_string(art.include.join("rpc_constants.h")).unwrap();
    let types: Vec<&str> = header
        .lines()
        .filter_map(|l| l.strip_prefix("typedef ").and_then(|l| l.split_once("(*")).map(|(_, rest)| rest))
        .filter_map(|rest| rest.split_once("_fn)(").map(|(name, _)| name))
        .collect();
    let exported: Vec<String> = elf::exported_symbols(&art.so)
        .into_iter()
        .filter(|s| header.contains(&format!(" {s}(")) || header.contains(&format!("*{s}(")))
        .collect();
    let mut sorted_types: Vec<String> = types.iter().map(|t| t.to_string()).collect();
    sorted_types.sort();
    let mut functions = exported.clone();
    functions.sort();
    assert_eq!(sorted_types, functions, "function pointer types (left) against exported functions (right)");

    let mut program = String::from(
        "#include <rpc_constants.h>\n#include <dlfcn.h>\n#include <stdio.h>\n#include <string.h>\n\
         int main(void) {\n    void *lib = dlopen(RPC_CONSTANTS_SONAME, RTLD_NOW | RTLD_LOCAL);\n    \
         int found = 0;\n    if (!lib) {\n        fprintf(stderr, \"%s\\n\", dlerror());\n        return 1;\n    }\n",
    );
    for name in &types {
        program.push_str(&format!(
            "    {{\n        {name}_fn declared = &{name}, loaded;\n        void *p = dlsym(lib, \"{name}\");\n        \
             memcpy(&loaded, &p, sizeof loaded);\n        found += p != NULL && loaded == declared;\n    }}\n"
        ));
    }
    program.push_str(&format!(
        "    printf(\"%d of {} function types found by dlsym\\n\", found);\n    dlclose(lib);\n    \
         return found == {} ? 0 : 1;\n}}\n",
        types.len(),
        types.len()
    ));
    let dir = scratch("function-types");
    let c = dir.join("function_types.c");
    std::fs::write(&c, program).unwrap();
    for compiler in matrix_compilers("function pointer types").into_iter().filter(|c| !c.cpp) {
        let exe = dir.join(format!("function_types-{}", compiler.command));
        let mut libs = shared_link_args(art);
        libs.push("-ldl".into());
        compile(&compiler, &c_flags("c11", &["-Werror"]), std::slice::from_ref(&c), &libs, &exe);
        let out = run_stdout(Command::new(&exe).env_remove("LD_LIBRARY_PATH"));
        assert_eq!(
            out,
            format!("{0} of {0} function types found by dlsym\n", types.len()),
            "{}",
            compiler.command
        );
    }
    // The second definition is the ELF one (the first is Windows').
    let soname =
        header.lines().filter_map(|l| l.strip_prefix("#define RPC_CONSTANTS_SONAME ")).next_back().unwrap();
    assert_eq!(soname, format!("\"{}\"", elf::soname(&art.so).unwrap()));
    let python = std::fs::read_to_string(source("examples/python/constants.py")).unwrap();
    assert!(
        python.contains(&format!("SONAME = {soname}")),
        "examples/python/constants.py's SONAME is not {soname}"
    );
}
