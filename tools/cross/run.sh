#!/usr/bin/env bash
# `make cross`: builds the library for every supported target in one cargo invocation and tests
# each one where it runs: natively (x86_64 glibc and musl), under qemu-user (the other Linux
# architectures) or under wine (Windows). See the report at the end: one line per target.
#
# A target whose tools are missing is reported `NOT RUN: <target>: <what is missing>`; with
# CI=true that fails the run. CROSS_TARGETS="t1 t2" restricts the run to some targets.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
target_dir=${CARGO_TARGET_DIR:-$root/target}
case $target_dir in /*) ;; *) target_dir=$root/$target_dir ;; esac
work=$target_dir/cross
rm -rf "$work"
mkdir -p "$work"
version=$(sed -n 's/^version = "\([^"]*\)"/\1/p' Cargo.toml | head -n 1)
in_ci() { [ -n "${CI:-}" ] && [ "${CI:-}" != false ]; }

# target | C compiler | C++ compiler (- for none) | how to run a program | sysroot for qemu -L
# (Debian has no C++ standard library built for musl: musl-tools wraps gcc for C only.)
table="
x86_64-unknown-linux-gnu      gcc                       g++                       native        -
aarch64-unknown-linux-gnu     aarch64-linux-gnu-gcc     aarch64-linux-gnu-g++     qemu-aarch64  /usr/aarch64-linux-gnu
s390x-unknown-linux-gnu       s390x-linux-gnu-gcc       s390x-linux-gnu-g++       qemu-s390x    /usr/s390x-linux-gnu
powerpc64le-unknown-linux-gnu powerpc64le-linux-gnu-gcc powerpc64le-linux-gnu-g++ qemu-ppc64le  /usr/powerpc64le-linux-gnu
riscv64gc-unknown-linux-gnu   riscv64-linux-gnu-gcc     riscv64-linux-gnu-g++     qemu-riscv64  /usr/riscv64-linux-gnu
i686-unknown-linux-gnu        i686-linux-gnu-gcc        i686-linux-gnu-g++        qemu-i386     /usr/i686-linux-gnu
armv7-unknown-linux-gnueabihf arm-linux-gnueabihf-gcc   arm-linux-gnueabihf-g++   qemu-arm      /usr/arm-linux-gnueabihf
x86_64-unknown-linux-musl     musl-gcc                  -                         native        -
x86_64-pc-windows-gnu         x86_64-w64-mingw32-gcc    x86_64-w64-mingw32-g++    wine          -
"
wine=$(command -v wine64 || command -v wine || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; } || true)
wineserver=$(command -v wineserver || command -v wineserver64 || echo /usr/lib/wine/wineserver64)
sysroot=$(rustc --print sysroot)

declare -A CC CXX RUNNER QEMU_L PASS FAIL SKIPPED SIZE NOTES CXX_PASS CXX_FAIL
targets=()
not_run=0
for t in ${CROSS_TARGETS:-$(awk 'NF {print $1}' <<<"$table")}; do
  read -r _ cc cxx runner qemu_l < <(awk -v t="$t" '$1 == t' <<<"$table")
  [ -n "$cc" ] || { echo "cross: unknown target $t" >&2; exit 2; }
  missing=()
  [ -d "$sysroot/lib/rustlib/$t/lib" ] || missing+=("rust-std (rustup target add $t)")
  command -v "$cc" >/dev/null || missing+=("$cc")
  [ "$cxx" = - ] || command -v "$cxx" >/dev/null || missing+=("$cxx")
  case $runner in
    qemu-*) command -v "$runner" >/dev/null || missing+=("$runner (qemu-user)")
            [ -d "$qemu_l" ] || missing+=("$qemu_l (libc6-dev cross package)") ;;
    wine) [ -n "$wine" ] || missing+=("wine64") ;;
  esac
  if [ ${#missing[@]} -gt 0 ]; then
    echo "NOT RUN: $t: missing ${missing[*]}"
    not_run=$((not_run + 1))
    continue
  fi
  CC[$t]=$cc CXX[$t]=$cxx RUNNER[$t]=$runner QEMU_L[$t]=$qemu_l PASS[$t]=0 FAIL[$t]=0 SKIPPED[$t]=0 NOTES[$t]=
  CXX_PASS[$t]=0 CXX_FAIL[$t]=0
  targets+=("$t")
  # cargo links a cross target with its C compiler (build.rs adds the per-target arguments);
  # the two native targets keep rustc's default linker, as a plain `cargo build` does.
  var=CARGO_TARGET_$(tr 'a-z-' 'A-Z_' <<<"$t")_LINKER
  case $t in x86_64-unknown-linux-*) ;; *) [ -n "${!var:-}" ] || export "$var=$cc" ;; esac
done
[ ${#targets[@]} -gt 0 ] || { echo "cross: no target can be built here" >&2; exit 1; }

start=$(date +%s)
echo "cross: building ${#targets[@]} targets in one cargo invocation"
target_args=()
for t in "${targets[@]}"; do target_args+=(--target "$t"); done
if ! cargo build --release --lib --target-dir "$target_dir" "${target_args[@]}"; then
  echo "cross: cargo build failed" >&2
  exit 1
fi
built=$(date +%s)

# One check: its name, then the command. Its output is kept in $work/<target>/log. A check made
# while cxx=1 is also counted in the report's C++ column.
log() { echo "$*" >>"$work/$t/log"; }
cxx=0
# A failure also prints the check's last lines of output: a CI log must say why without the tree.
check() {
  local name=$1 status; shift
  "$@" >"$work/$t/check.out" 2>&1; status=$?
  cat "$work/$t/check.out" >>"$work/$t/log"
  if [ $status = 0 ]; then
    PASS[$t]=$((PASS[$t] + 1)); log "PASS: $name"
    [ $cxx = 0 ] || CXX_PASS[$t]=$((CXX_PASS[$t] + 1))
  else
    FAIL[$t]=$((FAIL[$t] + 1)); log "FAIL: $name (exit status $status)"
    echo "FAIL: $t: $name (exit status $status; the whole log: $work/$t/log); its last lines:"
    tail -n 20 "$work/$t/check.out" | sed 's/^/    /'
    [ $cxx = 0 ] || CXX_FAIL[$t]=$((CXX_FAIL[$t] + 1))
  fi
}
skip() { SKIPPED[$t]=$((SKIPPED[$t] + 1)); log "SKIPPED: $1: $2"; echo "SKIPPED: $t: $1: $2"; NOTES[$t]+="$1 skipped; "; }
# Runs a target program: natively, under qemu-user or under wine.
on_target() {
  case ${RUNNER[$t]} in
    native) "$@" ;;
    qemu-*) timeout 600 "${RUNNER[$t]}" -L "${QEMU_L[$t]}" "$@" ;;
    wine) WINEPREFIX=$work/wineprefix WINEDEBUG=-all timeout 600 "$wine" "$@" ;;
  esac
}
# Waits until no process of the prefix is left (and the wineserver has exited).
wine_prefix_settled() {
  on_target wineboot --init && WINEPREFIX=$work/wineprefix timeout 600 "$wineserver" -w
}
cc_t() { "${CC[$t]}" "$@"; }
cxx_t() { "${CXX[$t]}" "$@"; }
link_fails_on_imports() {
  local output
  if output=$(cc_t -std=c11 -I"$root/include" -I"$root/tests/c" tests/c/constants_test.c "$1" -o "$2" 2>&1); then
    echo "linked: a dllimport declaration was satisfied by the static archive"; return 1
  fi
  echo "$output" | head -n 3
  grep -q '__imp_rpc_' <<<"$output"
}
strict=(-Wall -Wextra -Wpedantic -Werror)
cflags=("${strict[@]}" -Wconversion -std=c11 -O2 -I"$root/include" -I"$root/tests/c")
# The C++ warnings of the native header tests (tests/integration/cpp_header.rs).
cxx_warnings=("${strict[@]}" -Wconversion -Wsign-conversion -Wold-style-cast -Wzero-as-null-pointer-constant -Wshadow)
cxxflags=("${cxx_warnings[@]}" -std=c++17 -O2 -I"$root/include" -I"$root/tests/c")

# timeout_result::value() on an error ends the program by abort() (SIGABRT, exit status 134 from
# the shell; 3 on Windows) with the header's message on stderr and nothing on stdout.
aborts_with_its_message() {
  local program=$1 want=$2 status stderr
  stderr=$(on_target "$program" 2>&1 >"$program.stdout"); status=$?
  echo "exit status $status; stderr: $stderr; stdout: $(cat "$program.stdout")"
  [ "$status" = "$want" ] && [ ! -s "$program.stdout" ] &&
    grep -qF "rpc_constants: timeout_result::value() on an error: negative timeout" <<<"$stderr"
}
# A copy of rpc_constants.hpp whose kDefaultInitMethod is the library's array again (what the
# header did before: a link dependency at -O0, not a constant expression under dllimport). The
# constants-only program built on it must fail as `expect` says: "compile" or "link".
planted_string_constant_fails() {
  local expect=$1; shift
  local planted=$work/$t/planted-include output
  mkdir -p "$planted"
  cp "$root"/include/*.h "$planted/"
  sed 's/kDefaultInitMethod = RPC_DEFAULT_INIT_METHOD;/kDefaultInitMethod = rpc_default_init_method;/' \
    "$root/include/rpc_constants.hpp" >"$planted/rpc_constants.hpp"
  grep -q 'kDefaultInitMethod = rpc_default_init_method;' "$planted/rpc_constants.hpp" || { echo "the plant did not apply"; return 1; }
  if output=$(cxx_t "${cxx_warnings[@]}" -std=c++17 -I"$planted" -I"$root/tests/c" "$@" tests/c/hpp_constants_only.cpp -o "$work/$t/planted$exe" 2>&1); then
    echo "the planted header built"; return 1
  fi
  echo "$output" | grep -m 2 -E 'error|undefined'
  case $expect in
    compile) grep -q 'is not a constant expression' <<<"$output" ;;
    link) grep -q "undefined reference to .rpc_default_init_method" <<<"$output" ;;
  esac
}

# The C++ programs against rpc_constants.hpp: the header test (shared and static), PyTorch-style
# agent code unchanged (shared and static), a program using only constants (no library at all),
# value() on an error aborting, and the planted fault above.
cxx_checks() {
  local shared_libs=("${!1}") static_libs=("${!2}") static_define=$3 abort_status=$4 plant=$5 cxx_link=("${@:6}")
  cxx=1
  for std in c++17 c++20; do
    check "rpc_constants.hpp compiles: -std=$std" cxx_t "${cxx_warnings[@]}" -std=$std -I"$root/include" -I"$root/tests/c" -fsyntax-only tests/c/hpp_test.cpp
  done
  for kind in shared static; do
    if [ $kind = shared ]; then libs=("${shared_libs[@]}") define=(); else libs=("${static_libs[@]}") define=($static_define); fi
    for program in hpp_test dropin; do
      check "$program.cpp ($kind) builds" cxx_t "${cxxflags[@]}" "${define[@]}" tests/c/$program.cpp "${libs[@]}" "${cxx_link[@]}" -o "$out/${program}_$kind$exe"
      check "$program.cpp ($kind)" on_target "$out/${program}_$kind$exe"
    done
  done
  for opt in -O0 -O2; do
    check "hpp_constants_only.cpp $opt links no library" cxx_t "${cxx_warnings[@]}" -std=c++17 $opt -I"$root/include" -I"$root/tests/c" tests/c/hpp_constants_only.cpp "${cxx_link[@]}" -o "$out/constants_only$opt$exe"
    check "hpp_constants_only.cpp $opt" on_target "$out/constants_only$opt$exe"
  done
  check "hpp_value_on_error.cpp builds" cxx_t "${cxxflags[@]}" tests/c/hpp_value_on_error.cpp "${shared_libs[@]}" "${cxx_link[@]}" -o "$out/value_on_error$exe"
  check "hpp_value_on_error.cpp aborts with its message (status $abort_status)" aborts_with_its_message "$out/value_on_error$exe" "$abort_status"
  check "planted: a string constant from the library's array fails to $plant" planted_string_constant_fails "$plant" -O0 "${cxx_link[@]}"
  cxx=0
}

header_symbols=$(python3 tools/cross/symbols.py include/rpc_constants.h)
# symbols.h for tests/c/stress.c, which dlsyms every declared symbol.
{
  echo "/* Generated by tools/cross/run.sh from rpc_constants.h. */"
  echo "static const char *const symbols[] = {"
  while read -r name; do echo "    \"$name\","; done <<<"$header_symbols"
  echo "};"
  echo "#define NSYMBOLS (sizeof symbols / sizeof symbols[0])"
} >"$work/symbols.h"
python3 tools/cross/layout.py src "$work" >/dev/null
# A program that references every symbol the header declares (by address; only the link and the
# count matter). Linked against the static archive, whose members the linker pulls only as they
# are referenced: the panic handler's member, whose call to the undefined guard symbol then fails
# the link (lib.rs), comes in only if some exported function can reach a panic. On Windows this
# is the panic-freedom proof (build.rs); on ELF it repeats the shared library's -z defs link.
{
  echo "/* Generated by tools/cross/run.sh from rpc_constants.h: every declared symbol, referenced. */"
  echo "#include <stdio.h>"
  while read -r name; do echo "extern char $name[];"; done <<<"$header_symbols"
  echo "static const void *const every[] = {"
  while read -r name; do echo "    $name,"; done <<<"$header_symbols"
  echo "};"
  echo "int main(void) {"
  echo "    size_t i, n = 0;"
  echo "    for (i = 0; i < sizeof every / sizeof every[0]; i++) n += every[i] != NULL;"
  echo '    printf("every_symbol: %u of %u symbols linked\n", (unsigned)n, (unsigned)(sizeof every / sizeof every[0]));'
  echo "    return n == $(wc -l <<<"$header_symbols") ? 0 : 1;"
  echo "}"
} >"$work/every_symbol.c"

elf_checks() {
  local so=$1 want_needed=$2
  check "exports equal the header's declarations" diff <(
    # Fields by pattern, not position: ppc64le adds a [<localentry>: 8] column.
    readelf --dyn-syms -W "$so" | awk '/ GLOBAL / && !/ UND / && (/ FUNC / || / OBJECT /) {print $NF}' | sort
  ) <(echo "$header_symbols")
  check "NEEDED is [${want_needed}]" test "$(readelf -dW "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ' | sed 's/ $//')" = "$want_needed"
  check "SONAME librpc_constants.so.${version%.*}" test "$(readelf -dW "$so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')" = "librpc_constants.so.${version%.*}"
  check "the SONAME link in the profile directory" test "$(readlink "$(dirname "$so")/librpc_constants.so.${version%.*}")" = librpc_constants.so
  check "no load-time code (DT_INIT/FINI, init/fini arrays)" bash -c "! readelf -dW '$so' | grep -E '\((INIT|FINI|INIT_ARRAY|FINI_ARRAY|PREINIT_ARRAY)\)'"
  check "stripped" bash -c "! readelf -SW '$so' | grep -E ' \.(symtab|debug_)'"
}

for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  out=$work/$t
  rel=$target_dir/$t/release
  echo "cross: testing $t (${RUNNER[$t]})"
  # A new wine prefix goes on initialising in the background (services, rundll32, iexplore) after
  # the first program ends; a program's CreateProcess during that can fail (seen: error 1359 in
  # readonly_test_win on a loaded machine). So the prefix is created and left to settle first.
  if [ "${RUNNER[$t]}" = wine ]; then
    check "wine prefix initialised (wineboot --init, wineserver -w)" wine_prefix_settled
  fi
  # The header on its own, with this target's compiler, in every C standard it knows.
  for std in c99 c11 c17 c2x; do
    check "header compiles: -std=$std ${strict[*]}" cc_t -std=$std "${strict[@]}" -Wconversion -I"$root/include" -fsyntax-only tests/c/header_matrix.c
  done
  # The C/Rust layout of every type the header declares, compared on the target.
  check "rustc compiles the layout object" rustc --edition 2021 --crate-type lib --target "$t" -O --emit "obj=$out/layout.o" "$work/layout.rs"
  exe=; case $t in *-windows-*) exe=.exe ;; esac
  check "layout_test builds" cc_t "${cflags[@]}" -I"$work" tools/cross/layout_test.c "$out/layout.o" -o "$out/layout_test$exe"
  check "layout_test: C and Rust agree" on_target "$out/layout_test$exe"
  check "every exported symbol links from the static archive: no reachable panic" cc_t -std=c11 -O2 "$work/every_symbol.c" "$target_dir/$t/release/librpc_constants.a" -o "$out/every_symbol$exe"
  check "every_symbol (static)" on_target "$out/every_symbol$exe"

  case $t in
  *-windows-*)
    dll=$rel/rpc_constants.dll
    SIZE[$t]="dll $(stat -c %s "$dll"), .dll.a $(stat -c %s "$rel/librpc_constants.dll.a"), .a $(stat -c %s "$rel/librpc_constants.a")"
    check "the import library and the static archive exist" test -s "$rel/librpc_constants.dll.a" -a -s "$rel/librpc_constants.a"
    check "DLL exports equal the header's declarations" diff <(
      x86_64-w64-mingw32-objdump -p "$dll" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' | awk '/^\t\[/ {print $NF}' | sort
    ) <(echo "$header_symbols")
    check "DLL imports nothing (no DLL Name entry)" bash -c "! x86_64-w64-mingw32-objdump -p '$dll' | grep 'DLL Name'"
    check "DLL has no entry point (no DllMain)" bash -c "x86_64-w64-mingw32-objdump -p '$dll' | grep -E 'AddressOfEntryPoint\s+0+$'"
    for std in c99 c11 c17 c2x; do
      check "header compiles with -DRPC_CONSTANTS_STATIC: -std=$std ${strict[*]}" cc_t -std=$std "${strict[@]}" -Wconversion -DRPC_CONSTANTS_STATIC -I"$root/include" -fsyntax-only tests/c/header_matrix.c
    done
    cp "$dll" "$out/"
    dll=$out/rpc_constants.dll
    # DLL consumers through the import library (the header's __declspec(dllimport) data).
    check "constants_test (DLL) builds" cc_t "${cflags[@]}" tests/c/constants_test.c -L"$rel" -l:librpc_constants.dll.a -o "$out/constants_dll.exe"
    check "constants_test (DLL)" on_target "$out/constants_dll.exe" "$version"
    check "semantics_test (DLL) builds" cc_t "${cflags[@]}" tests/c/semantics_test.c -L"$rel" -l:librpc_constants.dll.a -o "$out/semantics_dll.exe"
    check "semantics_test (DLL)" on_target "$out/semantics_dll.exe"
    check "fpenv_test (DLL) builds" cc_t "${cflags[@]}" -frounding-math tests/c/fpenv_test.c -L"$rel" -l:librpc_constants.dll.a -o "$out/fpenv_dll.exe"
    check "fpenv_test (DLL)" on_target "$out/fpenv_dll.exe"
    # Static consumers: RPC_CONSTANTS_STATIC, the archive. Every exported symbol is used
    # (constants_test and semantics_test call them all),
    # so this link is also the panic-freedom proof on this target (see build.rs).
    check "constants_test (static) builds: no reachable panic" cc_t "${cflags[@]}" -DRPC_CONSTANTS_STATIC tests/c/constants_test.c "$rel/librpc_constants.a" -o "$out/constants_static.exe"
    check "constants_test (static)" on_target "$out/constants_static.exe" "$version"
    check "semantics_test (static) builds: no reachable panic" cc_t "${cflags[@]}" -DRPC_CONSTANTS_STATIC tests/c/semantics_test.c "$rel/librpc_constants.a" -o "$out/semantics_static.exe"
    check "semantics_test (static)" on_target "$out/semantics_static.exe"
    # A static link that forgets RPC_CONSTANTS_STATIC fails at link time (undefined __imp_*),
    # never at run time.
    check "a static link without RPC_CONSTANTS_STATIC fails to link (undefined __imp_rpc_*)" link_fails_on_imports "$rel/librpc_constants.a" "$out/forgot_static.exe"
    # LoadLibrary/GetProcAddress through a dlfcn shim (tools/cross/win/dlfcn.h).
    check "stress (LoadLibrary) builds" cc_t "${cflags[@]}" -I"$root/tools/cross/win" -I"$work" tests/c/stress.c -static -pthread -o "$out/stress.exe"
    check "stress (LoadLibrary, 2 threads x 20 cycles)" on_target "$out/stress.exe" "$dll" 2 20
    mkdir -p "$out/a" "$out/b"
    cp "$dll" "$out/a/"
    python3 tools/cross/patch_copy.py "$dll" "$out/b/rpc_constants.dll"
    check "two_copies (LoadLibrary) builds" cc_t "${cflags[@]}" -I"$root/tools/cross/win" tests/c/two_copies.c -o "$out/two_copies.exe"
    check "two_copies (LoadLibrary)" on_target "$out/two_copies.exe" "$out/a/rpc_constants.dll" "$out/b/rpc_constants.dll" env:// tcp://
    # No fork() on Windows: each write runs in a child process (CreateProcess) whose
    # unhandled-exception filter reports a write access violation by its exit code.
    check "readonly_test_win builds" cc_t "${cflags[@]}" tests/c/readonly_test_win.c -L"$rel" -l:librpc_constants.dll.a -o "$out/readonly_test_win.exe"
    check "readonly_test_win" on_target "$out/readonly_test_win.exe" "$dll"
    # The C++ runtime linked in, so that wine needs no libstdc++ DLL beside the programs.
    dll_libs=(-L"$rel" -l:librpc_constants.dll.a) archive=("$rel/librpc_constants.a")
    cxx_checks dll_libs[@] archive[@] -DRPC_CONSTANTS_STATIC 3 compile -static-libgcc -static-libstdc++
    ;;
  *)
    so=$rel/librpc_constants.so
    SIZE[$t]=".so $(stat -c %s "$so"), .a $(stat -c %s "$rel/librpc_constants.a")"
    needed=""
    case $t in armv7-*) needed=libc.so.6 ;; esac
    elf_checks "$so" "$needed"
    lib=$out/lib
    mkdir -p "$lib"
    ln -s "$so" "$lib/librpc_constants.so"
    ln -s "$so" "$lib/librpc_constants.so.${version%.*}"
    shared=(-L"$lib" -lrpc_constants -Wl,-rpath,"$lib")
    fpenv_flags=(-frounding-math)
    # i686: the library's float code is SSE2 (Rust's i686 targets assume it), so the test sets
    # MXCSR too, and compares in SSE, as -ffast-math code built for SSE would.
    case $t in i686-*) fpenv_flags+=(-msse2 -mfpmath=sse) ;; esac
    for kind in shared static; do
      if [ $kind = shared ]; then libs=("${shared[@]}"); else libs=("$rel/librpc_constants.a"); fi
      check "constants_test ($kind) builds" cc_t "${cflags[@]}" tests/c/constants_test.c "${libs[@]}" -o "$out/constants_$kind"
      check "constants_test ($kind)" on_target "$out/constants_$kind" "$version"
      check "semantics_test ($kind) builds" cc_t "${cflags[@]}" tests/c/semantics_test.c "${libs[@]}" -lm -o "$out/semantics_$kind"
      check "semantics_test ($kind)" on_target "$out/semantics_$kind"
      check "fpenv_test ($kind) builds" cc_t "${cflags[@]}" "${fpenv_flags[@]}" tests/c/fpenv_test.c "${libs[@]}" -lm -o "$out/fpenv_$kind"
      check "fpenv_test ($kind)" on_target "$out/fpenv_$kind"
    done
    check "stress (dlopen) builds" cc_t "${cflags[@]}" -I"$work" tests/c/stress.c -ldl -lm -pthread -o "$out/stress"
    # qemu-i386 (7.2) hangs in pthread_create (a 5-line program does too): one thread there.
    threads=2
    if [ "${RUNNER[$t]}" = qemu-i386 ]; then threads=1; fi
    check "stress (dlopen, $threads threads x 20 cycles)" on_target "$out/stress" "$so" $threads 20
    mkdir -p "$out/a" "$out/b"
    cp "$so" "$out/a/librpc_constants.so"
    python3 tools/cross/patch_copy.py "$so" "$out/b/librpc_constants.so"
    check "two_copies builds" cc_t "${cflags[@]}" tests/c/two_copies.c -ldl -o "$out/two_copies"
    check "two_copies" on_target "$out/two_copies" "$out/a/librpc_constants.so" "$out/b/librpc_constants.so" env:// tcp://
    check "readonly_test builds" cc_t "${cflags[@]}" -D_GNU_SOURCE tests/c/readonly_test.c "${shared[@]}" -ldl -o "$out/readonly_test"
    if [ "${RUNNER[$t]}" = qemu-i386 ]; then
      # qemu-i386 (7.2) hangs on any write to read-only data (a 5-line program does too)
      # instead of delivering SIGSEGV; the program is built, and runs on real i686 hardware.
      skip "readonly_test run" "qemu-i386 hangs on a write to read-only memory (qemu bug)"
    else
      check "readonly_test" on_target "$out/readonly_test" "$so"
    fi
    if [ "${CXX[$t]}" = - ]; then
      skip "C++ programs" "no C++ toolchain for this target in Debian"
    else
      archive=("$rel/librpc_constants.a")
      cxx_checks shared[@] archive[@] "" 134 link
    fi
    ;;
  esac
done

# Stop the wineserver this run started (it would keep the prefix busy for a few seconds).
if [ -d "$work/wineprefix" ]; then
  WINEPREFIX=$work/wineprefix "$wineserver" -k 2>/dev/null || true
fi

echo
echo "cross: built in $((built - start)) s, tested in $(( $(date +%s) - built )) s"
printf '%-31s %-13s %5s %5s %5s  %-9s %s\n' target runs pass fail skip "c++ pass" "artifact sizes (bytes)"
failed=0
for t in "${targets[@]}"; do
  if [ "${CXX[$t]}" = - ]; then cpp=none; else cpp="${CXX_PASS[$t]}/$((CXX_PASS[$t] + CXX_FAIL[$t]))"; fi
  printf '%-31s %-13s %5d %5d %5d  %-9s %s\n' "$t" "${RUNNER[$t]}" "${PASS[$t]}" "${FAIL[$t]}" "${SKIPPED[$t]}" "$cpp" "${SIZE[$t]:-}"
  [ -z "${NOTES[$t]}" ] || printf '%-31s   %s\n' "" "${NOTES[$t]}"
  [ "${FAIL[$t]}" -eq 0 ] || failed=1
done
if [ $not_run -gt 0 ] && in_ci; then
  echo "cross: $not_run target(s) NOT RUN under CI=true: .ci/run must install their tools" >&2
  failed=1
fi
exit $failed
