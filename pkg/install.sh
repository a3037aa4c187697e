#!/bin/sh
# `make install` and `make uninstall`. The files rpc_constants installs are listed once, in
# installed_files below; `install` installs each and prints where, `uninstall` removes exactly
# those. The Makefile passes DESTDIR, PREFIX, LIBDIR, INCLUDEDIR, VERSION, SO, ARCHIVE, INSTALL
# and READELF, and runs this from the source tree. It never builds: `make` did (as the user,
# not as root).
set -eu
action=$1
pcdir=$LIBDIR/pkgconfig
cmakedir=$LIBDIR/cmake/rpc_constants
realname=librpc_constants.so.$VERSION

installed_files() {
    file 755 "$SO" "$LIBDIR/$realname"
    # cargo-c's links: SONAME -> real name (none for 0.0.z, whose SONAME is the real name), and
    # the development link -> real name.
    if [ -n "$soname" ] && [ "$soname" != "$realname" ]; then link "$realname" "$LIBDIR/$soname"; fi
    link "$realname" "$LIBDIR/librpc_constants.so"
    file 644 "$ARCHIVE" "$LIBDIR/librpc_constants.a"
    file 644 include/rpc_constants.h "$INCLUDEDIR/rpc_constants.h"
    file 644 include/rpc_constants.hpp "$INCLUDEDIR/rpc_constants.hpp"
    configured pkg/rpc_constants.pc.in "$pcdir/rpc_constants.pc"
    configured pkg/rpc_constantsConfig.cmake.in "$cmakedir/rpc_constantsConfig.cmake"
    configured pkg/rpc_constantsConfigVersion.cmake.in "$cmakedir/rpc_constantsConfigVersion.cmake"
}

fail() {
    echo "make $action: $1" >&2
    exit 1
}

# The SONAME a library file declares (build.rs applies cargo-c's rule when linking it).
soname_of() {
    "$READELF" -d "$1" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p'
}

# The path from directory $1 to directory $2, so that installed files find each other wherever
# the tree is staged (DESTDIR) or moved.
relative() {
    realpath -m --relative-to="$1" "$2"
}

case $action in
install)
    for built in "$SO" "$ARCHIVE"; do
        [ -f "$built" ] || fail "$built is not built: run \`make\` first (as yourself, not as root)"
    done
    command -v "$READELF" >/dev/null || fail "\`$READELF\` not found (install binutils)"
    command -v realpath >/dev/null || fail "\`realpath\` not found (install coreutils)"
    soname=$(soname_of "$SO")
    [ -n "$soname" ] || fail "$SO has no SONAME"
    file() {
        "$INSTALL" -d "$DESTDIR$(dirname "$3")"
        "$INSTALL" -m "$1" "$2" "$DESTDIR$3"
        echo "  $DESTDIR$3"
    }
    link() {
        ln -sfn "$1" "$DESTDIR$2"
        echo "  $DESTDIR$2 -> $1"
    }
    # A template with the version, the SONAME and the relative paths filled in.
    configured() {
        "$INSTALL" -d "$DESTDIR$(dirname "$2")"
        sed -e "s|@VERSION@|$VERSION|g" -e "s|@SONAME@|$soname|g" -e "s|@REALNAME@|$realname|g" \
            -e "s|@PC_TO_PREFIX@|$(relative "$pcdir" "$PREFIX")|g" \
            -e "s|@PC_TO_LIBDIR@|$(relative "$pcdir" "$LIBDIR")|g" \
            -e "s|@PC_TO_INCLUDEDIR@|$(relative "$pcdir" "$INCLUDEDIR")|g" \
            -e "s|@CMAKE_TO_LIBDIR@|$(relative "$cmakedir" "$LIBDIR")|g" \
            -e "s|@CMAKE_TO_INCLUDEDIR@|$(relative "$cmakedir" "$INCLUDEDIR")|g" "$1" >"$DESTDIR$2"
        chmod 644 "$DESTDIR$2"
        echo "  $DESTDIR$2"
    }
    echo "rpc_constants $VERSION installed:"
    installed_files
    ;;
uninstall)
    # The SONAME of the installed library, if it is still there; the links go only while they
    # still point at this version's library (another SONAME's library beside ours stays).
    soname=
    if [ -f "$DESTDIR$LIBDIR/$realname" ]; then soname=$(soname_of "$DESTDIR$LIBDIR/$realname"); fi
    file() { rm -f "$DESTDIR$3"; }
    link() { if [ "$(readlink "$DESTDIR$2")" = "$1" ]; then rm -f "$DESTDIR$2"; fi; }
    configured() { rm -f "$DESTDIR$2"; }
    installed_files
    # Then the package's own directory; in a staged tree (DESTDIR), every directory install
    # created, once empty. On a live system the shared ones (lib, include, pkgconfig, cmake)
    # stay. Running it twice is fine.
    if [ -z "$DESTDIR" ]; then
        rmdir "$cmakedir" 2>/dev/null || true
    else
        for d in "$cmakedir" "$pcdir" "$INCLUDEDIR"; do
            while [ "$d" != / ]; do
                if [ -d "$DESTDIR$d" ]; then rmdir "$DESTDIR$d" 2>/dev/null || break; fi
                d=$(dirname "$d")
            done
        done
    fi
    ;;
*)
    echo "usage: pkg/install.sh install|uninstall" >&2
    exit 2
    ;;
esac
