#!/usr/bin/env python3
"""Checks rpc_constants against the real PyTorch, release by release: `make parity`.

For each PyTorch version: the Linux x86_64 wheel is fetched from the package index with pip
(cached under ${XDG_CACHE_HOME:-~/.cache}/rpc_constants/, only the headers and constants.py kept),
then
  * one C++ translation unit includes PyTorch's torch/csrc/distributed/rpc/rpc_agent.h and this
    library's rpc_constants.hpp and static_asserts, for every constant with a C++ name, the same
    value and the same C++ type;
  * torch/distributed/rpc/constants.py is evaluated without importing torch (ast; timedelta is
    the only name it needs) and its Python-only values compared with this library's table;
  * every name constants.py defines must be in the table or in NOT_MIRRORED below.
A name an old release lacks is reported "absent"; only a value or type that differs, or a new
name, fails. One line per version and constant is printed, and target/parity/report.md written.

Usage: parity.py --library LIB.so --include DIR [--report FILE] VERSION...
"""
import argparse
import ast
import ctypes
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

# Names PyTorch's constants.py defines that this library deliberately does not mirror, with why.
# (None at present: every name of 2.0 to 2.15 is mirrored.)
NOT_MIRRORED = {}

RPC_TYPE_FLOAT, RPC_TYPE_INT32, RPC_TYPE_INT64, RPC_TYPE_STRING, RPC_TYPE_INT16, RPC_TYPE_SIZE = 1, 2, 3, 4, 5, 6
CPP_HEADER = "torch/csrc/distributed/rpc/rpc_agent.h"
CONSTANTS_PY = "torch/distributed/rpc/constants.py"
API_PY = "torch/distributed/rpc/api.py"
# C++ names PyTorch defines only in a .cpp file, which the wheel does not ship.
SOURCE_ONLY = {
    "kRPCErrorPrefix": "defined in utils.cpp (`const std::string kRPCErrorPrefix = std::string(\"RPCErr\");`), "
                       "which the wheel does not ship: not compared here (tests/c/expected.h holds it)",
}


class Value(ctypes.Union):
    _fields_ = [("f", ctypes.c_float), ("i32", ctypes.c_int32), ("i64", ctypes.c_int64), ("s", ctypes.c_char_p),
                ("i16", ctypes.c_int16), ("size", ctypes.c_size_t)]


class Constant(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("cpp_name", ctypes.c_char_p), ("symbol", ctypes.c_char_p),
                ("value_type", ctypes.c_int32), ("unit", ctypes.c_char_p), ("value", Value),
                ("doc", ctypes.c_char_p)]


def our_table(library):
    """[(python-or-C++ name, C++ name or '', value, type)] from the built library's own table."""
    lib = ctypes.CDLL(library)
    lib.rpc_constants_count.restype = ctypes.c_size_t
    lib.rpc_constants_at.argtypes = [ctypes.c_size_t]
    lib.rpc_constants_at.restype = ctypes.POINTER(Constant)
    table = []
    for i in range(lib.rpc_constants_count()):
        c = lib.rpc_constants_at(i).contents
        value = {RPC_TYPE_FLOAT: lambda: c.value.f, RPC_TYPE_INT32: lambda: c.value.i32,
                 RPC_TYPE_INT64: lambda: c.value.i64, RPC_TYPE_STRING: lambda: c.value.s.decode(),
                 RPC_TYPE_INT16: lambda: c.value.i16, RPC_TYPE_SIZE: lambda: c.value.size}[c.value_type]()
        table.append((c.name.decode(), c.cpp_name.decode(), value, c.value_type))
    return table


def cache_root():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "rpc_constants")


def fetch(version):
    """The directory holding torch/include and torch/distributed/rpc/constants.py of `version`."""
    root = os.path.join(cache_root(), f"torch-{version}")
    done = os.path.join(root, ".complete-with-api")
    if os.path.exists(done):
        return root
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    with tempfile.TemporaryDirectory(dir=cache_root()) as download:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                        "--platform", "manylinux_2_28_x86_64", "--platform", "manylinux2014_x86_64",
                        "--platform", "manylinux1_x86_64", "--python-version", "3.11",
                        "--quiet", "--dest", download, f"torch=={version}"], check=True)
        wheels = [f for f in os.listdir(download) if f.endswith(".whl")]
        if len(wheels) != 1:
            sys.exit(f"parity: expected one wheel for torch {version}, got {wheels}")
        with zipfile.ZipFile(os.path.join(download, wheels[0])) as wheel:
            for name in wheel.namelist():
                if name.startswith("torch/include/") or name in (CONSTANTS_PY, API_PY):
                    wheel.extract(name, root)
    open(done, "w").close()
    return root


def cpp_definitions(header_text):
    """C++ name -> the text of its constexpr definition in PyTorch's header."""
    found = {}
    for m in re.finditer(r"constexpr\s+([\w:]+)\s+(k\w+)\s*=\s*([^;]*);", header_text):
        found[m.group(2)] = f"{m.group(1)} = {' '.join(m.group(3).split())}"
    return found


# Older releases declared some constants here instead; this header cannot be compiled without
# TensorPipe's own headers (absent from the wheel), so its definitions are compared as text.
OLDER_HEADER = "torch/csrc/distributed/rpc/tensorpipe_agent.h"


def elsewhere(root, cpp, ours, version):
    """The result for a constant rpc_agent.h lacks: found (as text) in OLDER_HEADER, or absent."""
    path = os.path.join(root, "torch/include", OLDER_HEADER)
    definition = cpp_definitions(open(path).read()).get(cpp) if os.path.exists(path) else None
    if definition is None:
        return f"absent in {version}"
    try:
        theirs = ast.literal_eval(definition.split("=", 1)[1].strip())
    except (ValueError, SyntaxError):
        return f"differs: cannot read `{definition}` in {os.path.basename(OLDER_HEADER)}"
    where = f"in {os.path.basename(OLDER_HEADER)}, `{definition}`, compared as text"
    if theirs == ours and type(theirs) is type(ours):
        return f"equal ({where})"
    return f"differs: ours {ours!r} vs theirs {theirs!r} ({where})"


RPC_DIR = "torch/csrc/distributed/rpc"


def read_header(root, name):
    path = os.path.join(root, "torch/include", RPC_DIR, name)
    return open(path).read() if os.path.exists(path) else ""


def member_checks(root, cpp):
    """For a constant whose C++ name is not a `constexpr kName` of rpc_agent.h (a static member,
    an enumerator, a limit of worker_id_t, a default of RpcRetryOptions): (where PyTorch declares
    it, whether this release does, the static_asserts of its value and type), or None."""
    if cpp == "WorkerInfo::MAX_NAME_LEN":
        present = re.search(r"static\s+constexpr\s+size_t\s+MAX_NAME_LEN\b", read_header(root, "rpc_agent.h"))
        return ("rpc_agent.h", present, [
            ("type", "std::is_same_v<decltype(theirs::WorkerInfo::MAX_NAME_LEN), decltype(ours::WorkerInfo::MAX_NAME_LEN)>"),
            ("value", "theirs::WorkerInfo::MAX_NAME_LEN == ours::WorkerInfo::MAX_NAME_LEN")])
    m = re.fullmatch(r"std::numeric_limits<worker_id_t>::(min|max)\(\)", cpp)
    if m:
        present = re.search(r"using\s+worker_id_t\s*=\s*int16_t\s*;", read_header(root, "types.h"))
        ours = "ours::kWorkerIdMin" if m.group(1) == "min" else "ours::kWorkerIdMax"
        return ("types.h", present, [
            ("type", "std::is_same_v<theirs::worker_id_t, ours::worker_id_t>"),
            ("type", f"std::is_same_v<decltype({ours}), const theirs::worker_id_t>"),
            ("value", f"std::numeric_limits<theirs::worker_id_t>::{m.group(1)}() == {ours}")])
    m = re.fullmatch(r"RPCErrorType::(\w+)", cpp)
    if m:
        text = read_header(root, "message.h")
        body = re.search(r"enum\s+RPCErrorType\s*\{([^}]*)\}", text)
        present = body and re.search(rf"\b{m.group(1)}\s*=", body.group(1))
        e = m.group(1)
        return ("message.h", present, [
            ("type", "std::is_enum_v<theirs::RPCErrorType> && std::is_enum_v<ours::RPCErrorType>"),
            ("type", "std::is_same_v<std::underlying_type_t<theirs::RPCErrorType>, "
                     "std::underlying_type_t<ours::RPCErrorType>>"),
            ("type", f"std::is_same_v<decltype(theirs::{e}), theirs::RPCErrorType>"),
            ("value", f"static_cast<long long>(theirs::RPCErrorType::{e}) == "
                      f"static_cast<long long>(ours::RPCErrorType::{e})")])
    m = re.fullmatch(r"RpcRetryOptions::(\w+)", cpp)
    if m:
        body = re.search(r"struct\s+TORCH_API\s+RpcRetryOptions\s*\{(.*?)\n\};", read_header(root, "rpc_agent.h"), re.S)
        present = body and re.search(rf"\b{m.group(1)}\s*\{{", body.group(1))
        f = m.group(1)
        return ("rpc_agent.h", present, [
            ("type", f"std::is_same_v<decltype(theirs::RpcRetryOptions::{f}), decltype(ours::RpcRetryOptions::{f})>"),
            ("value", f"same(theirs::RpcRetryOptions{{}}.{f}, ours::RpcRetryOptions{{}}.{f})")])
    return None


def check_cpp(root, include, table, version):
    """{C++ name: 'equal' | 'absent ...' | 'differs: ...'} from one static_assert translation unit."""
    header = os.path.join(root, "torch/include", CPP_HEADER)
    if not os.path.exists(header):
        return {cpp: f"absent in {version} (no {CPP_HEADER})" for _, cpp, _, _ in table if cpp}
    theirs = cpp_definitions(open(header).read())
    results, asserts = {}, []
    for _, cpp, value, _ in table:
        if not cpp:
            continue
        special = member_checks(root, cpp)
        if special is not None:
            where, present, checks = special
            if not present:
                results[cpp] = f"absent in {version} (not declared in {where})"
                continue
            asserts.extend(f"static_assert({expr}, \"parity {kind} {cpp}\");\n" for kind, expr in checks)
            results[cpp] = f"equal ({where})"
            continue
        if cpp in SOURCE_ONLY:
            results[cpp] = SOURCE_ONLY[cpp]
            continue
        if cpp not in theirs:
            results[cpp] = elsewhere(root, cpp, value, version)
            continue
        # Our const char * constants are literals, as PyTorch's are; their string_view twins
        # compare the text (not the pointers) in a constant expression.
        ours_value = f"std::string_view{{ours::{cpp}View}}" if isinstance(value, str) else f"ours::{cpp}"
        asserts.append(
            f"static_assert(std::is_same_v<std::remove_cv_t<decltype(theirs::{cpp})>, "
            f"std::remove_cv_t<decltype(ours::{cpp})>>, \"parity type {cpp}\");\n"
            f"static_assert(same(theirs::{cpp}, {ours_value}), \"parity value {cpp}\");\n")
        results[cpp] = "equal"
    unit = (f"#include <{CPP_HEADER}>\n#include <rpc_constants.hpp>\n#include <bit>\n#include <chrono>\n#include <cstdint>\n#include <limits>\n"
            "#include <string_view>\n#include <type_traits>\n"
            "namespace theirs = torch::distributed::rpc;\nnamespace ours = rpc_constants;\n"
            "constexpr bool same(float a, float b) {\n"
            "    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);\n}\n"
            "template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>\n"
            "constexpr bool same(T a, T b) { return a == b; }\n"
            "template <typename R, typename P>\n"
            "constexpr bool same(std::chrono::duration<R, P> a, std::chrono::duration<R, P> b) {\n"
            "    return a == b;\n}\n"
            "constexpr bool same(const char *a, std::string_view b) {\n"
            "    return std::string_view{a} == b;\n}\n" + "".join(asserts))
    with tempfile.NamedTemporaryFile("w", suffix=".cpp", delete=False) as tu:
        tu.write(unit)
    compiler = os.environ.get("CXX", "c++")
    try:
        out = subprocess.run([compiler, "-std=c++20", "-fsyntax-only", "-w", f"-I{root}/torch/include",
                              f"-I{root}/torch/include/torch/csrc/api/include", f"-I{include}", tu.name],
                             capture_output=True, text=True)
    finally:
        os.unlink(tu.name)
    failed = set(re.findall(r"parity (type|value) ([\w:<>()]+)", out.stderr))
    for kind, cpp in sorted(failed):
        ours = next(v for _, c, v, _ in table if c == cpp)
        results[cpp] = f"differs in {kind}: ours {ours!r} vs theirs `{theirs.get(cpp, cpp)}`"
    if out.returncode != 0 and not failed:
        sys.exit(f"parity: the C++ check for torch {version} did not compile:\n{out.stderr[-4000:]}")
    return results


def evaluate(node):
    """The value of a constants.py expression, or None when it comes from torch._C."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.BinOp):
        left, right = evaluate(node.left), evaluate(node.right)
        ops = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
               ast.Pow: lambda a, b: a ** b, ast.FloorDiv: lambda a, b: a // b}
        return None if left is None or right is None else ops[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = evaluate(node.operand)
        return None if value is None else -value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "timedelta":
        return datetime.timedelta(**{k.arg: evaluate(k.value) for k in node.keywords})
    if isinstance(node, ast.Name) and node.id.startswith("_"):
        return None  # imported from torch._C: the C++ check covers it
    raise ValueError(f"constants.py: cannot evaluate {ast.dump(node)}")


def check_python(root, table, version, cpp_results):
    path = os.path.join(root, CONSTANTS_PY)
    if not os.path.exists(path):
        return {name: f"absent in {version} (no constants.py)" for name, cpp, _, _ in table if name != cpp}, []
    defined = {}
    for stmt in ast.parse(open(path).read()).body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name) and target.id.isupper() and not target.id.startswith("_"):
                defined[target.id] = evaluate(stmt.value)
    results, problems = {}, []
    ours_by_name = {name: (cpp, value) for name, cpp, value, _ in table}
    for name, theirs in defined.items():
        if name in NOT_MIRRORED:
            results[name] = f"not mirrored: {NOT_MIRRORED[name]}"
        elif name not in ours_by_name:
            results[name] = f"differs: PyTorch {version} defines {name}, which the table lacks"
            problems.append(name)
        elif theirs is None:
            cpp = ours_by_name[name][0]
            results[name] = f"{cpp_results.get(cpp, 'absent')} (through C++ {cpp})"
        else:
            ours = ours_by_name[name][1]
            if isinstance(theirs, datetime.timedelta):
                theirs = theirs // datetime.timedelta(milliseconds=1)
            results[name] = "equal" if theirs == ours else f"differs: ours {ours!r} vs theirs {theirs!r}"
    for name, cpp, _, _ in table:
        if name != cpp and name not in defined:
            results[name] = f"absent in {version}"
    return results, problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--library", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--report", default="target/parity/report.md")
    parser.add_argument("versions", nargs="+")
    args = parser.parse_args()
    table = our_table(os.path.abspath(args.library))
    include = os.path.abspath(args.include)
    rows, failures = [], []
    for version in args.versions:
        root = fetch(version)
        cpp = check_cpp(root, include, table, version)
        python, _ = check_python(root, table, version, cpp)
        for name, result in list(cpp.items()) + list(python.items()):
            print(f"torch {version}  {name}: {result}")
            rows.append((version, name, result))
            if result.startswith("differs"):
                failures.append(f"torch {version}: {name}: {result}")
    # The shutdown rule, against PyTorch's own api.py (the newest release given).
    import all_gather
    newest = fetch(args.versions[0])
    api = os.path.join(newest, API_PY)
    if os.path.exists(api):
        cases = int(os.environ.get("PARITY_ALL_GATHER_CASES", "200000"))
        differ = all_gather.compare(os.path.abspath(args.library), api, os.path.join(newest, CONSTANTS_PY), cases)
        result = f"{cases} cases against api.py's _all_gather, {len(differ)} differ"
        print(f"torch {args.versions[0]}  _all_gather: {result}")
        rows.append((args.versions[0], "_all_gather", result))
        failures.extend(f"torch {args.versions[0]}: _all_gather: {d}" for d in differ[:20])
    else:
        failures.append(f"torch {args.versions[0]}: no {API_PY} in the wheel: the shutdown rule was not compared")
    os.makedirs(os.path.dirname(args.report) or ".", exist_ok=True)
    with open(args.report, "w") as report:
        report.write("| PyTorch | constant | result |\n|---|---|---|\n")
        for version, name, result in rows:
            report.write(f"| {version} | `{name}` | {result} |\n")
    print(f"parity: report written to {args.report}")
    if failures:
        print("parity: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print(f"parity: {len(rows)} checks over {len(args.versions)} release(s), none differs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
