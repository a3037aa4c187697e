#!/usr/bin/env python3
"""Copies a built library with its init method "env://" patched to "tcp://" (the second copy for
tests/c/two_copies.c, as tests/integration/programs.rs makes it). The string must occur once."""
import sys

data = open(sys.argv[1], "rb").read()
if data.count(b"env://\0") != 1:
    sys.exit(f"{sys.argv[1]}: \"env://\" occurs {data.count(b'env://' + bytes(1))} times, not once")
open(sys.argv[2], "wb").write(data.replace(b"env://\0", b"tcp://\0"))
