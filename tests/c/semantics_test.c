/*
 * Every timeout, message, status and table function, every error path, against the release
 * shared library. Expected results are PyTorch's (rpc_agent.h, tensorpipe_agent.cpp), written
 * out here independently of the library.
 */
#include "rpc_constants.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "expected.h"

#define UNTOUCHED INT64_C(0x5A5A5A5A5A5A5A5A)

/* Result of rpc_agent_timeout_ms with a fresh output, which must stay untouched on error. */
static rpc_status agent(float seconds, int64_t *ms) {
    rpc_status s;
    *ms = UNTOUCHED;
    s = rpc_agent_timeout_ms(seconds, ms);
    if (s != RPC_OK) CHECK(*ms == UNTOUCHED);
    return s;
}

static rpc_status resolve(float seconds, int64_t agent_ms, int64_t *ms) {
    rpc_status s;
    *ms = UNTOUCHED;
    s = rpc_resolve_timeout_ms(seconds, agent_ms, ms);
    if (s != RPC_OK) CHECK(*ms == UNTOUCHED);
    return s;
}

/* The product as PyTorch computes it: rounded to float. The cast makes C round it there even where
 * float expressions are evaluated in a wider type (__FLT_EVAL_METHOD__ 1 on s390x, 2 with x87 on
 * i686); the exact product of two floats fits a double, so a single rounding results. */
#define FLOAT_PRODUCT(a, b) ((float)((a) * (b)))
#define FLOAT_QUOTIENT(a, b) ((float)((a) / (b)))

static void check_agent_timeout(void) {
    int64_t ms;
    CHECK(agent(60.0f, &ms) == RPC_OK && ms == 60000);
    CHECK(agent(RPC_DEFAULT_RPC_TIMEOUT_SEC, &ms) == RPC_OK && ms == 60000);
    CHECK(agent(0.0f, &ms) == RPC_OK && ms == 0);
    CHECK(agent(-0.0f, &ms) == RPC_OK && ms == 0); /* -0.0 >= 0 holds in PyTorch's check */
    CHECK(agent(1.5f, &ms) == RPC_OK && ms == 1500);
    CHECK(agent(0.1f, &ms) == RPC_OK && ms == 100);       /* 0.1f * 1000.0f = 100.0000015 */
    CHECK(agent(0.001f, &ms) == RPC_OK && ms == 1);
    CHECK(agent(0.0004f, &ms) == RPC_OK && ms == 0);      /* under 1 ms: never expires */
    CHECK(agent(FLT_TRUE_MIN, &ms) == RPC_OK && ms == 0); /* subnormal */
    CHECK(agent(2147483.647f, &ms) == RPC_OK && ms == (int64_t)FLOAT_PRODUCT(2147483.647f, 1000.0f));
    CHECK(agent(9.2e15f, &ms) == RPC_OK && ms == (int64_t)FLOAT_PRODUCT(9.2e15f, 1000.0f));
    CHECK(agent(9.3e15f, &ms) == RPC_ERR_OUT_OF_RANGE);   /* product > 2^63 */
    /* The float product rounds to 2^63 exactly: out of range; the float below it is the largest
     * that converts. */
    CHECK(agent(0x1.0624dep+53f, &ms) == RPC_ERR_OUT_OF_RANGE);
    CHECK(agent(0x1.0624dcp+53f, &ms) == RPC_OK && ms == INT64_C(9223371487098961920));
    /* A subnormal whose significand times 1000 has exactly 24 bits (16777000): the product is
     * rounded with nothing to shift out. */
    CHECK(agent(16777 * FLT_TRUE_MIN, &ms) == RPC_OK && ms == 0);
    /* 1024.04296875f * 1000 = 1024042.96875 lies halfway between two floats: ties to even round
     * it up, to 1024043 (truncating the exact product would give 1024042). */
    CHECK(agent(1024.04296875f, &ms) == RPC_OK && ms == 1024043);
    CHECK(agent(FLT_MAX, &ms) == RPC_ERR_OUT_OF_RANGE);
    CHECK(agent(INFINITY, &ms) == RPC_ERR_OUT_OF_RANGE);
    CHECK(agent(-1.0f, &ms) == RPC_ERR_NEGATIVE_TIMEOUT); /* even the sentinel: PyTorch rejects */
    CHECK(agent(-FLT_TRUE_MIN, &ms) == RPC_ERR_NEGATIVE_TIMEOUT);
    CHECK(agent(-INFINITY, &ms) == RPC_ERR_NEGATIVE_TIMEOUT);
    CHECK(agent(NAN, &ms) == RPC_ERR_NOT_A_NUMBER);
    CHECK(agent(-NAN, &ms) == RPC_ERR_NOT_A_NUMBER);
    CHECK(rpc_agent_timeout_ms(60.0f, NULL) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_agent_timeout_ms(NAN, NULL) == RPC_ERR_NULL_POINTER);
}

static void check_resolve_timeout(void) {
    int64_t ms;
    /* Exactly the sentinel: the agent's current default, whatever it is. */
    CHECK(resolve(RPC_UNSET_RPC_TIMEOUT, 60000, &ms) == RPC_OK && ms == 60000);
    CHECK(resolve(-1.0f, 0, &ms) == RPC_OK && ms == 0);
    CHECK(resolve(-1.0f, INT64_MAX, &ms) == RPC_OK && ms == INT64_MAX);
    CHECK(resolve(-1.0f, -5000, &ms) == RPC_OK && ms == -5000 && rpc_timeout_expires_at_once(ms));
    /* Its neighbours are ordinary negative timeouts, converted as PyTorch converts them: from
       -1 ms down they have expired at once; between -1 ms and 0 they truncate to 0, never. */
    CHECK(resolve(nextafterf(-1.0f, 0.0f), 60000, &ms) == RPC_OK && ms == -999);
    CHECK(resolve(nextafterf(-1.0f, -2.0f), 60000, &ms) == RPC_OK && ms == -1000);
    CHECK(resolve(-2.0f, 60000, &ms) == RPC_OK && ms == -2000 && rpc_timeout_expires_at_once(ms));
    CHECK(resolve(-5.0f, 60000, &ms) == RPC_OK && ms == -5000);
    CHECK(resolve(-0.001f, 60000, &ms) == RPC_OK && ms == -1);
    CHECK(resolve(-0.0001f, 60000, &ms) == RPC_OK && ms == 0 && rpc_timeout_never_expires(ms));
    CHECK(resolve(-FLT_TRUE_MIN, 60000, &ms) == RPC_OK && ms == 0);
    /* Everything else converts as static_cast<int>(seconds * 1000.0f). */
    CHECK(resolve(2.0f, 60000, &ms) == RPC_OK && ms == 2000);
    CHECK(resolve(0.0f, 60000, &ms) == RPC_OK && ms == 0);
    CHECK(resolve(-0.0f, 60000, &ms) == RPC_OK && ms == 0);
    CHECK(resolve(0.0004f, 60000, &ms) == RPC_OK && ms == 0 && rpc_timeout_never_expires(ms));
    CHECK(resolve(0.0015f, 60000, &ms) == RPC_OK && ms == 1);
    CHECK(resolve(2147483.5f, 60000, &ms) == RPC_OK && ms == 2147483520); /* float product */
    CHECK(resolve(2147483.75f, 60000, &ms) == RPC_ERR_OUT_OF_RANGE);       /* 2^31 exactly */
    /* -2^31 exactly is in int32's range; the next float is not. */
    CHECK(resolve(-2147483.75f, 60000, &ms) == RPC_OK && ms == INT32_MIN);
    CHECK(resolve(-2147484.0f, 60000, &ms) == RPC_ERR_OUT_OF_RANGE);
    CHECK(resolve(16777 * FLT_TRUE_MIN, 60000, &ms) == RPC_OK && ms == 0);
    CHECK(resolve(1024.04296875f, 60000, &ms) == RPC_OK && ms == 1024043); /* a tie, to even */
    CHECK(resolve(1e10f, 60000, &ms) == RPC_ERR_OUT_OF_RANGE);
    CHECK(resolve(-1e10f, 60000, &ms) == RPC_ERR_OUT_OF_RANGE);
    CHECK(resolve(INFINITY, 60000, &ms) == RPC_ERR_OUT_OF_RANGE);
    CHECK(resolve(-INFINITY, 60000, &ms) == RPC_ERR_OUT_OF_RANGE);
    CHECK(resolve(NAN, 60000, &ms) == RPC_ERR_NOT_A_NUMBER);
    CHECK(rpc_resolve_timeout_ms(2.0f, 60000, NULL) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_resolve_timeout_ms(-1.0f, 60000, NULL) == RPC_ERR_NULL_POINTER);
}

/* _set_rpc_timeout: static_cast<int>(seconds * 1000.0f), no sign check; defined errors where
   the conversion is undefined in C++. */
static void check_set_rpc_timeout(void) {
    int64_t ms = 7;
    CHECK(rpc_set_rpc_timeout_ms(60.0f, &ms) == RPC_OK && ms == 60000);
    CHECK(rpc_set_rpc_timeout_ms(-5.0f, &ms) == RPC_OK && ms == -5000); /* stored, as PyTorch does */
    CHECK(rpc_set_rpc_timeout_ms(0.0004f, &ms) == RPC_OK && ms == 0);
    CHECK(rpc_set_rpc_timeout_ms(-0.0004f, &ms) == RPC_OK && ms == 0);
    CHECK(rpc_set_rpc_timeout_ms(-0.0f, &ms) == RPC_OK && ms == 0);
    CHECK(rpc_set_rpc_timeout_ms(-1.0f, &ms) == RPC_OK && ms == -1000); /* no sentinel here */
    CHECK(rpc_set_rpc_timeout_ms(2147483.5f, &ms) == RPC_OK && ms == 2147483520);
    CHECK(rpc_set_rpc_timeout_ms(-2147483.75f, &ms) == RPC_OK && ms == INT32_MIN);
    ms = 7;
    CHECK(rpc_set_rpc_timeout_ms(2147483.75f, &ms) == RPC_ERR_OUT_OF_RANGE && ms == 7);
    CHECK(rpc_set_rpc_timeout_ms(-2147484.0f, &ms) == RPC_ERR_OUT_OF_RANGE && ms == 7);
    CHECK(rpc_set_rpc_timeout_ms(INFINITY, &ms) == RPC_ERR_OUT_OF_RANGE && ms == 7);
    CHECK(rpc_set_rpc_timeout_ms(-INFINITY, &ms) == RPC_ERR_OUT_OF_RANGE && ms == 7);
    CHECK(rpc_set_rpc_timeout_ms(NAN, &ms) == RPC_ERR_NOT_A_NUMBER && ms == 7);
    CHECK(rpc_set_rpc_timeout_ms(60.0f, NULL) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_set_rpc_timeout_ms(NAN, NULL) == RPC_ERR_NULL_POINTER);
    /* The sentinel with the negative default it can make: that default, expired at once. */
    CHECK(rpc_set_rpc_timeout_ms(-5.0f, &ms) == RPC_OK &&
          rpc_resolve_timeout_ms(RPC_UNSET_RPC_TIMEOUT, ms, &ms) == RPC_OK && ms == -5000);
}

static void check_small_functions(void) {
    CHECK(rpc_timeout_never_expires(0));
    CHECK(!rpc_timeout_never_expires(1));
    CHECK(!rpc_timeout_never_expires(-1));
    CHECK(!rpc_timeout_never_expires(INT64_MIN));
    CHECK(!rpc_timeout_never_expires(INT64_MAX));
    CHECK(rpc_timeout_expires_at_once(-1) && rpc_timeout_expires_at_once(INT64_MIN));
    CHECK(!rpc_timeout_expires_at_once(0) && !rpc_timeout_expires_at_once(1));
    CHECK(!rpc_timeout_expires_at_once(INT64_MAX));

    CHECK(rpc_timeout_ms_to_sec(60000) == 60.0f);
    CHECK(rpc_timeout_ms_to_sec(0) == 0.0f);
    CHECK(rpc_timeout_ms_to_sec(1) == FLOAT_QUOTIENT(1.0f, 1000.0f));
    CHECK(rpc_timeout_ms_to_sec(-1500) == -1.5f);
    /* 10^7 has exactly 24 bits: converted to float with nothing to round. */
    CHECK(rpc_timeout_ms_to_sec(10000000) == 10000.0f);
    CHECK(rpc_timeout_ms_to_sec(-10000000) == -10000.0f);
    /* 16777219 lies halfway between the floats 16777218 and 16777220: to even, 16777220. */
    CHECK(rpc_timeout_ms_to_sec(16777219) == 16777.220703125f);
    CHECK(rpc_timeout_ms_to_sec(INT64_MAX) == FLOAT_QUOTIENT((float)INT64_MAX, 1000.0f));
    CHECK(rpc_timeout_ms_to_sec(INT64_MIN) == FLOAT_QUOTIENT((float)INT64_MIN, 1000.0f));

    CHECK(rpc_validate_num_worker_threads(RPC_DEFAULT_NUM_WORKER_THREADS) == RPC_OK);
    CHECK(rpc_validate_num_worker_threads(1) == RPC_OK);
    CHECK(rpc_validate_num_worker_threads(INT32_MAX) == RPC_OK);
    CHECK(rpc_validate_num_worker_threads(0) == RPC_ERR_INVALID_THREAD_COUNT);
    CHECK(rpc_validate_num_worker_threads(-1) == RPC_ERR_INVALID_THREAD_COUNT);
    CHECK(rpc_validate_num_worker_threads(INT32_MIN) == RPC_ERR_INVALID_THREAD_COUNT);
}

static void check_status_strings(void) {
    const int32_t codes[] = {RPC_OK, RPC_ERR_NULL_POINTER, RPC_ERR_NEGATIVE_TIMEOUT,
                             RPC_ERR_NOT_A_NUMBER, RPC_ERR_OUT_OF_RANGE,
                             RPC_ERR_INVALID_THREAD_COUNT, RPC_ERR_VERSION_MISMATCH,
                             RPC_ERR_INVALID_WORKER_NAME, RPC_ERR_WORKER_ID_OUT_OF_RANGE,
                             RPC_ERR_UNPARSABLE_ERROR_TYPE, RPC_ERR_NEGATIVE_MAX_RETRIES,
                             RPC_ERR_DECAYING_BACKOFF, RPC_ERR_NEGATIVE_RETRY_DURATION,
                             RPC_ERR_NEGATIVE_RETRY_COUNT, RPC_ERR_MESSAGE_TOO_LONG,
                             RPC_ERR_RETRIES_EXHAUSTED, RPC_ERR_NO_PYTORCH_MESSAGE};
    const char *unknown = rpc_status_str(1);
    size_t i, j;
    CHECK(unknown != NULL && strstr(unknown, "unknown") != NULL);
    CHECK(rpc_status_str(INT32_MIN) == unknown && rpc_status_str(INT32_MAX) == unknown);
    CHECK(rpc_status_str(-17) == unknown);
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        const char *s = rpc_status_str(codes[i]);
        CHECK(s != NULL && s != unknown && strlen(s) > 0);
        for (j = 0; j < i; j++) CHECK(strcmp(s, rpc_status_str(codes[j])) != 0);
    }
}

/* The message with printf, independently of the library. */
static int expected_message(char *out, size_t size, int64_t ms, int prefix) {
    return snprintf(out, size, "%sRPC ran for more than set timeout (%" PRId64
                    " ms) and will now be marked with an error", prefix ? "RPCErr:1:" : "", ms);
}

static void check_format_one(int64_t ms, int prefix) {
    char want[256], got[256];
    int n = expected_message(want, sizeof want, ms, prefix);
    size_t caps[6];
    size_t i;
    caps[0] = 0;
    caps[1] = 1;
    caps[2] = (size_t)n;     /* one short: the NUL takes the last byte */
    caps[3] = (size_t)n + 1; /* exact: the text and its NUL */
    caps[4] = (size_t)n + 2; /* exact + 1 */
    caps[5] = sizeof got;
    CHECK(rpc_format_timeout_error(NULL, 0, ms, prefix) == n);
    for (i = 0; i < 6; i++) {
        memset(got, '#', sizeof got);
        CHECK(rpc_format_timeout_error(got, caps[i], ms, prefix) == n);
        if (caps[i] == 0) {
            CHECK(got[0] == '#');
            continue;
        }
        {
            size_t written = caps[i] - 1 < (size_t)n ? caps[i] - 1 : (size_t)n;
            CHECK(memcmp(got, want, written) == 0);
            CHECK(got[written] == '\0');
            CHECK(got[written + 1] == '#'); /* nothing beyond the terminator */
        }
    }
}

static void check_format(void) {
    const int64_t values[] = {0, 1, -1, 60000, 9, 10, 99, 100, INT32_MAX, INT64_MAX, INT64_MIN,
                              INT64_MIN + 1};
    size_t i;
    char buf[256];
    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        check_format_one(values[i], 0);
        check_format_one(values[i], 1);
    }
    CHECK(rpc_format_timeout_error(NULL, 1, 5, 0) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_format_timeout_error(NULL, SIZE_MAX, 5, 1) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_format_timeout_error(buf, sizeof buf, 60000, 7) ==
          rpc_format_timeout_error(buf, sizeof buf, 60000, 1)); /* any nonzero adds the prefix */
    CHECK(strncmp(buf, "RPCErr:1:RPC ran", 16) == 0);
    rpc_format_timeout_error(buf, sizeof buf, 60000, 0);
    CHECK(strcmp(buf, "RPC ran for more than set timeout (60000 ms) and will now be marked with an error") == 0);
}

static void check_table(void) {
    size_t n = rpc_constants_count(), i;
    CHECK(n > 0); /* the count against the oracle: stress.c */
    for (i = 0; i < n; i++) {
        const rpc_constant *c = rpc_constants_at(i);
        CHECK(c != NULL);
        if (c == NULL) continue;
        CHECK(c->name && c->cpp_name && c->symbol && c->unit && c->doc);
        CHECK(strlen(c->name) > 0 && strlen(c->symbol) > 0 && strlen(c->doc) > 0);
        CHECK(rpc_constants_find(c->name) == c);
        CHECK(rpc_constants_find(c->symbol) == c);
        if (c->cpp_name[0]) CHECK(rpc_constants_find(c->cpp_name) == c);
        CHECK(c->value_type >= RPC_TYPE_FLOAT && c->value_type <= RPC_TYPE_SIZE);
    }
    CHECK(rpc_constants_at(n) == NULL);
    CHECK(rpc_constants_at(SIZE_MAX) == NULL);
    CHECK(rpc_constants_find(NULL) == NULL);
    CHECK(rpc_constants_find("") == NULL);
    CHECK(rpc_constants_find("NO_SUCH_CONSTANT") == NULL);
    CHECK(rpc_constants_find("default_rpc_timeout_sec") == NULL); /* case-sensitive */
    CHECK(rpc_constants_find("DEFAULT_RPC_TIMEOUT_SEC ") == NULL);
    CHECK(rpc_constants_find("DEFAULT_RPC_TIMEOUT") == NULL);
    CHECK(rpc_constants_find("\xff\xfe\x80") == NULL);
    {
        const rpc_constant *a = rpc_constants_find("DEFAULT_RPC_TIMEOUT_SEC");
        CHECK(a != NULL && a == rpc_constants_find("kDefaultRpcTimeoutSeconds"));
        CHECK(a != NULL && a == rpc_constants_find("rpc_default_rpc_timeout_sec"));
        CHECK(a != NULL && a->value_type == RPC_TYPE_FLOAT && a->value.as_float == 60.0f);
        CHECK(a != NULL && strcmp(a->unit, "seconds") == 0);
    }
    {
        const rpc_constant *c = rpc_constants_find("DEFAULT_INIT_METHOD");
        CHECK(c != NULL && c->value_type == RPC_TYPE_STRING);
        CHECK(c != NULL && strcmp(c->value.as_string, rpc_default_init_method) == 0);
    }
    {
        const rpc_constant *c = rpc_constants_find("DEFAULT_PROCESS_GROUP_TIMEOUT");
        CHECK(c != NULL && c->value_type == RPC_TYPE_INT64 && c->value.as_int64 == INT32_MAX);
        CHECK(c != NULL && c->cpp_name[0] == '\0');
    }
    {
        const rpc_constant *c = rpc_constants_find("kSecToMsConversion");
        CHECK(c != NULL && c->value.as_float == 1000.0f && strcmp(c->symbol, "rpc_sec_to_ms_conversion") == 0);
    }
}

static rpc_status check_version_string(int major, int minor, int patch, const char *suffix) {
    char v[96];
    snprintf(v, sizeof v, "%d.%d.%d%s", major, minor, patch, suffix);
    return rpc_constants_check_version(v);
}

static void check_version_check(void) {
    const int M = RPC_CONSTANTS_VERSION_MAJOR, m = RPC_CONSTANTS_VERSION_MINOR,
              p = RPC_CONSTANTS_VERSION_PATCH;
    CHECK(RPC_CONSTANTS_CHECK_VERSION() == RPC_OK);
    CHECK(rpc_constants_check_version(RPC_CONSTANTS_VERSION) == RPC_OK);
    CHECK(rpc_constants_check_version(rpc_constants_version()) == RPC_OK);
    /* Exactly MAJOR.MINOR.PATCH: nothing before or after, no leading zeros. */
    CHECK(check_version_string(M, m, p, "-rc.1") == RPC_ERR_VERSION_MISMATCH);
    CHECK(check_version_string(M, m, p, ".0") == RPC_ERR_VERSION_MISMATCH);
    CHECK(check_version_string(M, m, p, "garbage") == RPC_ERR_VERSION_MISMATCH);
    CHECK(check_version_string(M, m, p, " ") == RPC_ERR_VERSION_MISMATCH);
    CHECK(check_version_string(M, m, p, "\n") == RPC_ERR_VERSION_MISMATCH);
    CHECK(check_version_string(M, m, p, "+build") == RPC_ERR_VERSION_MISMATCH);
    {
        const char *malformed[] = {"+0.1.0", "00.1.0", "0.01.0", "0.1.00", " 0.1.0", "0.1.0 ",
                                   "0.1.0.0", "0.1.0garbage", "0.1.0\n", "0.1.0+build", "-0.1.0"};
        size_t i;
        for (i = 0; i < sizeof malformed / sizeof malformed[0]; i++)
            CHECK(rpc_constants_check_version(malformed[i]) == RPC_ERR_VERSION_MISMATCH);
    }
    CHECK(rpc_constants_check_version(NULL) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_constants_check_version("") == RPC_ERR_VERSION_MISMATCH);
    CHECK(rpc_constants_check_version("1") == RPC_ERR_VERSION_MISMATCH);
    CHECK(rpc_constants_check_version("0.1") == RPC_ERR_VERSION_MISMATCH);
    CHECK(rpc_constants_check_version("0.1.") == RPC_ERR_VERSION_MISMATCH);
    CHECK(rpc_constants_check_version("a.b.c") == RPC_ERR_VERSION_MISMATCH);
    CHECK(rpc_constants_check_version(".1.0") == RPC_ERR_VERSION_MISMATCH);
    CHECK(rpc_constants_check_version("\xff\xfe") == RPC_ERR_VERSION_MISMATCH);
    CHECK(rpc_constants_check_version("99999999999999999999999.1.0") == RPC_ERR_VERSION_MISMATCH);
    /* A newer header than the library: never compatible (it may declare what we lack). */
    CHECK(check_version_string(M, m, p + 1, "") == RPC_ERR_VERSION_MISMATCH);
    CHECK(check_version_string(M, m + 1, 0, "") == RPC_ERR_VERSION_MISMATCH);
    CHECK(check_version_string(M + 1, 0, 0, "") == RPC_ERR_VERSION_MISMATCH);
    /* An older header: compatible only on the same ABI line (the SONAME's). */
#if RPC_CONSTANTS_VERSION_PATCH > 0
    CHECK(check_version_string(M, m, p - 1, "") == (M == 0 && m == 0 ? RPC_ERR_VERSION_MISMATCH : RPC_OK));
#endif
#if RPC_CONSTANTS_VERSION_MINOR > 0
    CHECK(check_version_string(M, m - 1, 0, "") == (M == 0 ? RPC_ERR_VERSION_MISMATCH : RPC_OK));
#endif
#if RPC_CONSTANTS_VERSION_MAJOR > 0
    CHECK(check_version_string(M - 1, m, p, "") == RPC_ERR_VERSION_MISMATCH);
#endif
}

/* WorkerInfo's name rule, written out here: 1 <= len < 128, each byte [A-Za-z0-9_:-]. */
static rpc_status name_of_length(size_t len, char fill) {
    char name[300];
    memset(name, fill, sizeof name);
    return rpc_validate_worker_name(name, len);
}

#define NAME(literal) rpc_validate_worker_name(literal, sizeof literal - 1)

static void check_worker_names_and_ids(void) {
    int c;
    int16_t id = 7;
    CHECK(NAME("worker0") == RPC_OK);
    CHECK(NAME("trainer:3") == RPC_OK);
    CHECK(NAME("ps-1_a") == RPC_OK);
    CHECK(NAME("-") == RPC_OK && NAME("_") == RPC_OK && NAME(":") == RPC_OK);
    /* PyTorch's own test_invalid_names: "abc*", " ", "" and 500 'a's. */
    CHECK(NAME("abc*") == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(NAME(" ") == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(NAME("") == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(name_of_length(500, 'a') == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(NAME("worker 1") == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(NAME("a.b") == RPC_ERR_INVALID_WORKER_NAME && NAME("a/b") == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(NAME("w\xc3\xa9") == RPC_ERR_INVALID_WORKER_NAME); /* UTF-8 e-acute */
    CHECK(NAME("ab\0c") == RPC_ERR_INVALID_WORKER_NAME);     /* an embedded NUL */
    CHECK(rpc_validate_worker_name("abc", 2) == RPC_OK);     /* only len bytes are read */
    /* The boundaries: 0, 1, 127 valid ... 128 not. */
    CHECK(name_of_length(0, 'a') == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(name_of_length(1, 'a') == RPC_OK);
    CHECK(name_of_length(RPC_WORKER_NAME_MAX_LEN - 1, 'a') == RPC_OK);
    CHECK(name_of_length(RPC_WORKER_NAME_MAX_LEN, 'a') == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(name_of_length(129, 'a') == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(rpc_validate_worker_name(NULL, 0) == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(rpc_validate_worker_name(NULL, 5) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_validate_worker_name(NULL, SIZE_MAX) == RPC_ERR_NULL_POINTER);
    /* Every single byte, against the ASCII rule. */
    for (c = 0; c < 256; c++) {
        char one = (char)c;
        int valid = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == ':';
        CHECK(rpc_validate_worker_name(&one, 1) == (valid ? RPC_OK : RPC_ERR_INVALID_WORKER_NAME));
    }

    CHECK(rpc_validate_worker_id(0, &id) == RPC_OK && id == 0);
    CHECK(rpc_validate_worker_id(32767, &id) == RPC_OK && id == 32767);
    CHECK(rpc_validate_worker_id(-1, &id) == RPC_OK && id == -1);
    CHECK(rpc_validate_worker_id(-32768, &id) == RPC_OK && id == -32768);
    /* Outside int16_t on either side, as PyTorch's Python binding refuses it (its C++ int64
       constructor would wrap an id below -32768). */
    id = 7;
    CHECK(rpc_validate_worker_id(-32769, &id) == RPC_ERR_WORKER_ID_OUT_OF_RANGE && id == 7);
    CHECK(rpc_validate_worker_id(-40000, &id) == RPC_ERR_WORKER_ID_OUT_OF_RANGE && id == 7);
    CHECK(rpc_validate_worker_id(-65537, &id) == RPC_ERR_WORKER_ID_OUT_OF_RANGE && id == 7);
    CHECK(rpc_validate_worker_id(INT64_MIN, &id) == RPC_ERR_WORKER_ID_OUT_OF_RANGE && id == 7);
    CHECK(rpc_validate_worker_id(32768, &id) == RPC_ERR_WORKER_ID_OUT_OF_RANGE && id == 7);
    CHECK(rpc_validate_worker_id(INT64_MAX, &id) == RPC_ERR_WORKER_ID_OUT_OF_RANGE && id == 7);
    CHECK(rpc_validate_worker_id(0, NULL) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_validate_worker_id(40000, NULL) == RPC_ERR_NULL_POINTER);
}

static rpc_status classify(const char *text, size_t len, int32_t *type) {
    rpc_status s;
    *type = -12345;
    s = rpc_classify_rpc_error(text, len, type);
    if (s != RPC_OK) CHECK(*type == -12345);
    return s;
}

#define CLASSIFY(literal, type) classify(literal, sizeof literal - 1, type)

static void check_rpc_errors(void) {
    char buf[64];
    int32_t t;
    /* makeRPCError: "RPCErr:<type>:<message>". */
    CHECK(rpc_format_rpc_error(buf, sizeof buf, RPC_ERROR_TYPE_INTENTIONAL_FAILURE, "boom", 4) == 13);
    CHECK(strcmp(buf, "RPCErr:2:boom") == 0);
    CHECK(rpc_format_rpc_error(buf, sizeof buf, -7, "a:b", 3) == 13 && strcmp(buf, "RPCErr:-7:a:b") == 0);
    CHECK(rpc_format_rpc_error(buf, sizeof buf, INT32_MIN, NULL, 0) == 19);
    CHECK(strcmp(buf, "RPCErr:-2147483648:") == 0);
    CHECK(rpc_format_rpc_error(NULL, 0, 1, "xyz", 3) == 12);
    memset(buf, '#', sizeof buf);
    CHECK(rpc_format_rpc_error(buf, 5, 1, "xyz", 3) == 12 && strcmp(buf, "RPCE") == 0 && buf[5] == '#');
    CHECK(rpc_format_rpc_error(buf, sizeof buf, 1, "a\0b", 3) == 12 && memcmp(buf, "RPCErr:1:a\0b", 13) == 0);
    CHECK(rpc_format_rpc_error(NULL, 1, 1, "x", 1) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_format_rpc_error(buf, sizeof buf, 1, NULL, 1) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_format_rpc_error(buf, sizeof buf, 1, "x", (size_t)INT32_MAX) == RPC_ERR_MESSAGE_TOO_LONG);
    CHECK(rpc_format_rpc_error(NULL, 0, 1, "x", SIZE_MAX) == RPC_ERR_MESSAGE_TOO_LONG);
    /* It agrees with the timeout formatter's prefixed message. */
    {
        char timeout[160], plain[160], prefixed[200];
        int n = rpc_format_timeout_error(plain, sizeof plain, 60000, 0);
        rpc_format_timeout_error(timeout, sizeof timeout, 60000, 1);
        rpc_format_rpc_error(prefixed, sizeof prefixed, RPC_ERROR_TYPE_TIMEOUT, plain, (size_t)n);
        CHECK(strcmp(timeout, prefixed) == 0);
        CHECK(classify(timeout, strlen(timeout), &t) == RPC_OK && t == RPC_ERROR_TYPE_TIMEOUT);
    }

    /* getRPCErrorType. */
    CHECK(CLASSIFY("RPCErr:1:x", &t) == RPC_OK && t == RPC_ERROR_TYPE_TIMEOUT);
    CHECK(CLASSIFY("RPCErr:2:boom", &t) == RPC_OK && t == RPC_ERROR_TYPE_INTENTIONAL_FAILURE);
    CHECK(CLASSIFY("RPCErr:0:", &t) == RPC_OK && t == 0);
    CHECK(CLASSIFY("no prefix at all", &t) == RPC_OK && t == RPC_ERROR_TYPE_UNKNOWN_ERROR);
    CHECK(CLASSIFY("", &t) == RPC_OK && t == 0);
    CHECK(classify(NULL, 0, &t) == RPC_OK && t == 0);
    CHECK(CLASSIFY("RPCErr", &t) == RPC_OK && t == 0);          /* nothing after the prefix */
    CHECK(CLASSIFY("RPCErr:", &t) == RPC_OK && t == 0);         /* start == size: npos */
    CHECK(CLASSIFY("RPCErr:1", &t) == RPC_OK && t == 0);        /* no second ':' */
    CHECK(CLASSIFY("RPCErr:1", &t) == RPC_OK && t == 0);
    CHECK(CLASSIFY("rpcerr:1:x", &t) == RPC_OK && t == 0);      /* case-sensitive */
    CHECK(CLASSIFY("xxRPCErr:2:y", &t) == RPC_OK && t == 2);    /* found anywhere */
    CHECK(CLASSIFY("RPCErrX1:x", &t) == RPC_OK && t == 1);      /* the skipped byte is unchecked */
    CHECK(CLASSIFY("RPCErr:1:RPCErr:2:", &t) == RPC_OK && t == 1); /* the first one */
    CHECK(CLASSIFY("RPCErr: +7abc:x", &t) == RPC_OK && t == 7); /* stoi: space, sign, junk */
    CHECK(CLASSIFY("RPCErr:\t\n\v\f\r 3:x", &t) == RPC_OK && t == 3);
    CHECK(CLASSIFY("RPCErr:-1:x", &t) == RPC_OK && t == -1);    /* not an enumerator: as it is */
    CHECK(CLASSIFY("RPCErr:007:x", &t) == RPC_OK && t == 7);
    CHECK(CLASSIFY("RPCErr:2147483647:", &t) == RPC_OK && t == INT32_MAX);
    CHECK(CLASSIFY("RPCErr:-2147483648:", &t) == RPC_OK && t == INT32_MIN);
    /* The text is what(), a C string: it ends at the first NUL. */
    CHECK(CLASSIFY("RPCErr:1\0junk:x", &t) == RPC_OK && t == 0); /* "RPCErr:1": no second ':' */
    CHECK(CLASSIFY("\0RPCErr:2:x", &t) == RPC_OK && t == 0);     /* "" */
    CHECK(CLASSIFY("RPCErr:\0:x", &t) == RPC_OK && t == 0);      /* "RPCErr:" */
    CHECK(CLASSIFY("RPCErr:\0" "1:", &t) == RPC_OK && t == 0);
    CHECK(CLASSIFY("RPCErr:2:x\0RPCErr:1:", &t) == RPC_OK && t == 2);
    /* Where std::stoi throws. */
    CHECK(CLASSIFY("RPCErr::", &t) == RPC_ERR_UNPARSABLE_ERROR_TYPE); /* skip one, then "" */
    CHECK(CLASSIFY("RPCErr:::", &t) == RPC_ERR_UNPARSABLE_ERROR_TYPE);
    CHECK(CLASSIFY("RPCErr:x:", &t) == RPC_ERR_UNPARSABLE_ERROR_TYPE);
    CHECK(CLASSIFY("RPCErr:+:", &t) == RPC_ERR_UNPARSABLE_ERROR_TYPE);
    CHECK(CLASSIFY("RPCErr:- 1:", &t) == RPC_ERR_UNPARSABLE_ERROR_TYPE);
    CHECK(CLASSIFY("RPCErr:2147483648:", &t) == RPC_ERR_UNPARSABLE_ERROR_TYPE);
    CHECK(CLASSIFY("RPCErr:-2147483649:", &t) == RPC_ERR_UNPARSABLE_ERROR_TYPE);
    CHECK(CLASSIFY("RPCErr:99999999999999999999999:", &t) == RPC_ERR_UNPARSABLE_ERROR_TYPE);
    CHECK(rpc_classify_rpc_error("RPCErr:1:", 9, NULL) == RPC_ERR_NULL_POINTER);
    CHECK(classify(NULL, 1, &t) == RPC_ERR_NULL_POINTER);
}

static rpc_status delay(int64_t duration, float backoff, int32_t count, int64_t *ms) {
    rpc_status s;
    *ms = UNTOUCHED;
    s = rpc_retry_delay_ms(duration, backoff, count, ms);
    if (s != RPC_OK) CHECK(*ms == UNTOUCHED);
    return s;
}

/* Every bit of the power, on every 4099th float backoff in [1, 4] and counts 0..16, against this
 * program's pow where that is the pow the library follows: glibc's as built for hardware with
 * fused multiply-add (x86-64 only on a CPU with FMA and AVX2, where glibc picks __pow_fma).
 * A duration of 2^(52 - e) ms for a power in [2^e, 2^(e+1)) makes the delay the power's
 * 53-bit significand. */
/* The library's power is the correctly rounded one, the same on every target; glibc's pow is
 * within one unit in the last place of it. With a duration of 2^(52 - e) ms for a power in
 * [2^e, 2^(e+1)) the delay is the power's 53-bit significand, so every bit is compared. */
static void check_powers_within_one_ulp(void) {
#if defined(__GLIBC__)
    uint32_t bits;
    int n;
    long compared = 0, differ = 0;
    for (bits = 0x3f800000u; bits <= 0x40800000u; bits += 4099) {
        float b;
        memcpy(&b, &bits, sizeof b);
        for (n = 0; n <= 16; n++) {
            double p = pow((double)b, (double)n);
            int64_t d = INT64_C(1) << (52 - ilogb(p)), ms = -1, theirs = (int64_t)((double)d * p);
            CHECK(rpc_retry_delay_ms(d, b, n, &ms) == RPC_OK && ms - theirs <= 1 && theirs - ms <= 1);
            compared++;
            differ += ms != theirs;
        }
    }
    printf("powers: %ld compared with this C library's pow, %ld differ in the last bit\n", compared, differ);
#endif
}

static void check_retry_options(void) {
    int64_t ms;
    CHECK(rpc_validate_retry_options(RPC_DEFAULT_MAX_RETRIES, RPC_DEFAULT_RPC_RETRY_DURATION_MS,
                                     RPC_DEFAULT_RETRY_BACKOFF) == RPC_OK);
    CHECK(rpc_validate_retry_options(0, 0, 1.0f) == RPC_OK);
    CHECK(rpc_validate_retry_options(INT32_MAX, INT64_MAX, INFINITY) == RPC_OK);
    CHECK(rpc_validate_retry_options(-1, 1000, 1.5f) == RPC_ERR_NEGATIVE_MAX_RETRIES);
    CHECK(rpc_validate_retry_options(-1, -1, 0.5f) == RPC_ERR_NEGATIVE_MAX_RETRIES); /* order */
    CHECK(rpc_validate_retry_options(5, -1, 0.5f) == RPC_ERR_DECAYING_BACKOFF);
    CHECK(rpc_validate_retry_options(5, 1000, nextafterf(1.0f, 0.0f)) == RPC_ERR_DECAYING_BACKOFF);
    CHECK(rpc_validate_retry_options(5, 1000, NAN) == RPC_ERR_DECAYING_BACKOFF);
    CHECK(rpc_validate_retry_options(5, 1000, -INFINITY) == RPC_ERR_DECAYING_BACKOFF);
    CHECK(rpc_validate_retry_options(5, 1000, -0.0f) == RPC_ERR_DECAYING_BACKOFF);
    CHECK(rpc_validate_retry_options(5, -1, 1.5f) == RPC_ERR_NEGATIVE_RETRY_DURATION);
    CHECK(rpc_validate_retry_options(5, INT64_MIN, 1.5f) == RPC_ERR_NEGATIVE_RETRY_DURATION);

    /* The defaults' schedule: 1000 * 1.5^n, exact. */
    CHECK(delay(1000, 1.5f, 0, &ms) == RPC_OK && ms == 1000);
    CHECK(delay(1000, 1.5f, 1, &ms) == RPC_OK && ms == 1500);
    CHECK(delay(1000, 1.5f, 2, &ms) == RPC_OK && ms == 2250);
    CHECK(delay(1000, 1.5f, 3, &ms) == RPC_OK && ms == 3375);
    CHECK(delay(1000, 1.5f, 4, &ms) == RPC_OK && ms == 5062); /* 5062.5, truncated */
    CHECK(delay(1000, 2.0f, 10, &ms) == RPC_OK && ms == 1024000);
    CHECK(delay(0, 1.5f, 100, &ms) == RPC_OK && ms == 0);
    CHECK(delay(1, 1.0f, INT32_MAX, &ms) == RPC_OK && ms == 1);
    CHECK(delay(1, 2.0f, 62, &ms) == RPC_OK && ms == INT64_C(1) << 62);
    CHECK(delay(1, 2.0f, 63, &ms) == RPC_ERR_OUT_OF_RANGE);       /* 2^63: undefined in PyTorch */
    CHECK(delay(INT64_MAX, 1.0f, 0, &ms) == RPC_ERR_OUT_OF_RANGE); /* (double)INT64_MAX is 2^63 */
    CHECK(delay(INT64_C(1) << 53, 1.0f, 5, &ms) == RPC_OK && ms == INT64_C(1) << 53);
    CHECK(delay((INT64_C(1) << 53) + 1, 1.0f, 0, &ms) == RPC_OK && ms == INT64_C(1) << 53);
    CHECK(delay(1, 2.0f, 1023, &ms) == RPC_ERR_OUT_OF_RANGE);
    CHECK(delay(0, 2.0f, 1023, &ms) == RPC_OK && ms == 0);        /* 0 * 2^1023 */
    CHECK(delay(0, 2.0f, 1024, &ms) == RPC_ERR_OUT_OF_RANGE);     /* 0 * inf is NaN */
    CHECK(delay(0, FLT_MAX, 9, &ms) == RPC_ERR_OUT_OF_RANGE);     /* pow overflows double */
    CHECK(delay(0, FLT_MAX, 8, &ms) == RPC_OK && ms == 0);        /* (2^128 - 2^104)^8 < 2^1024 */
    CHECK(delay(5, INFINITY, 0, &ms) == RPC_OK && ms == 5);       /* pow(inf, 0) is 1 */
    CHECK(delay(5, INFINITY, 1, &ms) == RPC_ERR_OUT_OF_RANGE);
    CHECK(delay(0, INFINITY, 1, &ms) == RPC_ERR_OUT_OF_RANGE);
    CHECK(delay(1000, 1.5f, -1, &ms) == RPC_ERR_NEGATIVE_RETRY_COUNT);
    CHECK(delay(1000, 1.5f, INT32_MIN, &ms) == RPC_ERR_NEGATIVE_RETRY_COUNT);
    CHECK(delay(1000, 0.5f, -1, &ms) == RPC_ERR_DECAYING_BACKOFF);
    CHECK(delay(-1, 1.5f, -1, &ms) == RPC_ERR_NEGATIVE_RETRY_DURATION);
    CHECK(delay(1000, NAN, 0, &ms) == RPC_ERR_DECAYING_BACKOFF);
    CHECK(rpc_retry_delay_ms(1000, 1.5f, 0, NULL) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_retry_delay_ms(-1, NAN, -1, NULL) == RPC_ERR_NULL_POINTER);
    /* Against this program's own pow on a few backoffs: below 2^40 ms the delays agree (the
     * header's promise for glibc's pow; musl's agrees here too); above, they may differ by the
     * power's last bit and so by the truncation. Not on Windows, whose C library's pow (msvcrt's,
     * under mingw-w64) is a different, less exact one that PyTorch's Windows builds (MSVC's) do
     * not use either. */
#ifndef _WIN32
    int n;
    for (n = 0; n <= 40; n++) {
        const float backoffs[] = {1.5f, 1.1f, 1.01f, 3.7f, 1.0000001f};
        size_t i;
        for (i = 0; i < sizeof backoffs / sizeof backoffs[0]; i++) {
            double x = (double)60000 * pow((double)backoffs[i], (double)n);
            if (x < 1099511627776.0) { /* 2^40 */
                CHECK(delay(60000, backoffs[i], n, &ms) == RPC_OK && ms == (int64_t)x);
            } else if (x < 9223372036854775808.0) {
                CHECK(delay(60000, backoffs[i], n, &ms) == RPC_OK &&
                      fabs((double)ms - x) <= x * 0x1p-51 + 1.0);
            } else {
                CHECK(delay(60000, backoffs[i], n, &ms) == RPC_ERR_OUT_OF_RANGE);
            }
        }
    }
#endif
    check_powers_within_one_ulp();
}

/* RpcAgent's schedule (rpc_agent.cpp): the first send and the first resend are each due
   delay(0) after the send before them, the k-th resend delay(k - 1); the RPC is sent at most
   maxRetries + 1 times. */
static void check_retry_schedule(void) {
    const int64_t defaults[] = {1000, 1000, 1500, 2250, 3375};
    int64_t ms = 7;
    int32_t r;
    for (r = 0; r < 5; r++) {
        CHECK(rpc_retry_next_send_ms(5, 1000, 1.5f, r, &ms) == RPC_OK && ms == defaults[r]);
    }
    ms = 7;
    CHECK(rpc_retry_next_send_ms(5, 1000, 1.5f, 5, &ms) == RPC_ERR_RETRIES_EXHAUSTED && ms == 7);
    CHECK(rpc_retry_next_send_ms(5, 1000, 1.5f, INT32_MAX, &ms) == RPC_ERR_RETRIES_EXHAUSTED);
    CHECK(rpc_retry_next_send_ms(0, 1000, 1.5f, 0, &ms) == RPC_ERR_RETRIES_EXHAUSTED); /* one send */
    CHECK(rpc_retry_next_send_ms(1, 1000, 1.5f, 0, &ms) == RPC_OK && ms == 1000);
    CHECK(rpc_retry_next_send_ms(1, 1000, 1.5f, 1, &ms) == RPC_ERR_RETRIES_EXHAUSTED);
    CHECK(rpc_retry_next_send_ms(3, 0, 1.0f, 2, &ms) == RPC_OK && ms == 0); /* at once */
    CHECK(rpc_retry_next_send_ms(INT32_MAX, 1, 2.0f, 63, &ms) == RPC_OK && ms == INT64_C(1) << 62);
    CHECK(rpc_retry_next_send_ms(INT32_MAX, 1, 2.0f, 64, &ms) == RPC_ERR_OUT_OF_RANGE);
    /* The last send's delay is never used: no error for it. */
    CHECK(rpc_retry_next_send_ms(64, 1, 2.0f, 64, &ms) == RPC_ERR_RETRIES_EXHAUSTED);
    CHECK(rpc_retry_next_send_ms(5, 1000, INFINITY, 1, &ms) == RPC_OK && ms == 1000);
    CHECK(rpc_retry_next_send_ms(5, 1000, INFINITY, 2, &ms) == RPC_ERR_OUT_OF_RANGE);
    /* The options' checks first, in PyTorch's order, then the count. */
    CHECK(rpc_retry_next_send_ms(-1, -1, 0.5f, -1, &ms) == RPC_ERR_NEGATIVE_MAX_RETRIES);
    CHECK(rpc_retry_next_send_ms(5, -1, NAN, -1, &ms) == RPC_ERR_DECAYING_BACKOFF);
    CHECK(rpc_retry_next_send_ms(5, -1, 1.5f, -1, &ms) == RPC_ERR_NEGATIVE_RETRY_DURATION);
    CHECK(rpc_retry_next_send_ms(5, 1000, 1.5f, -1, &ms) == RPC_ERR_NEGATIVE_RETRY_COUNT);
    CHECK(rpc_retry_next_send_ms(5, 1000, 1.5f, 0, NULL) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_retry_next_send_ms(-1, 1000, 1.5f, 0, NULL) == RPC_ERR_NULL_POINTER);
}

/* api.py's _all_gather: UNSET gives the agent's default and no limit, 0 RPCs that never expire
   and no limit, anything else both; the RPCs take it as a float. */
static void check_all_gather(void) {
    /* In variables: a constant may carry excess precision (i686's x87), a double object not. */
    const double near_sentinel = -1.0000000001, tiny = 0.0004;
    int64_t ms = 7;
    double wait = 7.0;
    CHECK(rpc_all_gather_timeouts(-1.0, 60000, &ms, &wait) == RPC_OK && ms == 60000 && wait > DBL_MAX);
    CHECK(rpc_all_gather_timeouts(0.0, 60000, &ms, &wait) == RPC_OK && ms == 0 && wait > DBL_MAX);
    CHECK(rpc_all_gather_timeouts(-0.0, 60000, &ms, &wait) == RPC_OK && ms == 0 && wait > DBL_MAX);
    CHECK(rpc_all_gather_timeouts(5.0, 60000, &ms, &wait) == RPC_OK && ms == 5000 && wait == 5.0);
    CHECK(rpc_all_gather_timeouts(-0.5, 60000, &ms, &wait) == RPC_OK && ms == -500 && wait == -0.5);
    /* Not the sentinel in Python, but the float the RPC gets is -1.0f: the agent's default. */
    CHECK(rpc_all_gather_timeouts(near_sentinel, 60000, &ms, &wait) == RPC_OK && ms == 60000 &&
          wait == near_sentinel);
    /* get_rpc_timeout() is a float: 16777217 ms comes back as 16777216. */
    CHECK(rpc_all_gather_timeouts(-1.0, 16777217, &ms, &wait) == RPC_OK && ms == 16777216);
    CHECK(rpc_all_gather_timeouts(-1.0, -5000, &ms, &wait) == RPC_OK && ms == -5000);
    CHECK(rpc_all_gather_timeouts(tiny, 60000, &ms, &wait) == RPC_OK && ms == 0 && wait == tiny);
    ms = 7;
    wait = 7.0;
    CHECK(rpc_all_gather_timeouts(NAN, 60000, &ms, &wait) == RPC_ERR_NOT_A_NUMBER && ms == 7);
    CHECK(rpc_all_gather_timeouts(INFINITY, 60000, &ms, &wait) == RPC_ERR_OUT_OF_RANGE);
    CHECK(rpc_all_gather_timeouts(1e300, 60000, &ms, &wait) == RPC_ERR_OUT_OF_RANGE && wait == 7.0);
    CHECK(rpc_all_gather_timeouts(2147483.75, 60000, &ms, &wait) == RPC_ERR_OUT_OF_RANGE);
    CHECK(rpc_all_gather_timeouts(-1.0, INT64_C(3000000000), &ms, &wait) == RPC_ERR_OUT_OF_RANGE);
    CHECK(rpc_all_gather_timeouts(5.0, 60000, NULL, &wait) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_all_gather_timeouts(NAN, 60000, &ms, NULL) == RPC_ERR_NULL_POINTER);
}

static void check_all_gather_message(void) {
    const char *two[] = {"worker1", "worker2"};
    const char *bad[] = {"worker1", "bad name"};
    const char *null_name[] = {NULL};
    const char first[] = "RPCErr:1:RPC ran for more than set timeout (5000 ms) and will now be "
                         "marked with an error";
    char buf[512];
    char small[12];
    int32_t n = rpc_format_all_gather_error(buf, sizeof buf, 5.0, 60000, two, 2, first,
                                            sizeof first - 1);
    CHECK(n > 0 && (size_t)n == strlen(buf) &&
          strcmp(buf, "Followers ['worker1', 'worker2'] timed out in _all_gather after 5.00 "
                      "seconds. The first exception is RPCErr:1:RPC ran for more than set timeout "
                      "(5000 ms) and will now be marked with an error") == 0);
    CHECK(rpc_format_all_gather_error(buf, sizeof buf, -1.0, 60000, two, 1, "x", 1) > 0 &&
          strcmp(buf, "Followers ['worker1'] timed out in _all_gather after 60.00 seconds. The "
                      "first exception is x") == 0);
    CHECK(rpc_format_all_gather_error(buf, sizeof buf, -0.0, 60000, NULL, 0, NULL, 0) > 0 &&
          strcmp(buf, "Followers [] timed out in _all_gather after -0.00 seconds. The first "
                      "exception is ") == 0);
    /* Python's .2f: the exact binary value, ties to even. */
    CHECK(rpc_format_all_gather_error(buf, sizeof buf, 0.125, 0, NULL, 0, NULL, 0) > 0 &&
          strstr(buf, " after 0.12 seconds") != NULL);
    CHECK(rpc_format_all_gather_error(buf, sizeof buf, 0.375, 0, NULL, 0, NULL, 0) > 0 &&
          strstr(buf, " after 0.38 seconds") != NULL);
    CHECK(rpc_format_all_gather_error(buf, sizeof buf, 2.675, 0, NULL, 0, NULL, 0) > 0 &&
          strstr(buf, " after 2.67 seconds") != NULL);
    CHECK(rpc_format_all_gather_error(buf, sizeof buf, -1.0000000001, 0, NULL, 0, NULL, 0) > 0 &&
          strstr(buf, " after -1.00 seconds") != NULL);
    CHECK(rpc_format_all_gather_error(buf, sizeof buf, -1.0, 16777217, NULL, 0, NULL, 0) > 0 &&
          strstr(buf, " after 16777.22 seconds") != NULL);
    /* snprintf semantics. */
    n = rpc_format_all_gather_error(small, sizeof small, 5.0, 60000, two, 2, "x", 1);
    CHECK(n == 102);
    CHECK(strcmp(small, "Followers [") == 0);
    CHECK(rpc_format_all_gather_error(NULL, 0, 5.0, 60000, two, 2, "x", 1) == n);
    CHECK(rpc_format_all_gather_error(NULL, 1, 5.0, 60000, two, 2, "x", 1) == RPC_ERR_NULL_POINTER);
    CHECK(rpc_format_all_gather_error(buf, sizeof buf, 5.0, 60000, NULL, 1, "x", 1) ==
          RPC_ERR_NULL_POINTER);
    CHECK(rpc_format_all_gather_error(buf, sizeof buf, 5.0, 60000, null_name, 1, "x", 1) ==
          RPC_ERR_NULL_POINTER);
    CHECK(rpc_format_all_gather_error(buf, sizeof buf, 5.0, 60000, two, 2, NULL, 1) ==
          RPC_ERR_NULL_POINTER);
    buf[0] = 'z';
    CHECK(rpc_format_all_gather_error(buf, sizeof buf, 5.0, 60000, bad, 2, "x", 1) ==
              RPC_ERR_INVALID_WORKER_NAME && buf[0] == 'z');
    CHECK(rpc_format_all_gather_error(buf, sizeof buf, NAN, 60000, two, 2, "x", 1) ==
          RPC_ERR_NOT_A_NUMBER);
    CHECK(rpc_format_all_gather_error(buf, sizeof buf, 1e10, 60000, two, 2, "x", 1) ==
          RPC_ERR_OUT_OF_RANGE);
}

/* PyTorch 2.15's own words (rpc_agent.h, rpc_agent.cpp, tensorpipe_agent.h), with the value. */
static void check_pytorch_words(void) {
    char buf[256];
    char name[128];
    memset(name, 'a', sizeof name);
#define WORDS(status, value, text, len, want)                                                     \
    CHECK(rpc_format_pytorch_error(buf, sizeof buf, status, value, text, len) ==                  \
              (int32_t)strlen(want) &&                                                            \
          strcmp(buf, want) == 0)
    WORDS(RPC_ERR_NEGATIVE_TIMEOUT, 0, NULL, 0, "RPC Timeout must be non-negative");
    WORDS(RPC_ERR_NOT_A_NUMBER, 0, NULL, 0, "RPC Timeout must be non-negative");
    WORDS(RPC_ERR_INVALID_THREAD_COUNT, 0, NULL, 0, "num_worker_threads must be positive, got 0");
    WORDS(RPC_ERR_INVALID_THREAD_COUNT, INT32_MIN, NULL, 0,
          "num_worker_threads must be positive, got -2147483648");
    WORDS(RPC_ERR_INVALID_WORKER_NAME, 0, "bad name", 8,
          "Worker name must match ^[A-Za-z0-9-_:]*$, and must be non-empty and shorter than 128 "
          "chars, but got bad name");
    WORDS(RPC_ERR_INVALID_WORKER_NAME, 0, NULL, 0,
          "Worker name must match ^[A-Za-z0-9-_:]*$, and must be non-empty and shorter than 128 "
          "chars, but got ");
    WORDS(RPC_ERR_WORKER_ID_OUT_OF_RANGE, 32768, NULL, 0,
          "RPC worker id 32768 out of bounds for int16_t.");
    WORDS(RPC_ERR_WORKER_ID_OUT_OF_RANGE, INT64_MAX, NULL, 0,
          "RPC worker id 9223372036854775807 out of bounds for int16_t.");
    WORDS(RPC_ERR_WORKER_ID_OUT_OF_RANGE, INT64_MIN, NULL, 0,
          "RPC worker id -9223372036854775808 out of bounds for int16_t.");
    WORDS(RPC_ERR_NEGATIVE_MAX_RETRIES, -1, NULL, 0, "maxRetries cannot be negative.");
    WORDS(RPC_ERR_DECAYING_BACKOFF, 0, NULL, 0, "maxRetries cannot be exponentially decaying.");
    WORDS(RPC_ERR_NEGATIVE_RETRY_DURATION, 0, NULL, 0, "rpcRetryDuration cannot be negative.");
    WORDS(RPC_ERR_RETRIES_EXHAUSTED, 5, NULL, 0,
          "The RPC has not succeeded after the specified number of max retries (5).");
#undef WORDS
    /* A 128-byte name is copied whole. */
    CHECK(rpc_format_pytorch_error(buf, sizeof buf, RPC_ERR_INVALID_WORKER_NAME, 0, name, 128) ==
          100 + 128);
    CHECK(rpc_format_pytorch_error(NULL, 0, RPC_ERR_RETRIES_EXHAUSTED, 5, NULL, 0) == 72);
    CHECK(rpc_format_pytorch_error(buf, 4, RPC_ERR_RETRIES_EXHAUSTED, 5, NULL, 0) == 72 &&
          strcmp(buf, "The") == 0);
    CHECK(rpc_format_pytorch_error(NULL, 1, RPC_ERR_RETRIES_EXHAUSTED, 5, NULL, 0) ==
          RPC_ERR_NULL_POINTER);
    CHECK(rpc_format_pytorch_error(buf, sizeof buf, RPC_ERR_INVALID_WORKER_NAME, 0, NULL, 1) ==
          RPC_ERR_NULL_POINTER);
    buf[0] = 'z';
    CHECK(rpc_format_pytorch_error(buf, sizeof buf, RPC_OK, 0, NULL, 0) == RPC_ERR_NO_PYTORCH_MESSAGE &&
          buf[0] == 'z');
    CHECK(rpc_format_pytorch_error(buf, sizeof buf, RPC_ERR_OUT_OF_RANGE, 0, NULL, 0) ==
          RPC_ERR_NO_PYTORCH_MESSAGE);
    CHECK(rpc_format_pytorch_error(buf, sizeof buf, RPC_ERR_UNPARSABLE_ERROR_TYPE, 0, NULL, 0) ==
          RPC_ERR_NO_PYTORCH_MESSAGE);
    CHECK(rpc_format_pytorch_error(buf, sizeof buf, 1, 0, NULL, 0) == RPC_ERR_NO_PYTORCH_MESSAGE);
    CHECK(rpc_format_pytorch_error(buf, sizeof buf, INT32_MIN, 0, NULL, 0) ==
          RPC_ERR_NO_PYTORCH_MESSAGE);
}

int main(void) {
    check_worker_names_and_ids();
    check_rpc_errors();
    check_retry_options();
    check_retry_schedule();
    check_all_gather();
    check_all_gather_message();
    check_pytorch_words();
    check_agent_timeout();
    check_resolve_timeout();
    check_set_rpc_timeout();
    check_small_functions();
    check_status_strings();
    check_format();
    check_table();
    check_version_check();
    return check_report("semantics_test");
}
