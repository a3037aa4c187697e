//! 32-bit Arm only (issue 17). compiler_builtins' division helpers, which a program linking the
//! static archive can pull in, carry unwind entries naming rust_eh_personality. Nothing ever
//! unwinds (panic=abort, no call leaves the library), so this one only reports failure (_URC_FAILURE). It is
//! hidden: the shared library does not export it (and drops those entries, see build.rs). A
//! module of its own, so that its object in the archive holds nothing else: the panic handler's
//! object must be pulled into a static link only by a reachable panic (tools/cross/run.sh).
core::arch::global_asm!(
    ".text",
    ".globl rust_eh_personality",
    ".hidden rust_eh_personality",
    ".type rust_eh_personality, %function",
    "rust_eh_personality:",
    "mov r0, #9",
    "bx lr",
);
