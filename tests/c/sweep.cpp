// Exhaustive check of the timeout conversions: all 2^32 float bit patterns, each through the
// library and through a transcription of PyTorch's own expressions, which is evaluated only where
// C++ defines it. Where PyTorch's result is defined the library must give the same result, negative
// per-call values included; where it is not, the library must give the documented error.
#include "rpc_constants.h"

#include <atomic>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <thread>
#include <vector>

extern "C" {
#include "expected.h"
}

namespace pytorch {
constexpr float kSecToMsConversion = EXPECT_SEC_TO_MS_CONVERSION;  // rpc_agent.h
constexpr float kUnsetRpcTimeout = EXPECT_UNSET_RPC_TIMEOUT;       // rpc_agent.h

enum class Outcome { Value, Rejected, Undefined };

// [conv.fpint]: converting a floating value to an integer type is undefined unless its truncated
// value is representable, i.e. min <= t <= max, i.e. (t being whole) min <= t < max + 1 == -min.
// In double, every float and both bounds (-2^31, -2^63 and their negations) are exact.
template <typename Int>
bool cast_is_defined(float product) {
    if (!std::isfinite(product)) return false;
    double t = std::trunc(static_cast<double>(product));
    double min = static_cast<double>(std::numeric_limits<Int>::min());
    return t >= min && t < -min;
}

// RpcBackendOptions: TORCH_CHECK(rpcTimeoutSeconds >= 0, "RPC Timeout must be non-negative");
// rpcTimeout(std::chrono::milliseconds((long)(rpcTimeoutSeconds * kSecToMsConversion)))
Outcome agent_default(float rpcTimeoutSeconds, long *ms) {
    if (!(rpcTimeoutSeconds >= 0)) return Outcome::Rejected;
    float product = rpcTimeoutSeconds * kSecToMsConversion;
    if (!cast_is_defined<long>(product)) return Outcome::Undefined;
    *ms = (long)product;
    return Outcome::Value;
}

// TensorPipeAgent::send: timeout == kUnsetRpcTimeout ? getRpcTimeout()
//     : std::chrono::milliseconds(static_cast<int>(timeout * kSecToMsConversion))
Outcome send(float timeout, long agent_ms, long *ms) {
    if (timeout == kUnsetRpcTimeout) {
        *ms = agent_ms;
        return Outcome::Value;
    }
    float product = timeout * kSecToMsConversion;
    if (!cast_is_defined<int>(product)) return Outcome::Undefined;
    *ms = static_cast<int>(product);
    return Outcome::Value;
}
}  // namespace pytorch

struct Tally {
    uint64_t agent_value = 0, agent_rejected = 0, agent_undefined = 0;
    uint64_t send_value = 0, send_negative = 0, send_undefined = 0;
    uint64_t mismatches = 0;
};

static std::atomic<int> reported{0};

static void mismatch(Tally &t, const char *what, uint32_t bits, float f, int status, int64_t got,
                     long want) {
    ++t.mismatches;
    if (reported.fetch_add(1) < 20)
        std::fprintf(stderr, "%s mismatch: bits=0x%08x (%a): status %d, ms %lld, PyTorch %ld\n",
                     what, bits, (double)f, status, (long long)got, want);
}

static void sweep(uint64_t begin, uint64_t end, uint64_t stride, Tally &result) {
    const long agent_ms = 60000;
    Tally t;  // local: the threads' tallies would otherwise share a cache line
    for (uint64_t b = (begin + stride - 1) / stride * stride; b < end; b += stride) {
        uint32_t bits = static_cast<uint32_t>(b);
        float f;
        std::memcpy(&f, &bits, sizeof f);
        int64_t got = 0;
        long want = 0;

        rpc_status s = rpc_agent_timeout_ms(f, &got);
        switch (pytorch::agent_default(f, &want)) {
        case pytorch::Outcome::Value:
            ++t.agent_value;
            if (s != RPC_OK || got != want) mismatch(t, "agent", bits, f, s, got, want);
            break;
        case pytorch::Outcome::Rejected:
            ++t.agent_rejected;
            if (s != (std::isnan(f) ? RPC_ERR_NOT_A_NUMBER : RPC_ERR_NEGATIVE_TIMEOUT))
                mismatch(t, "agent", bits, f, s, got, -1);
            break;
        case pytorch::Outcome::Undefined:
            ++t.agent_undefined;
            if (s != RPC_ERR_OUT_OF_RANGE) mismatch(t, "agent", bits, f, s, got, -1);
            break;
        }

        got = 0;
        s = rpc_resolve_timeout_ms(f, agent_ms, &got);
        switch (pytorch::send(f, agent_ms, &want)) {
        case pytorch::Outcome::Value:
            // Negative values are counted apart (PyTorch converts them too: no deviation).
            ++(f < 0 && f != pytorch::kUnsetRpcTimeout ? t.send_negative : t.send_value);
            if (s != RPC_OK || got != want) mismatch(t, "send", bits, f, s, got, want);
            break;
        case pytorch::Outcome::Rejected:
            mismatch(t, "send (PyTorch rejects nothing here)", bits, f, s, got, want);
            break;
        case pytorch::Outcome::Undefined:
            ++t.send_undefined;
            if (s != (std::isnan(f) ? RPC_ERR_NOT_A_NUMBER : RPC_ERR_OUT_OF_RANGE))
                mismatch(t, "send", bits, f, s, got, -1);
            break;
        }
    }
    result = t;
}

// argv[1], if given, checks only every STRIDE-th bit pattern (for the sanitizer builds).
int main(int argc, char **argv) {
    const uint64_t stride = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1;
    if (stride == 0) return 2;
    const uint64_t total = ((uint64_t{1} << 32) + stride - 1) / stride;
    const uint64_t space = uint64_t{1} << 32;
    unsigned threads = std::thread::hardware_concurrency();
    if (threads == 0) threads = 1;
    std::vector<Tally> tallies(threads);
    std::vector<std::thread> workers;
    auto start = std::chrono::steady_clock::now();
    for (unsigned i = 0; i < threads; ++i) {
        uint64_t begin = space * i / threads, end = space * (i + 1) / threads;
        workers.emplace_back(sweep, begin, end, stride, std::ref(tallies[i]));
    }
    for (auto &w : workers) w.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Tally sum;
    for (const Tally &t : tallies) {
        sum.agent_value += t.agent_value;
        sum.agent_rejected += t.agent_rejected;
        sum.agent_undefined += t.agent_undefined;
        sum.send_value += t.send_value;
        sum.send_negative += t.send_negative;
        sum.send_undefined += t.send_undefined;
        sum.mismatches += t.mismatches;
    }
    bool covered = sum.agent_value + sum.agent_rejected + sum.agent_undefined == total &&
                   sum.send_value + sum.send_negative + sum.send_undefined == total;
    std::printf("sweep: %llu float bit patterns (every %llu) x 2 conversions on %u threads in %.1f s\n",
                (unsigned long long)total, (unsigned long long)stride, threads, seconds);
    std::printf("agent default: %llu converted, %llu rejected (negative/NaN), %llu undefined in PyTorch\n",
                (unsigned long long)sum.agent_value, (unsigned long long)sum.agent_rejected,
                (unsigned long long)sum.agent_undefined);
    std::printf("per call: %llu converted, %llu of them negative, %llu undefined in PyTorch\n",
                (unsigned long long)(sum.send_value + sum.send_negative), (unsigned long long)sum.send_negative,
                (unsigned long long)sum.send_undefined);
    std::printf("sweep: %llu passed, %llu failed\n", (unsigned long long)(2 * total - sum.mismatches),
                (unsigned long long)sum.mismatches);
    return sum.mismatches == 0 && covered ? 0 : 1;
}
