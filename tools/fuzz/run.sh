#!/usr/bin/env bash
# `make fuzz`: coverage-guided differential fuzzing of every function that reads input, each
# against PyTorch's own rule (tools/fuzz/pytorch.hpp). The library's Rust is instrumented with
# sanitizer coverage (the flags cargo-fuzz passes, on the stable toolchain); the C++ harnesses
# (tools/fuzz/targets/) are built by clang with libFuzzer, AddressSanitizer and UBSan and linked with
# that static library. Each target runs FUZZ_SECONDS (default 60) from its committed seeds
# (tools/fuzz/corpus/<target>/) with tools/fuzz/rpc.dict; what it adds to the corpus, and any finding, stay
# under target/fuzz/. FUZZ_TARGETS="a b" runs some targets; FUZZ_SEEDS=0 starts from an empty
# corpus instead (tools/fuzz/planted.sh measures both). Exit status 1 on any finding.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
target_dir=${CARGO_TARGET_DIR:-$root/target}
case $target_dir in /*) ;; *) target_dir=$root/$target_dir ;; esac
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-$(cd tools/fuzz/targets && ls -- *.cpp | sed 's/\.cpp$//')}
work=$target_dir/fuzz
cxx=${FUZZ_CXX:-clang++}
command -v "$cxx" >/dev/null || {
  echo "make fuzz: $cxx not found; it brings libFuzzer (Debian: apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
}
host=$(rustc -vV | sed -n 's/^host: //p')
rm -rf "$work/findings"
mkdir -p "$work/findings"

# Only the static archive (the shared library's -z defs link cannot leave the coverage hooks to
# the program); --target keeps RUSTFLAGS off the build script; a target directory of its own keeps
# the instrumented library away from the one users get.
echo "fuzz: building the instrumented library"
if ! RUSTFLAGS="-C passes=sancov-module -C llvm-args=-sanitizer-coverage-level=4 \
  -C llvm-args=-sanitizer-coverage-inline-8bit-counters -C llvm-args=-sanitizer-coverage-pc-table \
  -C llvm-args=-sanitizer-coverage-trace-compares" \
  cargo rustc --release --lib --crate-type staticlib --target "$host" --target-dir "$work/build"; then
  echo "make fuzz: the instrumented build failed" >&2
  exit 1
fi
lib=$work/build/$host/release/librpc_constants.a

failed=0
report=()
for t in $targets; do
  [ -f "tools/fuzz/targets/$t.cpp" ] || { echo "make fuzz: no target $t (tools/fuzz/targets/$t.cpp)" >&2; exit 2; }
  exe=$work/$t
  if ! "$cxx" -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -I"$root/include" "tools/fuzz/targets/$t.cpp" "$lib" -o "$exe"; then
    echo "make fuzz: $t does not build" >&2
    exit 1
  fi
  corpus=$work/corpus/$t
  rm -rf "$corpus"
  mkdir -p "$corpus"
  log=$work/$t.log
  echo "fuzz: $t for $seconds s"
  start=$(date +%s.%N)
  seeds=("tools/fuzz/corpus/$t")
  [ "${FUZZ_SEEDS:-1}" != 0 ] || seeds=()
  "$exe" -max_total_time="$seconds" -dict=tools/fuzz/rpc.dict -print_final_stats=1 -timeout=10 \
    -artifact_prefix="$work/findings/$t-" "$corpus" "${seeds[@]}" >"$log" 2>&1
  status=$?
  elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | sed 's/cov: //')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | sed 's/ft: //')
  if [ $status -ne 0 ]; then
    failed=1
    verdict="FINDING after ${elapsed} s (see $log)"
    grep -m 3 -E 'DISAGREEMENT|ERROR|SUMMARY|deadly signal' "$log" | sed "s/^/fuzz: $t: /"
    ls "$work/findings/$t-"* 2>/dev/null | sed "s/^/fuzz: $t: input: /"
  else
    verdict=ok
  fi
  report+=("$(printf '%-22s %10s %10s %6s %6s  %s' "$t" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$verdict")")
done

echo
printf '%-22s %10s %10s %6s %6s  %s\n' target executions "exec/s" cov ft result
printf '%s\n' "${report[@]}"
exit $failed
