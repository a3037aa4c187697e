#!/usr/bin/env python3
"""Writes the committed seed corpus, tools/fuzz/corpus/<target>/: the documented table rows and edge
cases of each rule, in each target's input layout (fields little-endian, then the text). Run it
after changing a layout or adding a case: python3 tools/fuzz/seeds.py"""
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

def f32(x):
    return struct.pack("<f", x)

def i32(x):
    return struct.pack("<i", x)

def i64(x):
    return struct.pack("<q", x)

def u8(x):
    return struct.pack("<B", x)

def f64(x):
    return struct.pack("<d", x)

def u64(x):
    return struct.pack("<Q", x)

NAN = float("nan")
INF = float("inf")

SEEDS = {
    "classify_rpc_error": [
        b"RPCErr:1:RPC ran for more than set timeout (60000 ms) and will now be marked with an error",
        b"RPCErr:2:boom", b"a plain exception", b"RPCErr:1", b"RPCErr:", b"worker1: RPCErr:2:x",
        b"RPCErrX1:x", b"RPCErr: +7abc:x", b"RPCErr:-1:x", b"RPCErr:1\0junk:x", b"\0RPCErr:2:x",
        b"RPCErr:\0:x", b"RPCErr::x", b"RPCErr:x:", b"RPCErr:2147483648:", b"RPCErr:-2147483648:",
        b"RPCErr:\t\n\v\f\r 3:x", b"",
    ],
    "format_rpc_error": [
        i32(2) + u8(64) + u8(0) + b"boom", i32(1) + u8(0) + u8(1), i32(-2147483648) + u8(5) + u8(0) + b"x:y",
        i32(0) + u8(9) + u8(0) + b"a\0b", i32(7) + u8(255) + u8(0) + b"m" * 200, i32(1) + u8(3) + u8(1) + b"z",
    ],
    "format_timeout_error": [
        i64(60000) + u8(120) + u8(1), i64(60000) + u8(0) + u8(2), i64(-9223372036854775808) + u8(255) + u8(1),
        i64(9223372036854775807) + u8(20) + u8(0), i64(0) + u8(1) + u8(0), i64(5) + u8(9) + u8(3),
    ],
    "worker_name": [
        b"worker0", b"trainer:1", b"a-b_c:D9", b"a" * 127, b"b" * 128, b"", b"abc*", b" ", b"ab\0c",
        b"caf\xc3\xa9", b"x" * 500,
    ],
    "worker_id": [i64(x) for x in (0, 32767, 32768, -1, -32768, -32769, -40000, -65537,
                                    -9223372036854775808, 9223372036854775807)],
    "timeouts": [f32(s) + i64(a) for s, a in [
        (60.0, 60000), (-1.0, 60000), (-1.0, -5000), (-1.0, 0), (0.0, 0), (-0.0, 0), (0.0004, 1),
        (-0.0004, 1), (-5.0, 60000), (2147483.5, 0), (2147483.75, 0), (-2147483.75, 0),
        (-2147484.0, 0), (1e10, 0), (INF, 0), (-INF, 0), (NAN, 0), (9.2e15, 0), (1e-45, -1),
        (1024.04296875, 9223372036854775807), (1.5, -9223372036854775808),
    ]],
    "retry": [i32(m) + i64(d) + f32(b) + i32(c) for m, d, b, c in [
        (5, 1000, 1.5, 0), (5, 1000, 1.5, 3), (0, 0, 1.0, 0), (-1, 1000, 1.5, 0), (5, 1000, 0.5, 0),
        (5, -1, 1.5, 0), (5, 1000, NAN, 1), (5, 1000, INF, 1), (5, 0, INF, 1), (5, 1000, 1.5, -1),
        (5, 60000, 3.847994, 16), (5, 1000, 2.0, 62), (5, 1, 2.0, 63), (5, 9223372036854775807, 1.0, 1),
        (5, 1000, 1.5, 2147483647), (2147483647, 1000, 1e38, 2),
    ]],
    "constants_find": [u64(i) + name for i, name in [
        (0, b""), (1, b""), (0, b"DEFAULT_RPC_TIMEOUT_SEC"), (0, b"kDefaultRpcTimeoutSeconds"),
        (0, b"rpc_default_rpc_timeout_sec"), (3, b"kSecToMsConversion"), (99, b"nope"),
        (18446744073709551615, b"DEFAULT_INIT_METHOD\0tail"), (2, b"default_rpc_timeout_sec"),
    ]],
    "retry_schedule": [i32(m) + i64(d) + f32(b) + i32(c) for m, d, b, c in [
        (5, 1000, 1.5, 0), (5, 1000, 1.5, 1), (5, 1000, 1.5, 4), (5, 1000, 1.5, 5), (0, 1000, 1.5, 0),
        (-1, 1000, 1.5, 0), (5, 1000, NAN, 0), (5, -1, 1.5, 0), (5, 1000, 1.5, -1), (64, 1, 2.0, 64),
        (100, 1, 2.0, 64), (2147483647, 1, 2.0, 63), (5, 1000, INF, 2), (3, 0, 1.0, 2),
    ]],
    "all_gather": [f64(t) + i64(a) + u8(c) + u8(n) + text for t, a, c, n, text in [
        (-1.0, 60000, 255, 0, b"worker1\nworker2\nRPCErr:1:boom"), (0.0, 60000, 255, 0, b"w1\nx"),
        (-0.0, 60000, 255, 0, b"x"), (5.0, 60000, 255, 0, b"worker1\nx"), (0.125, 0, 255, 0, b"x"),
        (2.675, 0, 255, 0, b"x"), (-1.0000000001, 60000, 255, 0, b"x"), (-1.0, 16777217, 255, 0, b"x"),
        (NAN, 60000, 255, 0, b"x"), (INF, 60000, 255, 0, b"x"), (1e300, 60000, 255, 0, b"x"),
        (5.0, 60000, 10, 0, b"worker1\nx"), (5.0, 60000, 0, 1, b"x"), (5.0, 60000, 5, 1, b"x"),
        (5.0, 60000, 255, 0, b"bad name\nx"), (-0.5, 60000, 255, 0, b"a:b-c_d\n"),
    ]],
    "pytorch_error": [i32(s) + i64(v) + u8(c) + u8(n) + text for s, v, c, n, text in [
        (-2, 0, 255, 0, b""), (-3, 0, 255, 0, b""), (-5, 0, 255, 0, b""), (-5, -2147483648, 255, 0, b""),
        (-7, 0, 255, 0, b"bad name"), (-7, 0, 255, 0, b"a" * 200), (-8, 32768, 255, 0, b""),
        (-8, -9223372036854775808, 255, 0, b""), (-10, 0, 255, 0, b""), (-11, 0, 255, 0, b""),
        (-12, 0, 255, 0, b""), (-15, 5, 255, 0, b""), (-15, 5, 4, 0, b""), (-15, 5, 0, 1, b""),
        (-15, 5, 3, 1, b""), (0, 0, 255, 0, b""), (-4, 0, 255, 0, b""), (0x100, 0, 255, 0, b""),
    ]],
    "status_str": [i32(x) for x in (0, -1, -9, -14, -15, -16, -17, 1, 2147483647, -2147483648)],
}

def main():
    corpus = os.path.join(HERE, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    for target, seeds in SEEDS.items():
        os.makedirs(os.path.join(corpus, target))
        for i, seed in enumerate(seeds):
            with open(os.path.join(corpus, target, f"seed-{i:02d}"), "wb") as f:
                f.write(seed)

if __name__ == "__main__":
    main()
