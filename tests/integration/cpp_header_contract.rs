//! What a C++ library author promises beyond compiling: results that fail closed, PyTorch's
//! linkage (plugins unload, one text per string), exact argument types, PyTorch's names
//! without the helpers, prototypes no user macro can break, and a clean compile under
//! -Wuseless-cast and -Wfloat-equal without -isystem. Each check compiles something that a
//! regression would make compile (or fail, or warn) differently.

use crate::support::{
    artifacts, c_flags, compile, matrix_compilers, run_stdout, scratch, shared_link_args, source, Compiler,
};
use std::path::Path;
use std::process::Command;

use crate::support::compilers::{standards, HPP_WARNINGS};

fn cpp_compilers(what: &str) -> Vec<Compiler> {
    matrix_compilers(what).into_iter().filter(|c| c.cpp).collect()
}

fn is_gcc(compiler: &Compiler) -> bool {
    compiler.command.starts_with("g++") || compiler.command.starts_with("gcc")
}

/// The warnings of the review on top of the strict set: -Wfloat-equal everywhere,
/// -Wuseless-cast where it exists (gcc, C++ only).
fn review_warnings(compiler: &Compiler, cpp: bool) -> Vec<&'static str> {
    let mut w = vec!["-Wfloat-equal"];
    if cpp && is_gcc(compiler) {
        w.push("-Wuseless-cast");
    }
    w
}

/// Compiles `text` as a C++ TU with `flags`; Ok or the compiler's diagnostics.
fn try_compile(
    compiler: &Compiler,
    flags: &[String],
    dir: &Path,
    name: &str,
    text: &str,
) -> Result<(), String> {
    let tu = dir.join(format!("{name}.cpp"));
    std::fs::write(&tu, text).unwrap();
    let out = Command::new(&compiler.command).args(flags).arg("-fsyntax-only").arg(&tu).output().unwrap();
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn both_headers_are_clean_under_useless_cast_and_float_equal_without_isystem() {
    let dir = scratch("review-warnings");
    let mut ran = Vec::new();
    for compiler in matrix_compilers("-Wuseless-cast -Wfloat-equal matrix") {
        if compiler.cpp {
            for std in standards(&compiler) {
                let mut extra = HPP_WARNINGS.to_vec();
                extra.extend(review_warnings(&compiler, true));
                extra.extend(["-c", "-o"]);
                let obj = dir.join(format!("hpp-{}-{std}.o", compiler.command));
                let obj = obj.to_str().unwrap();
                extra.push(obj);
                let out = Command::new(&compiler.command)
                    .args(c_flags(std, &extra))
                    .arg(source("tests/c/hpp_warnings.cpp"))
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{} -std={std}:\n{}",
                    compiler.command,
                    String::from_utf8_lossy(&out.stderr)
                );
                ran.push(format!("{} -std={std} (.hpp)", compiler.command));
            }
        }
        let (lang, standards): (&[&str], &[&str]) = if compiler.cpp {
            (&["-x", "c++"], &["c++11", "c++14", "c++17", "c++20"])
        } else {
            (&[], &["c99", "c11", "c17", "c2x"])
        };
        for std in standards {
            let mut extra = lang.to_vec();
            extra.extend(review_warnings(&compiler, compiler.cpp));
            let obj = dir.join(format!("h-{}-{std}.o", compiler.command));
            extra.extend(["-c", "-o", obj.to_str().unwrap()]);
            let out = Command::new(&compiler.command)
                .args(c_flags(std, &extra))
                .arg(source("tests/c/header_matrix.c"))
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{} -std={std}:\n{}",
                compiler.command,
                String::from_utf8_lossy(&out.stderr)
            );
            ran.push(format!("{} -std={std} (.h)", compiler.command));
        }
    }
    println!("clean under -Wfloat-equal (and -Wuseless-cast with gcc) as: {}", ran.join(", "));
}

/// Each probe must not compile (`-Werror` turns an ignored [[nodiscard]] into an error); the
/// control, the same TU with the probe left out, must.
const PROBES: &[(&str, &str, &str)] = &[
    ("success from RPC_OK", "rc::timeout_result r{RPC_OK}; (void)r;", ""),
    ("success from {{}}", "rc::timeout_result r{{}}; (void)r;", ""),
    (
        "success from a status variable",
        "rpc_status s = RPC_ERR_NOT_A_NUMBER; rc::timeout_result r{s}; (void)r;",
        "",
    ),
    ("agent_timeout(double)", "(void)rc::agent_timeout(0.1);", "delete"),
    ("agent_timeout(long long)", "(void)rc::agent_timeout(16777217LL);", "delete"),
    ("agent_timeout(int)", "(void)rc::agent_timeout(1);", "delete"),
    ("resolve_timeout(double, ms)", "(void)rc::resolve_timeout(1.5, 1ms);", "delete"),
    ("timeout_error_message(ms, pointer)", "(void)rc::timeout_error_message(5s, \"no\");", "delete"),
    ("timeout_error_message(ms, int)", "(void)rc::timeout_error_message(5s, 1);", "delete"),
    ("timeout_result from a lossy duration", "rc::timeout_result r{1.5s}; (void)r;", ""),
    ("discarded resolve_timeout()", "rc::resolve_timeout(-5.0f, 1ms);", "nodiscard"),
    ("discarded agent_timeout()", "rc::agent_timeout(-1.0f);", "nodiscard"),
    ("discarded check_version()", "rc::check_version();", "nodiscard"),
    ("discarded ok()", "rc::timeout_result{1ms}.ok();", "nodiscard"),
    ("discarded value()", "rc::timeout_result{1ms}.value();", "nodiscard"),
    ("discarded value_or()", "rc::timeout_result{1ms}.value_or(2ms);", "nodiscard"),
    ("discarded status()", "rc::timeout_result{1ms}.status();", "nodiscard"),
    ("discarded what()", "rc::timeout_result{1ms}.what();", "nodiscard"),
    ("discarded operator*", "*rc::timeout_result{1ms};", "nodiscard"),
    ("discarded timeout_error_message()", "rc::timeout_error_message(1ms, true);", "nodiscard"),
    ("discarded never_expires()", "rc::never_expires(1ms);", "nodiscard"),
];

fn probe_tu(probe: &str) -> String {
    format!(
        "#include <rpc_constants.hpp>\n\nnamespace rc = rpc_constants;\nusing namespace std::chrono_literals;\n\n\
         void probe();\nvoid probe() {{\n    {probe}\n}}\n"
    )
}

#[test]
#[ignore = "slow: two dozen compiles per compiler and standard; CI runs it"]
fn results_fail_closed_and_arguments_are_exactly_float_and_bool() {
    let dir = scratch("fail-closed");
    let plain = |std: &str| c_flags(std, &["-Wall", "-Wextra", "-Werror"]);
    for compiler in cpp_compilers("fail-closed probes") {
        for std in standards(&compiler) {
            // What the probes must not do, done correctly, compiles.
            let control = "rc::timeout_result r{5ms}; rc::timeout_result s = 1s; (void)(r == s); \
                           (void)rc::agent_timeout(1.0f); (void)rc::resolve_timeout(1.0f, 5s); \
                           (void)rc::timeout_error_message(5s, false); (void)*r; (void)r.has_value(); \
                           (void)r.error(); static_assert(rc::timeout_result{1ms} == 1ms);";
            try_compile(&compiler, &plain(std), &dir, "control", &probe_tu(control)).unwrap_or_else(|e| {
                panic!("{} -std={std}: the control does not compile:\n{e}", compiler.command)
            });
            for (i, (what, probe, expect)) in PROBES.iter().enumerate() {
                let name = format!("probe{i}-{}-{std}", compiler.command);
                match try_compile(&compiler, &plain(std), &dir, &name, &probe_tu(probe)) {
                    Ok(()) => panic!("{} -std={std}: {what} compiled: {probe}", compiler.command),
                    Err(e) => {
                        let expect = match *expect {
                            "nodiscard" if is_gcc(&compiler) => "ignoring return value",
                            "nodiscard" => "nodiscard",
                            "delete" => "delete",
                            other => other,
                        };
                        assert!(
                            e.contains(expect),
                            "{} -std={std}: {what}: not for {expect:?}:\n{e}",
                            compiler.command
                        );
                    }
                }
            }
        }
    }
}

#[test]
#[ignore = "slow: a host, a second TU and a plugin per compiler, standard and -O level; CI runs it"]
fn a_plugin_using_every_constant_unloads_and_each_string_reads_the_same_text() {
    let art = artifacts();
    let dir = scratch("plugin-unload");
    let nm = crate::support::optional_tool("nm", "GNU-unique symbols in the plugin");
    let mut ran = Vec::new();
    for compiler in cpp_compilers("plugin unload") {
        for std in standards(&compiler) {
            for opt in ["-O0", "-O2"] {
                let tag = format!("{}-{std}{opt}", compiler.command);
                let plugin = dir.join(format!("plugin-{tag}.so"));
                let mut flags = c_flags(std, &[opt, "-fPIC", "-shared"]);
                flags.extend(HPP_WARNINGS.iter().map(|s| s.to_string()));
                compile(
                    &compiler,
                    &flags,
                    &[source("tests/c/hpp_plugin.cpp")],
                    &shared_link_args(art),
                    &plugin,
                );
                if let Some(nm) = &nm {
                    let symbols =
                        String::from_utf8(Command::new(nm).arg("-C").arg(&plugin).output().unwrap().stdout)
                            .unwrap();
                    let unique: Vec<&str> = symbols.lines().filter(|l| l.contains(" u ")).collect();
                    assert!(unique.is_empty(), "{tag}: GNU-unique symbols in the plugin: {unique:?}");
                }
                let host = dir.join(format!("host-{tag}"));
                let mut flags = c_flags(std, &[opt]);
                flags.extend(HPP_WARNINGS.iter().map(|s| s.to_string()));
                let mut libs = shared_link_args(art);
                libs.push("-ldl".into());
                compile(
                    &compiler,
                    &flags,
                    &[source("tests/c/hpp_host.cpp"), source("tests/c/hpp_other_tu.cpp")],
                    &libs,
                    &host,
                );
                assert_eq!(run_stdout(Command::new(&host).arg(&plugin)), "hpp_host: 0 failed\n", "{tag}");
                ran.push(tag);
            }
        }
    }
    println!("plugin unloaded, the same text per string: {}", ran.join(", "));
}

/// The README's advice, `using namespace rpc_constants::constants;`, brings PyTorch's names
/// alone: a program's own version() and check_version() stay unambiguous.
#[test]
fn pytorch_names_come_without_the_helpers() {
    let art = artifacts();
    let dir = scratch("hpp-namespace");
    for compiler in cpp_compilers("namespace hygiene") {
        let exe = dir.join(format!("namespace-{}", compiler.command));
        compile(
            &compiler,
            &c_flags("c++17", HPP_WARNINGS),
            &[source("tests/c/hpp_namespace.cpp")],
            &shared_link_args(art),
            &exe,
        );
        assert_eq!(run_stdout(&mut Command::new(&exe)), "hpp_namespace: 0 failed\n");
    }
}

/// Every parameter of a prototype in rpc_constants.h is `_lower`-named: a name a program may
/// not define as a macro (C 7.1.3, C++ [lex.name]), and that the header may use at prototype
/// scope. New functions get it too (cbindgen's rename_args), so this holds them to it.
#[test]
fn c_prototypes_have_no_parameter_a_user_macro_can_hit() {
    let header = std::fs::read_to_string(artifacts().include.join("rpc_constants.h")).unwrap();
    let mut checked = 0;
    for line in header.lines().filter(|l| !l.starts_with([' ', '#', '/', '*']) && l.ends_with(");")) {
        let params = &line[line.find('(').unwrap() + 1..line.len() - 2];
        if params == "void" || line.starts_with("typedef") {
            continue;
        }
        for param in params.split(',') {
            let name = param.trim().rsplit([' ', '*']).next().unwrap();
            let mut chars = name.chars();
            assert!(
                chars.next() == Some('_') && chars.next().is_some_and(|c| c.is_ascii_lowercase()),
                "{line}: parameter {name:?} is not `_lower`-named"
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} parameters found");
}

/// Names a user may well have as object-like macros: the issue's, and every parameter, local
/// and member name the headers had before they were made `_lower` (and `status`, a parameter
/// of the C header). Not the public API's own names (value, status() of the C++ result, ok,
/// ...): a macro with an API's name breaks its use wherever it is written.
const USER_MACROS: &[&str] = &[
    "seconds",
    "fallback",
    "text",
    "timeout",
    "with_prefix",
    "agent_default",
    "ms",
    "length",
    "agent_ms",
    "value_",
    "status_",
    "out_ms",
    "timeout_ms",
    "agent_timeout_ms",
    "buf",
    "capacity",
    "index",
    "header_version",
    "num_worker_threads",
    "T",
    "rep",
    "period",
];

fn macro_tu(header: &str, cpp: bool, status_too: bool, empty: bool) -> String {
    let mut tu = String::from("/* std headers first, as a program has them, then its macros */\n");
    let std: &[&str] = if cpp {
        &[
            "chrono",
            "cstdint",
            "cstdio",
            "cstdlib",
            "string",
            "string_view",
            "type_traits",
            "utility",
            "vector",
        ]
    } else {
        &["stdbool.h", "stddef.h", "stdint.h"]
    };
    for h in std {
        tu.push_str(&format!("#include <{h}>\n"));
    }
    let mut names: Vec<&str> = USER_MACROS.to_vec();
    if status_too {
        names.push("status");
    }
    for name in names {
        tu.push_str(&format!("#define {name}{}\n", if empty { "" } else { " 1" }));
    }
    tu.push_str(&format!(
        "#include <{header}>\nint macro_tu_use(void);\nint macro_tu_use(void) {{ return 0; }}\n"
    ));
    tu
}

#[test]
fn user_macros_named_like_parameters_break_neither_header() {
    let dir = scratch("user-macros");
    for compiler in matrix_compilers("user macros") {
        let lang: &[&str] = if compiler.cpp { &["-x", "c++"] } else { &[] };
        let mut cases = vec![("rpc_constants.h", if compiler.cpp { "c++11" } else { "c99" }, true)];
        if compiler.cpp {
            // `status` is also timeout_result::status(): the .hpp shields it (push_macro).
            cases.push(("rpc_constants.hpp", "c++17", true));
        }
        for (header, std, status_too) in cases {
            for empty in [false, true] {
                let tu = dir.join(format!("{}-{header}-{empty}.c", compiler.command));
                std::fs::write(&tu, macro_tu(header, compiler.cpp, status_too, empty)).unwrap();
                let mut extra = lang.to_vec();
                extra.push("-fsyntax-only");
                let out =
                    Command::new(&compiler.command).args(c_flags(std, &extra)).arg(&tu).output().unwrap();
                assert!(
                    out.status.success(),
                    "{} {header} after user macros (empty: {empty}):\n{}",
                    compiler.command,
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    }
}
