/*
 * The timeout functions give the same results whatever the caller's floating-point environment:
 * each sampled input is converted in the default environment, then again with denormals-are-zero
 * and flush-to-zero set (x86-64 MXCSR, as -ffast-math code sets it process-wide) and under each
 * rounding mode, and every result must be identical, bit for bit.
 */
#include "rpc_constants.h"

#include <fenv.h>
#include <float.h>
#include <stdint.h>
#include <string.h>
/* MXCSR exists where the compiler may use SSE: every x86-64, and i686 built with -msse. */
#if defined(__SSE__)
#include <xmmintrin.h>
#define HAVE_MXCSR 1
#endif

#include "check.h"

#define SAMPLES 70000

struct result {
    rpc_status agent, resolve;
    int64_t agent_ms, resolve_ms;
    uint32_t to_sec_bits;
};

static float inputs[SAMPLES];
static volatile float tiny = -FLT_TRUE_MIN, one = 1.0f, three = 3.0f;

/* 1/3 in the current rounding mode. Out of line and reading volatiles, so the compiler can move
 * the division past neither fesetround() call around it (inline, gcc did on aarch64: it computed
 * both quotients after the second fesetround). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static float one_third(void) {
    return one / three;
}
static int64_t ms_inputs[SAMPLES];
static struct result baseline[SAMPLES];

static void compute(size_t i, struct result *r) {
    float sec;
    memset(r, 0, sizeof *r);
    r->agent = rpc_agent_timeout_ms(inputs[i], &r->agent_ms);
    r->resolve = rpc_resolve_timeout_ms(inputs[i], 60000, &r->resolve_ms);
    sec = rpc_timeout_ms_to_sec(ms_inputs[i]);
    memcpy(&r->to_sec_bits, &sec, sizeof sec);
}

static void compare_all(const char *env) {
    size_t i, differ = 0;
    for (i = 0; i < SAMPLES; i++) {
        struct result r;
        compute(i, &r);
        if (memcmp(&r, &baseline[i], sizeof r) != 0) {
            if (differ++ < 5) {
                uint32_t bits;
                memcpy(&bits, &inputs[i], sizeof bits);
                fprintf(stderr, "%s: input 0x%08x / %lld ms gives another result\n", env, (unsigned)bits,
                        (long long)ms_inputs[i]);
            }
        }
    }
    printf("%s: %zu of %d inputs differ\n", env, differ, SAMPLES);
    CHECK(differ == 0);
}

int main(void) {
    static const int modes[] = {FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    static const char *const mode_names[] = {"FE_UPWARD", "FE_DOWNWARD", "FE_TOWARDZERO"};
    static const uint32_t edges[] = {0x00000001u, 0x80000001u, 0x007fffffu, 0x807fffffu, 0x3a03126fu,
                                     0xba03126fu, 0x00000000u, 0x80000000u, 0xbf800000u, 0x4a03d70fu};
    uint64_t state = 0x9e3779b97f4a7c15u;
    size_t i;
    float up, down;
    for (i = 0; i < SAMPLES; i++) {
        uint32_t bits;
        state = state * 6364136223846793005u + 1442695040888963407u; /* an LCG: reproducible */
        bits = i < sizeof edges / sizeof edges[0] ? edges[i] : (uint32_t)(state >> 32);
        memcpy(&inputs[i], &bits, sizeof bits);
        ms_inputs[i] = (int64_t)(state ^ (state >> 29)) >> (i % 64);
        compute(i, &baseline[i]);
    }
    for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        CHECK(fesetround(modes[i]) == 0);
        compare_all(mode_names[i]);
    }
    /* The rounding modes really were in force: 1/3 rounds differently up and down. */
    fesetround(FE_UPWARD);
    up = one_third();
    fesetround(FE_DOWNWARD);
    down = one_third();
    CHECK(up != down);
    fesetround(FE_TONEAREST);
#ifdef HAVE_MXCSR
    {
        unsigned int saved = _mm_getcsr();
        _mm_setcsr(saved | 0x8040u); /* FTZ (bit 15) and DAZ (bit 6) */
        CHECK(!(tiny < 0.0f));       /* DAZ in force: a negative subnormal compares as zero */
        compare_all("DAZ+FTZ");
        CHECK(fesetround(FE_TOWARDZERO) == 0);
        compare_all("DAZ+FTZ, FE_TOWARDZERO");
        fesetround(FE_TONEAREST);
        _mm_setcsr(saved);
    }
#else
    printf("DAZ+FTZ: no SSE MXCSR on this machine, not run\n");
    (void)tiny;
#endif
    return check_report("fpenv_test");
}
