#!/usr/bin/env bash
# `make pow-compare`: the retry delay against PyTorch's expression compiled with glibc's pow
# (tests/c/retry_sweep.cpp), on the whole grid (every float backoff in [1, 4] x counts 0..16 x
# 1, 1000, 60000 ms, and every bit of those powers) plus POW_COMPARE_RANDOM random inputs:
#   1. natively, with the pow glibc picks on this CPU (x86-64: __pow_fma on a CPU with FMA and
#      AVX2), each disagreement checked against libquadmath's 113-bit powq;
#   2. natively with GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA, which makes x86-64 glibc 2.33
#      and later pick __pow_sse2 (what a CPU without FMA runs);
#   3. under qemu-user, with each of POW_COMPARE_TARGETS' own glibc, on every
#      POW_COMPARE_CROSS_STRIDE-th backoff of the grid (emulation is slow).
# Prints each run's counts and smallest disagreeing delay (docs/agent-contract.md states them).
# Not run by CI: the full tier runs a sample (tests/integration/retry.rs).
set -euo pipefail
cd "$(dirname "$0")/../.."
target_dir=${CARGO_TARGET_DIR:-target}
random=${POW_COMPARE_RANDOM:-20000000}
stride=${POW_COMPARE_CROSS_STRIDE:-16}
targets=${POW_COMPARE_TARGETS-aarch64-unknown-linux-gnu powerpc64le-unknown-linux-gnu s390x-unknown-linux-gnu riscv64gc-unknown-linux-gnu}
work=$target_dir/pow-compare
mkdir -p "$work"
need() { command -v "$1" >/dev/null || { echo "pow-compare: \`$1\` not found ($2)" >&2; exit 1; }; }
need g++ "install g++"

cargo build --release --target-dir "$target_dir"
release=$(cd "$target_dir/release" && pwd)
g++ -std=c++17 -O2 -Iinclude -DSWEEP_QUADMATH tests/c/retry_sweep.cpp -L"$release" -lrpc_constants \
  -Wl,-rpath,"$release" -lquadmath -pthread -o "$work/retry_sweep"
echo "== native, this CPU's glibc pow ($(ldd --version | head -n 1))"
"$work/retry_sweep" 1 "$random" 1 1 0
echo "== native, glibc's __pow_sse2 (GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA)"
GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA "$work/retry_sweep" 1 "$random" 1 1 0
[ -z "$targets" ] || {
  echo "== native, this CPU's glibc pow, every ${stride}th backoff (beside the qemu runs)"
  "$work/retry_sweep" "$stride" 0 1 1 0
}

for t in $targets; do
  case $t in
    aarch64-*) gnu=aarch64-linux-gnu qemu=qemu-aarch64 ;;
    powerpc64le-*) gnu=powerpc64le-linux-gnu qemu=qemu-ppc64le ;;
    s390x-*) gnu=s390x-linux-gnu qemu=qemu-s390x ;;
    riscv64gc-*) gnu=riscv64-linux-gnu qemu=qemu-riscv64 ;;
    *) echo "pow-compare: no qemu run for $t" >&2; exit 2 ;;
  esac
  need "$gnu-g++" "install g++-$gnu"
  need "$qemu" "install qemu-user"
  var=CARGO_TARGET_$(tr 'a-z-' 'A-Z_' <<<"$t")_LINKER
  env "$var=$gnu-gcc" cargo build --release --lib --target "$t" --target-dir "$target_dir"
  lib=$(cd "$target_dir/$t/release" && pwd)
  "$gnu-g++" -std=c++17 -O2 -Iinclude tests/c/retry_sweep.cpp -L"$lib" -lrpc_constants \
    -Wl,-rpath,"$lib" -pthread -o "$work/retry_sweep-$t"
  echo "== $t under $qemu, its glibc's pow, every ${stride}th backoff"
  "$qemu" -L "/usr/$gnu" "$work/retry_sweep-$t" "$stride" 0 1 1 0
done
