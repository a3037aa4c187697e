// The retry delay against PyTorch's own expression compiled here, with this C library's pow:
// computeNewRpcRetryTime (rpc_agent.h) is
//     duration_cast<milliseconds>(rpcRetryDuration * pow(retryBackoff, retryCount))
// with a float backoff, an int count and a count of milliseconds. The library's power is the
// correctly rounded one; a C library's pow may differ from it in the last bit, so the two are
// expected to disagree now and then, for huge delays only.
//
//   retry_sweep STRIDE RANDOM SEED POWERS PRINT
// 1. "grid": every STRIDE-th float backoff in [1, 4] x counts 0..16 x durations 1, 1000 and
//    60000 ms (STRIDE 1: all 16,777,217 backoffs, 855,638,067 inputs);
// 2. "powers" (POWERS 1): the same backoffs and counts with a duration 2^(52 - e) for a power in
//    [2^e, 2^(e+1)), which makes the delay the power's 53-bit significand: every bit of pow is
//    compared, not only those that reach a truncated delay;
// 3. "random": RANDOM random inputs over all counts, durations up to INT64_MAX and backoffs up to
//    the edge where the power overflows double; where duration_cast is undefined (not finite, or
//    2^63 ms or more) the library must say RPC_ERR_OUT_OF_RANGE.
// Up to PRINT disagreements are printed with their exact inputs
// ("disagree TALLY D BITS N ok|status OURS ok|undefined PYTORCH"), for the tests
// (tests/integration/retry.rs) to check each against their exact power. Each tally's summary gives
// the smallest disagreeing delay (the smaller of the two answers, where defined).
// Built with -DSWEEP_QUADMATH (make pow-compare), it also checks every disagreement against
// libquadmath's 113-bit powq, rounded once to double: the library must give that delay.
#include "rpc_constants.h"

#include <algorithm>
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
#ifdef SWEEP_QUADMATH
#include <quadmath.h>
#endif

namespace pytorch {
// std::chrono::milliseconds * double -> duration<double, milli>; duration_cast truncates, and is
// defined only when the truncated value fits the int64 rep.
bool delay(int64_t duration_ms, double power, int64_t *ms) {
    std::chrono::milliseconds rpcRetryDuration{duration_ms};
    auto product = rpcRetryDuration * power;
    double x = product.count();
    if (!std::isfinite(x) || !(std::trunc(x) < 9223372036854775808.0)) return false;
    *ms = std::chrono::duration_cast<std::chrono::milliseconds>(product).count();
    return true;
}
bool delay(int64_t duration_ms, float retryBackoff, int retryCount, int64_t *ms) {
    return delay(duration_ms, pow(retryBackoff, retryCount), ms);
}
}  // namespace pytorch

struct Tally {
    uint64_t compared = 0, agree = 0, undefined = 0, disagree = 0, not_exact = 0;
    int64_t smallest = INT64_MAX;  // the smallest disagreeing delay
    int64_t smallest_d = 0;
    uint32_t smallest_bits = 0;
    int smallest_n = 0;
    void add(const Tally &o) {
        compared += o.compared, agree += o.agree, undefined += o.undefined;
        disagree += o.disagree, not_exact += o.not_exact;
        if (o.smallest < smallest) {
            smallest = o.smallest, smallest_d = o.smallest_d;
            smallest_bits = o.smallest_bits, smallest_n = o.smallest_n;
        }
    }
};

static std::mutex print_lock;
static std::atomic<uint64_t> printed{0};
static uint64_t print_limit = 0;

static uint32_t bits_of(float f) {
    uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
}

static float float_of(uint32_t bits) {
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

static void one(Tally &t, const char *tally, int64_t d, float b, int n) {
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
    int64_t smaller = INT64_MAX;
    if (s == RPC_OK) smaller = got;
    if (defined) smaller = std::min(smaller, want);
    if (smaller < t.smallest) t.smallest = smaller, t.smallest_d = d, t.smallest_bits = bits_of(b), t.smallest_n = n;
#ifdef SWEEP_QUADMATH
    if (n >= 0 && std::isfinite(b)) {
        int64_t exact = 0;
        bool exact_defined = pytorch::delay(d, static_cast<double>(powq(b, n)), &exact);
        if (exact_defined ? !(s == RPC_OK && got == exact) : s != RPC_ERR_OUT_OF_RANGE) ++t.not_exact;
    }
#endif
    if (printed.fetch_add(1) < print_limit) {
        std::lock_guard<std::mutex> lock(print_lock);
        std::printf("disagree %s %lld 0x%08x %d %s %lld %s %lld\n", tally, (long long)d, bits_of(b), n,
                    s == RPC_OK ? "ok" : "status", s == RPC_OK ? (long long)got : (long long)s,
                    defined ? "ok" : "undefined", (long long)want);
    }
}

static bool powers = false;

static void grid(uint32_t begin, uint32_t end, uint32_t stride, Tally &t, Tally &p) {
    static const int64_t durations[] = {1, 1000, 60000};
    for (uint64_t bits = begin; bits < end; bits += stride) {
        float b = float_of(static_cast<uint32_t>(bits));
        for (int n = 0; n <= 16; ++n) {
            for (int64_t d : durations) one(t, "grid", d, b, n);
            if (powers) one(p, "powers", INT64_C(1) << (52 - std::ilogb(pow(b, n))), b, n);
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
            b = float_of(0x3f800000u + static_cast<uint32_t>(rng() % (0x7f800001u - 0x3f800000u)));
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
        one(t, "random", d, b, n);
    }
}

static void summary(const char *name, const Tally &t) {
    std::printf("%s: %llu compared, %llu agree, %llu undefined in PyTorch, %llu disagree", name,
                (unsigned long long)t.compared, (unsigned long long)t.agree,
                (unsigned long long)t.undefined, (unsigned long long)t.disagree);
    if (t.disagree)
        std::printf(", smallest disagreeing delay %lld ms (duration %lld ms, backoff 0x%08x = %.9g, count %d)",
                    (long long)t.smallest, (long long)t.smallest_d, t.smallest_bits,
                    static_cast<double>(float_of(t.smallest_bits)),
                    t.smallest_n);
#ifdef SWEEP_QUADMATH
    std::printf(", %llu where the library is not powq's correctly rounded delay",
                (unsigned long long)t.not_exact);
#endif
    std::printf("\n");
}

int main(int argc, char **argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: %s STRIDE RANDOM SEED POWERS PRINT\n", argv[0]);
        return 2;
    }
    const uint32_t stride = static_cast<uint32_t>(std::strtoul(argv[1], nullptr, 10));
    const uint64_t random = std::strtoull(argv[2], nullptr, 10);
    const uint64_t seed = std::strtoull(argv[3], nullptr, 10);
    powers = std::strcmp(argv[4], "1") == 0;
    print_limit = std::strtoull(argv[5], nullptr, 10);
    if (stride == 0) return 2;
    const uint32_t first = bits_of(1.0f), last = bits_of(4.0f) + 1;
    unsigned threads = std::thread::hardware_concurrency();
    if (threads == 0) threads = 1;
    std::vector<Tally> grids(threads), randoms(threads), pows(threads);
    std::vector<std::thread> workers;
    auto start = std::chrono::steady_clock::now();
    for (unsigned i = 0; i < threads; ++i) {
        // Interleaved, so that every thread gets its share of every exponent.
        workers.emplace_back([&, i] {
            grid(first + i * stride, last, stride * threads, grids[i], pows[i]);
            random_part(random / threads + (i < random % threads), seed + i, randoms[i]);
        });
    }
    for (auto &w : workers) w.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Tally g, r, p;
    for (unsigned i = 0; i < threads; ++i) g.add(grids[i]), r.add(randoms[i]), p.add(pows[i]);
    std::printf("backoffs [1, 4] every %u, counts 0..16, durations 1, 1000, 60000 ms\n", stride);
    summary("grid", g);
    if (powers) summary("powers", p);
    std::printf("random inputs (seed %llu)\n", (unsigned long long)seed);
    summary("random", r);
    std::printf("retry sweep: %u threads, %.1f s, %llu printed\n", threads, seconds,
                (unsigned long long)std::min(printed.load(), print_limit));
    return 0;
}
