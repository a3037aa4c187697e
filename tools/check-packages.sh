#!/usr/bin/env bash
# The packages, built and used as a distribution or a Conan user would, from a copy of the tree:
#   1. `dpkg-buildpackage -us -uc -b` (debian/): both packages built, their files listed, lintian
#      run (any error or warning fails but the one docs/install.md explains); a cross build refused;
#   2. the same with one export added to the library (a constant appended to src/spec/defs.rs):
#      the build must fail at dh_makeshlibs, whose symbols check is strict (-c4);
#   3. both packages installed with dpkg -i, then the pkg-config, CMake and Meson examples and
#      the CMake from-source example (which must pick the installed copy) built and run against
#      them, then the packages removed and none of their files left (needs root);
#   4. `conan create . -nr` (shared, the default, and static) with its test_package, in an empty
#      Conan home and offline (no Conan remote, and cargo with CARGO_NET_OFFLINE after
#      `cargo fetch --locked`); the test_package programs load the library only when it is
#      shared, and the headers-only one never.
# Run by .ci/run after the test tiers; by hand: tools/check-packages.sh. Prints each step's time.
# MESON and CONAN name the tools if they are not on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=$(sed -n 's/^version = "\([^"]*\)"/\1/p' Cargo.toml | head -n 1)
meson=${MESON:-meson}
conan=${CONAN:-conan}
work=$(mktemp -d)
installed=""
# A failed step must not leave the packages on the machine.
cleanup() {
  if [ -n "$installed" ]; then dpkg -r librpc-constants-dev librpc-constants0.1 >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "check-packages: failed: \`$BASH_COMMAND\` (line $LINENO)" >&2' ERR
for tool in dpkg-buildpackage lintian dpkg cmake make pkg-config readelf "$meson" "$conan" git cargo; do
  command -v "$tool" >/dev/null || { echo "check-packages: \`$tool\` not found" >&2; exit 1; }
done
step() { echo; echo "== check-packages: $*"; SECONDS=0; }
took() { echo "   ($SECONDS s)"; }

# A copy of the tracked files and of new ones not yet added (not ignored), as the tests' fresh
# copies (tests/integration/support/trees.rs): what a clone has once they are committed.
copy_tree() {
  mkdir -p "$1"
  git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
    [ -e "$f" ] && printf '%s\0' "$f"
  done | tar --null -cf - -T - | tar -xf - -C "$1"
}

step "dpkg-buildpackage -us -uc -b"
copy_tree "$work/deb/rpc_constants"
(cd "$work/deb/rpc_constants" && dpkg-buildpackage -us -uc -b >"$work/deb/build.log" 2>&1) ||
  { tail -40 "$work/deb/build.log"; echo "check-packages: dpkg-buildpackage failed" >&2; exit 1; }
took
runtime=$work/deb/librpc-constants0.1_${version}_$(dpkg --print-architecture).deb
dev=$work/deb/librpc-constants-dev_${version}_$(dpkg --print-architecture).deb
for deb in "$runtime" "$dev"; do
  echo "$(basename "$deb"):"
  dpkg-deb -c "$deb" | awk '{print "   " $6 ($7 ? " " $7 " " $8 : "")}'
done
step "lintian (errors and warnings fail)"
# The one warning that stays: the library needs no other library, not even libc, by design.
lintian --fail-on error,warning --suppress-tags shared-library-lacks-prerequisites "$work"/deb/*.changes
took

step "a cross build is refused, naming why"
if (cd "$work/deb/rpc_constants" && DEB_HOST_ARCH=arm64 debian/rules clean >"$work/deb/cross.log" 2>&1); then
  echo "check-packages: debian/rules accepted a cross build" >&2; exit 1
fi
grep "does not cross-build" "$work/deb/cross.log" | sed 's/^/   /' ||
  { cat "$work/deb/cross.log"; echo "check-packages: the cross build failed without saying why" >&2; exit 1; }
took

step "a new export without its line in debian/librpc-constants0.1.symbols fails the package build"
copy_tree "$work/plant/rpc_constants"
python3 - "$work/plant/rpc_constants/src/spec/defs.rs" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
entry = '''    Def {
        origin: Origin::PythonOnly { python: "TEST_ONLY_EXTRA", cpp_style: "kTestOnlyExtra" },
        symbol: "rpc_test_only_extra",
        unit: "things",
        summary: "A constant appended by the packaging check.",
        details: "",
        value: Value::Int32(7),
        hpp: Hpp::Int,
    },
'''
end = text.rindex("];")
open(path, "w").write(text[:end] + entry + text[end:])
PY
if (cd "$work/plant/rpc_constants" && dpkg-buildpackage -us -uc -b >"$work/plant/build.log" 2>&1); then
  echo "check-packages: the package built although an export was added" >&2; exit 1
fi
grep -q "rpc_test_only_extra" "$work/plant/build.log" && grep -q "dpkg-gensymbols" "$work/plant/build.log" ||
  { tail -30 "$work/plant/build.log"; echo "check-packages: the build failed, but not at the symbols check" >&2; exit 1; }
grep -m 3 "dpkg-gensymbols\|rpc_test_only_extra" "$work/plant/build.log" | sed 's/^/   /'
took

step "dpkg -i, the examples against the installed packages, dpkg -r"
if [ "$(id -u)" != 0 ]; then
  [ -z "${CI:-}" ] || { echo "check-packages: CI must run this as root" >&2; exit 1; }
  echo "NOT RUN: installing the packages needs root"
else
  if dpkg -s librpc-constants0.1 >/dev/null 2>&1 || dpkg -s librpc-constants-dev >/dev/null 2>&1; then
    echo "check-packages: rpc_constants packages are already installed; remove them first" >&2; exit 1
  fi
  installed=yes
  dpkg -i "$runtime" "$dev" >/dev/null
  files=$(dpkg -L librpc-constants0.1 librpc-constants-dev | grep -E 'rpc[-_]constants')
  out=$work/use
  mkdir -p "$out"
  cp -r examples/pkg-config examples/cmake examples/cmake-subproject examples/meson "$out/"
  make -s -C "$out/pkg-config" >/dev/null
  "$out/pkg-config/timeouts" | head -n 1
  cmake -S "$out/cmake" -B "$out/cmake/build" >/dev/null
  cmake --build "$out/cmake/build" >/dev/null
  "$out/cmake/build/print_constants" | head -n 1
  cmake -S "$out/cmake-subproject" -B "$out/cmake-subproject/build" -DRPC_CONSTANTS_SOURCE="$root" >/dev/null
  grep -q "^rpc_constants_DIR:PATH=/usr/lib/.*/cmake/rpc_constants" "$out/cmake-subproject/build/CMakeCache.txt" ||
    { echo "check-packages: FetchContent did not pick the installed package" >&2; exit 1; }
  cmake --build "$out/cmake-subproject/build" >/dev/null
  "$out/cmake-subproject/build/agent"
  (cd "$out/meson" && "$meson" setup build --wrap-mode=nofallback >/dev/null && "$meson" compile -C build >/dev/null)
  "$out/meson/build/agent"
  for program in "$out/pkg-config/timeouts" "$out/cmake/build/print_constants" \
                 "$out/cmake-subproject/build/agent" "$out/meson/build/agent"; do
    # grep reads all of ldd's output (no -q): under pipefail, an early exit would SIGPIPE ldd.
    ldd "$program" | grep -E "librpc_constants.so.* => /(usr/)?lib/" >/dev/null ||
      { echo "check-packages: $program does not load the packaged library" >&2; exit 1; }
  done
  dpkg -r librpc-constants-dev librpc-constants0.1 >/dev/null
  installed=""
  left=""
  for f in $files; do if [ -e "$f" ] || [ -L "$f" ]; then left="$left $f"; fi; done
  [ -z "$left" ] || { echo "check-packages: dpkg -r left$left" >&2; exit 1; }
  echo "   installed, used by four consumers, removed: no file left"
fi
took

# What `conan create` runs offline needs in cargo's cache (docs/install.md).
cargo fetch --locked --quiet
for shared in True False; do
  step "conan create . -nr (shared=$shared), offline"
  copy_tree "$work/conan-$shared/rpc_constants"
  export CONAN_HOME=$work/conan-home
  "$conan" profile detect --exist-ok >/dev/null 2>&1
  (cd "$work/conan-$shared/rpc_constants" &&
   CARGO_NET_OFFLINE=true "$conan" create . -nr -o "rpc_constants/*:shared=$shared" \
     >"$work/conan-$shared/log" 2>&1) ||
    { tail -40 "$work/conan-$shared/log"; echo "check-packages: conan create failed" >&2; exit 1; }
  grep -E "^(C|C\+\+|headers): " "$work/conan-$shared/log" | sort -u | sed 's/^/   /'
  # What each test_package program loads: the library when shared, never for the headers alone.
  for program in test_package_c test_package_headers; do
    path=$(find "$work/conan-$shared/rpc_constants/test_package" -name "$program" -type f | head -n 1)
    [ -n "$path" ] || { echo "check-packages: conan built no $program" >&2; exit 1; }
    loads=no; readelf -d "$path" | grep "NEEDED.*librpc_constants" >/dev/null && loads=yes
    expected=no; [ "$shared" = True ] && [ "$program" = test_package_c ] && expected=yes
    [ "$loads" = "$expected" ] ||
      { echo "check-packages: $program (shared=$shared) loads the library: $loads, expected $expected" >&2; exit 1; }
  done
  took
done
echo
echo "check-packages: every package built, checked and used"
