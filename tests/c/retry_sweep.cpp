// The retry delay against PyTorch's own expression compiled here, with this C library's pow
// (glibc's): computeNewRpcRetryTime (rpc_agent.h) is
//     duration_cast<milliseconds>(rpcRetryDuration * pow(retryBackoff, retryCount))
// with a float backoff, an int count and a count of milliseconds.
//
//   retry_sweep STRIDE RANDOM SEED POWERS
// 1. every STRIDE-th float backoff in [1, 4] x counts 0..16 x durations 1, 1000 and 60000 ms
//    (STRIDE 1: all 16,777,217 of them); with POWERS 1 also a fourth duration, 2^(52 - e) for a
//    power in [2^e, 2^(e+1)), which makes the delay the power's 53-bit significand: every bit of
//    pow is compared, not only those that reach a truncated delay (tallied apart, "powers");
// 2. RANDOM random inputs over all counts, durations up to INT64_MAX and backoffs up to the
//    edge where the power overflows double; where duration_cast is undefined (not finite, or
//    2^63 ms or more) the library must say RPC_ERR_OUT_OF_RANGE.
// Every disagreement is printed with its exact inputs ("disagree D BITS N OURS GLIBC"); the test
// (tests/integration/retry.rs) checks each one against the exact power.
#include "rpc_constants.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace pytorch {
// std::chrono::milliseconds * double -> duration<double, milli>; duration_cast truncates, and is
// defined only when the truncated value fits the int64 rep.
bool delay(int64_t duration_ms, float retryBackoff, int retryCount, int64_t *ms) {
    std::chrono::milliseconds rpcRetryDuration{duration_ms};
    auto product = rpcRetryDuration * pow(retryBackoff, retryCount);
    double x = product.count();
    if (!std::isfinite(x) || !(std::trunc(x) < 9223372036854775808.0)) return false;
    *ms = std::chrono::duration_cast<std::chrono::milliseconds>(product).count();
    return true;
}
}  // namespace pytorch

static bool powers = false;

struct Tally {
    uint64_t compared = 0, agree = 0, undefined = 0, disagree = 0;
};

static std::mutex print_lock;
static std::atomic<uint64_t> printed{0};
static const uint64_t kPrintLimit = 100000;

static uint32_t bits_of(float f) {
    uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
}

static void one(Tally &t, int64_t d, float b, int n) {
    int64_t want = 0, got = -7;
    bool defined = pytorch::delay(d, b, n, &want);
    rpc_status s = rpc_retry_delay_ms(d, b, n, &got);
    ++t.compared;
    if (!defined) {
        ++t.undefined;
        if (s == RPC_ERR_OUT_OF_RANGE) return;
    } else if (s == RPC_OK && got == want) {
        ++t.agree;
        return;
    }
    ++t.disagree;
    if (printed.fetch_add(1) < kPrintLimit) {
        std::lock_guard<std::mutex> lock(print_lock);
        std::printf("disagree %lld 0x%08x %d %s %lld %s %lld\n", (long long)d, bits_of(b), n,
                    s == RPC_OK ? "ok" : "status", s == RPC_OK ? (long long)got : (long long)s,
                    defined ? "ok" : "undefined", (long long)want);
    }
}

static void exhaustive(uint32_t begin, uint32_t end, uint32_t stride, Tally &t, Tally &p) {
    static const int64_t durations[] = {1, 1000, 60000};
    for (uint64_t bits = begin; bits < end; bits += stride) {
        uint32_t b32 = static_cast<uint32_t>(bits);
        float b;
        std::memcpy(&b, &b32, sizeof b);
        for (int n = 0; n <= 16; ++n) {
            for (int64_t d : durations) one(t, d, b, n);
            if (powers) one(p, INT64_C(1) << (52 - std::ilogb(pow(b, n))), b, n);
        }
    }
}

static void random_part(uint64_t count, uint64_t seed, Tally &t) {
    std::mt19937_64 rng(seed);
    for (uint64_t i = 0; i < count; ++i) {
        uint64_t r = rng();
        // Durations: log-uniform up to INT64_MAX, with the boundary itself now and then.
        int bits = static_cast<int>(r % 64);  // 0 to 63 significant bits
        int64_t d = bits == 0 ? 0 : static_cast<int64_t>(rng() >> (64 - bits));
        if (r % 97 == 0) d = INT64_MAX - static_cast<int64_t>(rng() % 1024);
        int n;
        float b;
        switch ((r >> 8) % 4) {
        case 0:  // any count, any float backoff >= 1
            n = static_cast<int>(rng() & 0x7fffffff) >> static_cast<int>(rng() % 31);
            {
                uint32_t bb = 0x3f800000u + static_cast<uint32_t>(rng() % (0x7f800001u - 0x3f800000u));
                std::memcpy(&b, &bb, sizeof b);
            }
            break;
        case 1:  // near the edge where the power overflows double
            n = 1 + static_cast<int>(rng() % 4096);
            b = static_cast<float>(std::exp2(1024.0 / n));
            b = std::nextafter(b, (rng() & 1) ? 0.0f : INFINITY);
            if (b < 1.0f) b = 1.0f;
            break;
        case 2:  // near the edge where the delay reaches 2^63 ms
            n = 1 + static_cast<int>(rng() % 128);
            if (d == 0) d = 1;
            b = static_cast<float>(std::exp2((63.0 - std::log2(static_cast<double>(d))) / n));
            for (int k = static_cast<int>(rng() % 5); k > 0; --k)
                b = std::nextafter(b, (rng() & 1) ? 0.0f : INFINITY);
            if (b < 1.0f) b = 1.0f;
            break;
        default:  // the range agents set: small backoffs, counts up to a few hundred
            n = static_cast<int>(rng() % 300);
            b = 1.0f + static_cast<float>(rng() % 3000000) / 1000000.0f;
            break;
        }
        one(t, d, b, n);
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: %s STRIDE RANDOM SEED POWERS\n", argv[0]);
        return 2;
    }
    const uint32_t stride = static_cast<uint32_t>(std::strtoul(argv[1], nullptr, 10));
    const uint64_t random = std::strtoull(argv[2], nullptr, 10);
    const uint64_t seed = std::strtoull(argv[3], nullptr, 10);
    powers = std::strcmp(argv[4], "1") == 0;
    if (stride == 0) return 2;
    const uint32_t first = bits_of(1.0f), last = bits_of(4.0f) + 1;
    unsigned threads = std::thread::hardware_concurrency();
    if (threads == 0) threads = 1;
    std::vector<Tally> tallies(threads), random_tallies(threads), power_tallies(threads);
    std::vector<std::thread> workers;
    auto start = std::chrono::steady_clock::now();
    for (unsigned i = 0; i < threads; ++i) {
        // Interleaved, so that every thread gets its share of every exponent.
        workers.emplace_back([&, i] {
            exhaustive(first + i * stride, last, stride * threads, tallies[i], power_tallies[i]);
            random_part(random / threads + (i < random % threads), seed + i, random_tallies[i]);
        });
    }
    for (auto &w : workers) w.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Tally e, r, p;
    for (unsigned i = 0; i < threads; ++i) {
        e.compared += tallies[i].compared, e.agree += tallies[i].agree;
        e.undefined += tallies[i].undefined, e.disagree += tallies[i].disagree;
        r.compared += random_tallies[i].compared, r.agree += random_tallies[i].agree;
        r.undefined += random_tallies[i].undefined, r.disagree += random_tallies[i].disagree;
        p.compared += power_tallies[i].compared, p.agree += power_tallies[i].agree;
        p.disagree += power_tallies[i].disagree;
    }
    if (powers)
        std::printf("powers of backoffs [1, 4] every %u: %llu compared, %llu agree, %llu disagree\n",
                    stride, (unsigned long long)p.compared, (unsigned long long)p.agree,
                    (unsigned long long)p.disagree);
    std::printf("backoffs [1, 4] every %u: %llu compared, %llu agree, %llu disagree\n", stride,
                (unsigned long long)e.compared, (unsigned long long)e.agree,
                (unsigned long long)e.disagree);
    std::printf("random (seed %llu): %llu compared, %llu agree, %llu undefined in PyTorch (all "
                "RPC_ERR_OUT_OF_RANGE but the disagreements), %llu disagree\n",
                (unsigned long long)seed, (unsigned long long)r.compared, (unsigned long long)r.agree,
                (unsigned long long)r.undefined, (unsigned long long)r.disagree);
    std::printf("retry sweep: %llu threads, %.1f s, %llu printed\n", (unsigned long long)threads,
                seconds, (unsigned long long)printed.load());
    return 0;
}
