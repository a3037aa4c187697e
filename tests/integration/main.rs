//! The integration tests. Most exercise the shipped artifacts (the release `librpc_constants.so`
//! and `.a`, built once per run by `support::artifacts()`) from C, C++ and `dlopen` programs
//! compiled by real compilers; the others check the build (drift, read-only trees, packaging),
//! the docs against the code, and the repository's own tooling.

mod abi_guard;
mod adding_a_constant;
mod build_script;
mod contract_tables;
mod cpp_header;
mod cpp_header_contract;
mod docs;
mod exact_pow;
mod fresh_tree;
mod from_source;
mod fuzz_corpus;
mod hardening;
mod header;
mod install;
mod library;
mod manifest;
mod overflow_checks;
mod packaging;
mod programs;
mod properties;
mod readme;
mod readme_tables;
mod retry;
mod retry_schedule;
mod semantics;
mod support;
mod versions;
