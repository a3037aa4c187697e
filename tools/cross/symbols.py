#!/usr/bin/env python3
"""Prints the names rpc_constants.h declares (exported statics and functions), one a line, sorted.

The same reading as tests/integration/support/declarations.rs (declared_symbols): a declaration starts
at the beginning of a line, outside comments and type definitions; one that leaves a
parenthesis open (a wrapped parameter list) is joined with the lines that close it. The optional
data-import macro before `extern` is part of the line's head and not a name.
"""
import re
import sys

lines = []
joining = False
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    if joining:
        lines[-1] += " " + line.strip()
    else:
        lines.append(line)
    last = lines[-1]
    joining = last[:1].isalpha() and last.count("(") > last.count(")")

names = []
in_comment = in_type = False
for line in lines:
    if in_comment:
        in_comment = "*/" not in line
        continue
    if line.startswith("/*"):
        in_comment = "*/" not in line
        continue
    if line.startswith("typedef ") and line.endswith("{"):
        in_type = True
    if in_type:
        in_type = not line.startswith("}")
        continue
    if line.startswith((" ", "#", "}")) or not line.endswith(";") or line.startswith('extern "C"'):
        continue
    if line.startswith("typedef "):  # a function pointer type declares no symbol
        continue
    head = re.split(r"[(\[;]", line, maxsplit=1)[0]
    name = re.split(r"[^A-Za-z0-9_]", head)[-1]
    if not name:
        sys.exit(f"cannot read a declaration: {line}")
    names.append(name)
print("\n".join(sorted(names)))
