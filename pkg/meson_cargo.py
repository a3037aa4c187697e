"""Meson's cargo step (meson.build): builds the release library into TARGET_DIR, then puts the
shared library under its own name and its SONAME (what a program linked with it loads) and the
static archive in OUT_DIR, where Meson expects its outputs. A file whose content is unchanged is
left alone, so that nothing relinks when cargo had nothing to do.

usage: meson_cargo.py CARGO MANIFEST TARGET_DIR OUT_DIR SONAME
"""
import filecmp
import os
import shutil
import subprocess
import sys

cargo, manifest, target_dir, out_dir, soname = sys.argv[1:]
env = dict(os.environ, CARGO_TARGET_DIR=target_dir)
subprocess.run([cargo, "build", "--release", "--locked", "--manifest-path", manifest], check=True, env=env)
release = os.path.join(target_dir, "release")
for built, name in [("librpc_constants.so", "librpc_constants.so"), ("librpc_constants.so", soname),
                    ("librpc_constants.a", "librpc_constants.a")]:
    source, dest = os.path.join(release, built), os.path.join(out_dir, name)
    if not (os.path.exists(dest) and filecmp.cmp(source, dest, shallow=False)):
        shutil.copy2(source, dest)
