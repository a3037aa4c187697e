//! PyTorch's `torch.distributed.rpc` defaults as a C ABI library.
//!
//! The exported statics, getters and table entries are generated from `spec/defs.rs`, and the
//! `rpc_status` enum from `spec/status_codes.rs`, by `build.rs`, which also writes both headers:
//! `include/rpc_constants.h` from its template, the constants and cbindgen's declarations of this
//! crate's functions and types.
#![no_std]
// The C header states every precondition in C wording ("must be NULL or point to ..."); a Rust
// `# Safety` heading would be printed into it as is.
#![allow(clippy::missing_safety_doc)]

// Internal: the values reach C only through build.rs (cbindgen would print them wrongly).
/// cbindgen:ignore
mod spec;

#[cfg(all(not(test), not(rpc_unoptimized), target_arch = "arm"))]
mod arm_personality;
mod constants;
mod exact;
mod getters;
mod message;
mod pytorch_error;
mod retry;
mod shutdown;
mod status;
mod table;
mod timeout;
mod version;
mod worker;

/// A string constant as a NUL-terminated C array; evaluated only at compile time.
const fn c_array<const N: usize>(s: &str) -> [core::ffi::c_char; N] {
    let bytes = s.as_bytes();
    assert!(bytes.len() + 1 == N, "array length must be the string's length plus its NUL");
    let mut out = [0; N];
    let mut i = 0;
    while i < bytes.len() {
        assert!(bytes[i] != 0, "a C string constant cannot contain NUL");
        out[i] = bytes[i] as core::ffi::c_char;
        i += 1;
    }
    out
}

// No function here may panic. In an optimised build (the shipped one) the handler calls a symbol
// that exists nowhere, so if the optimiser leaves any panic path in the library, linking the
// shared library fails (it is linked with `-z defs`) instead of a user's program aborting.
#[cfg(all(not(test), not(rpc_unoptimized)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    extern "C" {
        fn rpc_constants_found_a_reachable_panic() -> !;
    }
    // SAFETY: never runs: the symbol exists nowhere, so a build in which this call survives
    // optimisation fails to link.
    unsafe { rpc_constants_found_a_reachable_panic() }
}

/// An unoptimised (opt-level 0) development build keeps its overflow and bounds checks, and links
/// libc for the memcpy/memset such code calls (build.rs); there a panic traps.
#[cfg(all(not(test), rpc_unoptimized))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    // SAFETY: ud2 raises SIGILL; nothing follows.
    unsafe {
        core::arch::asm!("ud2", options(noreturn))
    }
    #[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
    loop {}
}

// Unoptimised, the precompiled `core` still names the unwinding personality routine; with
// panic=abort nothing ever unwinds, so it is never called. Not part of the API:
/// cbindgen:ignore
#[cfg(all(not(test), rpc_unoptimized))]
#[no_mangle]
extern "C" fn rust_eh_personality() {}
