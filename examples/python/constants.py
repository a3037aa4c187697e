#!/usr/bin/env python3
"""Print every constant of librpc_constants through its self-describing table, with ctypes.

Usage: constants.py [PATH_TO_LIBRARY]   (default: the library found by its SONAME)
"""
import ctypes
import sys

# The descriptor types of rpc_constants.h.
RPC_TYPE_FLOAT, RPC_TYPE_INT32, RPC_TYPE_INT64, RPC_TYPE_STRING, RPC_TYPE_INT16, RPC_TYPE_SIZE = 1, 2, 3, 4, 5, 6


class RpcValue(ctypes.Union):
    _fields_ = [
        ("as_float", ctypes.c_float),
        ("as_int32", ctypes.c_int32),
        ("as_int64", ctypes.c_int64),
        ("as_string", ctypes.c_char_p),
        ("as_int16", ctypes.c_int16),
        ("as_size", ctypes.c_size_t),
    ]


class RpcConstant(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("cpp_name", ctypes.c_char_p),
        ("symbol", ctypes.c_char_p),
        ("value_type", ctypes.c_int32),
        ("unit", ctypes.c_char_p),
        ("value", RpcValue),
        ("doc", ctypes.c_char_p),
    ]


# rpc_constants.h's RPC_CONSTANTS_SONAME: the file the runtime package ships.
SONAME = "librpc_constants.so.0.1"


def load(path=SONAME):
    lib = ctypes.CDLL(path)
    lib.rpc_constants_version.restype = ctypes.c_char_p
    lib.rpc_constants_count.restype = ctypes.c_size_t
    lib.rpc_constants_at.argtypes = [ctypes.c_size_t]
    lib.rpc_constants_at.restype = ctypes.POINTER(RpcConstant)
    lib.rpc_constants_find.argtypes = [ctypes.c_char_p]
    lib.rpc_constants_find.restype = ctypes.POINTER(RpcConstant)
    return lib


def value_of(constant):
    kind = constant.value_type
    if kind == RPC_TYPE_FLOAT:
        return constant.value.as_float
    if kind == RPC_TYPE_INT32:
        return constant.value.as_int32
    if kind == RPC_TYPE_INT64:
        return constant.value.as_int64
    if kind == RPC_TYPE_STRING:
        return constant.value.as_string.decode()
    if kind == RPC_TYPE_INT16:
        return constant.value.as_int16
    if kind == RPC_TYPE_SIZE:
        return constant.value.as_size
    raise ValueError(f"unknown value type {kind}")


def constants(lib):
    """Yield (PyTorch name, value, unit, doc) for every entry of the table."""
    for i in range(lib.rpc_constants_count()):
        c = lib.rpc_constants_at(i).contents
        yield c.name.decode(), value_of(c), c.unit.decode(), c.doc.decode()


def main():
    lib = load(sys.argv[1] if len(sys.argv) > 1 else SONAME)
    print(f"librpc_constants {lib.rpc_constants_version().decode()}")
    for name, value, unit, _doc in constants(lib):
        print(f"{name} = {value!r} {unit}")
    # Lookup by PyTorch name, C++ name or C symbol name.
    timeout = lib.rpc_constants_find(b"kDefaultRpcTimeoutSeconds").contents
    print(f"found by C++ name: {timeout.name.decode()} = {value_of(timeout)!r}")


if __name__ == "__main__":
    main()
