"""The shutdown timeout rule against PyTorch's own `_all_gather` (torch/distributed/rpc/api.py of
the wheel), run under CPython: the function's source is taken from api.py as it is, and the names
it calls are stubs that record what PyTorch passes them. The leader's path is run (it waits for the
signal, then sends to each follower), every follower's RPC fails, and `_all_gather` raises its
error. The C++ side, which api.py's timeout reaches through pybind11 (a double narrowed to float)
and `TensorPipeAgent::send`, is a transcription here. Compared with the library through ctypes:
rpc_all_gather_timeouts() (the RPCs' milliseconds, the wait's limit) and
rpc_format_all_gather_error() (the message, byte for byte)."""
import ast
import ctypes
import math
import random
import struct
import sys
import types

OK, NOT_A_NUMBER, OUT_OF_RANGE = 0, -3, -4


def to_float32(x):
    """(float)x, rounded to nearest; None where C++'s conversion is undefined (beyond float)."""
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0]
    except OverflowError:
        return None


def int_to_float32(n):
    """(float)n for an int64 n, rounded to nearest even directly (not through a double)."""
    if n == 0:
        return 0.0
    sign, m = (-1 if n < 0 else 1), abs(n)
    shift = max(m.bit_length() - 24, 0)
    q, r = m >> shift, m & ((1 << shift) - 1)
    half = (1 << shift) >> 1
    if shift and (r > half or (r == half and q & 1)):
        q += 1
    return sign * float(q << shift)


def send_ms(seconds, agent_ms):
    """TensorPipeAgent::send given the Python float an RPC was called with: (status, ms)."""
    if math.isnan(seconds):
        return NOT_A_NUMBER, None
    f = to_float32(seconds)
    if f is None or math.isinf(f):
        return OUT_OF_RANGE, None
    if f == -1.0:  # kUnsetRpcTimeout
        return OK, agent_ms
    product = to_float32(f * 1000.0)  # exact in double, then rounded once to float
    if product is None or math.isinf(product):
        return OUT_OF_RANGE, None
    ms = math.trunc(product)
    if not -2**31 <= ms < 2**31:
        return OUT_OF_RANGE, None
    return OK, ms


def load(api_path, constants_path):
    """PyTorch's `_all_gather` (undecorated) and its module constants, from the wheel's files."""
    stub = types.ModuleType("torch._C._distributed_rpc")
    stub._DEFAULT_RPC_TIMEOUT_SEC, stub._UNSET_RPC_TIMEOUT = 60.0, -1.0
    stub._DEFAULT_INIT_METHOD, stub._DEFAULT_NUM_WORKER_THREADS = "env://", 16
    for name in ("torch", "torch._C"):
        sys.modules.setdefault(name, types.ModuleType(name))
    sys.modules["torch._C._distributed_rpc"] = stub
    constants = {}
    exec(compile(open(constants_path).read(), constants_path, "exec"), constants)
    tree = ast.parse(open(api_path).read())
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "_all_gather")
    fn.decorator_list = []
    return compile(ast.Module(body=[fn], type_ignores=[]), api_path, "exec"), constants


class Recorder:
    def __init__(self):
        self.signal_timeouts, self.rpc_timeouts, self.followers = [], [], []


def run_pytorch(code, constants, timeout, agent_ms, followers):
    """Runs api.py's _all_gather as the leader: (RPC timeouts passed, signal timeout, message)."""
    import threading
    import collections
    rec = Recorder()
    leader = "a"  # min() of the names: every follower name below starts with a later letter

    class Signal:
        def wait(self, timeout=None):
            rec.signal_timeouts.append(timeout)
            return True

    class States:
        def __init__(self):
            self.proceed_signal, self.gathered_objects = Signal(), {}

    class Failing:
        def __init__(self, name):
            self.name = name

        def wait(self):
            raise RuntimeError(f"RPCErr:1:boom from {self.name}")

    class Agent:
        def get_worker_info(self):
            return types.SimpleNamespace(name=leader)

    def rpc_async(to, func, args=(), timeout=None):
        rec.rpc_timeouts.append(timeout)
        rec.followers.append(to)
        return Failing(to)

    def rpc_sync(*args, **kwargs):
        raise AssertionError("the leader sends no rpc_sync")

    def get_rpc_timeout():
        # init.cpp: getRpcTimeout().count() / kSecToMsConversion, a C++ float.
        return to_float32(int_to_float32(agent_ms) / 1000.0)

    env = dict(constants)
    env.update(
        _ALL_WORKER_NAMES=None, _get_current_rpc_agent=Agent, _all_gather_dict_lock=threading.RLock(),
        _all_gather_sequence_id={}, _all_gather_sequence_id_to_states=collections.defaultdict(States),
        _gather_to_leader=lambda *a: None, _broadcast_to_followers=lambda *a: None, rpc_sync=rpc_sync,
        rpc_async=rpc_async,
        get_rpc_timeout=get_rpc_timeout,
    )
    exec(code, env)
    try:
        env["_all_gather"](None, worker_names={leader, *followers}, timeout=timeout)
        message = None
    except RuntimeError as e:
        message = str(e)
    return rec, message


def timeouts():
    specials = [-1.0, 0.0, -0.0, 5.0, -0.5, -1.0000000001, 0.0004, -0.0004, 0.125, 0.375, 2.675, 1.005,
                2147483.5, 2147483.75, -2147483.75, -2147484.0, 1e300, -1e300, math.inf, -math.inf, math.nan,
                5e-324, -5e-324, 16777.216, 60.0, 1.0, -1.0 + 2**-53, -1.0 - 2**-52, 3.4028235677973366e38]
    yield from specials
    rng = random.Random(36)
    while True:
        kind = rng.randrange(5)
        if kind == 0:
            yield struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        elif kind == 1:
            yield rng.uniform(-3e6, 3e6)
        elif kind == 2:
            yield round(rng.uniform(-100, 100), rng.randrange(5)) + rng.choice([0, 0.005, -0.005])
        elif kind == 3:
            yield -1.0 + rng.uniform(-1e-7, 1e-7)
        else:
            yield rng.randrange(-10, 10) / 8


def agents(rng):
    return rng.choice([60000, 0, -5000, 16777217, 2**31 - 1, 2**31, -2**31 - 1, 2**53 + 1,
                       rng.randrange(-2**63, 2**63), rng.randrange(-10**7, 10**7)])


def compare(library, api_path, constants_path, cases):
    """Differences (at most a few dozen described) between the library and api.py over `cases`."""
    lib = ctypes.CDLL(library)
    lib.rpc_all_gather_timeouts.argtypes = [ctypes.c_double, ctypes.c_int64, ctypes.POINTER(ctypes.c_int64),
                                            ctypes.POINTER(ctypes.c_double)]
    lib.rpc_format_all_gather_error.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_double, ctypes.c_int64,
                                                ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t, ctypes.c_char_p,
                                                ctypes.c_size_t]
    code, constants = load(api_path, constants_path)
    rng = random.Random(2015)
    names_pool = ["worker1", "worker2", "trainer:3", "ps-1_a", "z" * 127, "b"]
    differ = []
    for i, timeout in zip(range(cases), timeouts()):
        agent_ms = agents(rng)
        followers = rng.sample(names_pool, rng.randrange(1, 4))
        rec, message = run_pytorch(code, constants, timeout, agent_ms, followers)
        # What the C++ side makes of the RPCs' timeout (all the same) and the signal's.
        status, want_ms = send_ms(rec.rpc_timeouts[0], agent_ms)
        want_wait = math.inf if rec.signal_timeouts[0] is None else rec.signal_timeouts[0]
        ms, wait = ctypes.c_int64(-7), ctypes.c_double(-7.0)
        got = lib.rpc_all_gather_timeouts(timeout, agent_ms, ctypes.byref(ms), ctypes.byref(wait))
        ok = got == status and (status != OK or (ms.value == want_ms and
                                                 struct.pack("<d", wait.value) == struct.pack("<d", want_wait)))
        # The message: PyTorch's text, where its RPCs were defined.
        first = f"RPCErr:1:boom from {rec.followers[0]}".encode()
        order = (ctypes.c_char_p * len(rec.followers))(*[n.encode() for n in rec.followers])
        n = lib.rpc_format_all_gather_error(None, 0, timeout, agent_ms, order, len(rec.followers), first, len(first))
        if status == OK:
            buf = ctypes.create_string_buffer(max(n, 0) + 1)
            lib.rpc_format_all_gather_error(buf, len(buf), timeout, agent_ms, order, len(rec.followers), first,
                                            len(first))
            ok = ok and message is not None and buf.value.decode() == message and n == len(message.encode())
        else:
            ok = ok and n == status
        if not ok and len(differ) < 40:
            differ.append(f"timeout {timeout!r}, agent {agent_ms} ms: library {got}, {ms.value} ms, wait "
                          f"{wait.value!r}, message length {n}; api.py {status}, {want_ms} ms, wait {want_wait!r}, "
                          f"{message!r}")
    return differ


if __name__ == "__main__":
    found = compare(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 20000)
    print("\n".join(found) or "no difference")
    sys.exit(1 if found else 0)
