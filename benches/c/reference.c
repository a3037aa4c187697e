/*
 * The benchmark's yardstick: the same symbols, hand-written in C, as a C team would write them
 * (the constants' statics and getters are generated from the header: one plain definition each).
 * Built as `cc -O2 -fPIC -shared -Wl,-z,relro,-z,now` (with the usual crt start-up files).
 */
#include "rpc_constants.h"

#include <math.h>
#include <string.h>

/* Every constant's static and getter, written out from the header by benches/compare.rs. */
#include "reference_constants.inc"

const char *rpc_constants_version(void) { return RPC_CONSTANTS_VERSION; }

rpc_status rpc_constants_check_version(const char *v) {
    if (!v) return RPC_ERR_NULL_POINTER;
    return strncmp(v, "0.1.", 4) == 0 ? RPC_OK : RPC_ERR_VERSION_MISMATCH;
}

rpc_status rpc_agent_timeout_ms(float s, int64_t *out) {
    float p;
    if (!out) return RPC_ERR_NULL_POINTER;
    if (isnan(s)) return RPC_ERR_NOT_A_NUMBER;
    if (s < 0) return RPC_ERR_NEGATIVE_TIMEOUT;
    p = s * 1000.0f;
    if (!(p < 9223372036854775808.0f)) return RPC_ERR_OUT_OF_RANGE;
    *out = (int64_t)p;
    return RPC_OK;
}

rpc_status rpc_resolve_timeout_ms(float s, int64_t agent_ms, int64_t *out) {
    float p;
    if (!out) return RPC_ERR_NULL_POINTER;
    if (s == -1.0f) {
        if (agent_ms < 0) return RPC_ERR_NEGATIVE_TIMEOUT;
        *out = agent_ms;
        return RPC_OK;
    }
    if (isnan(s)) return RPC_ERR_NOT_A_NUMBER;
    p = s * 1000.0f;
    if (!(p >= -2147483648.0f && p < 2147483648.0f)) return RPC_ERR_OUT_OF_RANGE;
    if (s < 0) return RPC_ERR_NEGATIVE_TIMEOUT;
    *out = (int32_t)p;
    return RPC_OK;
}

bool rpc_timeout_never_expires(int64_t ms) { return ms == 0; }
float rpc_timeout_ms_to_sec(int64_t ms) { return (float)ms / 1000.0f; }
rpc_status rpc_validate_num_worker_threads(int32_t n) {
    return n > 0 ? RPC_OK : RPC_ERR_INVALID_THREAD_COUNT;
}

int32_t rpc_format_timeout_error(char *buf, size_t cap, int64_t ms, int32_t prefix) {
    static const char head[] = "RPC ran for more than set timeout (";
    static const char tail[] = " ms) and will now be marked with an error";
    char tmp[160], digits[20];
    size_t n = 0, d = 0, len;
    uint64_t m = ms < 0 ? 0 - (uint64_t)ms : (uint64_t)ms;
    if (!buf && cap) return RPC_ERR_NULL_POINTER;
    if (prefix) { memcpy(tmp, "RPCErr:1:", 9); n = 9; }
    memcpy(tmp + n, head, sizeof head - 1); n += sizeof head - 1;
    if (ms < 0) tmp[n++] = '-';
    do { digits[d++] = (char)('0' + m % 10); m /= 10; } while (m);
    while (d) tmp[n++] = digits[--d];
    memcpy(tmp + n, tail, sizeof tail - 1); n += sizeof tail - 1;
    if (cap) {
        len = n < cap - 1 ? n : cap - 1;
        memcpy(buf, tmp, len);
        buf[len] = '\0';
    }
    return (int32_t)n;
}

const char *rpc_status_str(int32_t s) {
    switch (s) {
    case 0: return "success";
    case -1: return "a required pointer argument was NULL";
    case -2: return "negative timeout";
    case -3: return "timeout is NaN";
    case -4: return "timeout is infinite or out of range";
    case -5: return "worker-thread count must be greater than 0";
    case -6: return "header and library versions are not compatible";
    default: return "unknown rpc_constants status";
    }
}

#define ENTRY(name, cpp, sym, type, unit, member, value, doc) \
    {name, cpp, sym, type, unit, {.member = value}, doc}
static const rpc_constant table[] = {
    ENTRY("DEFAULT_RPC_TIMEOUT_SEC", "kDefaultRpcTimeoutSeconds", "rpc_default_rpc_timeout_sec", RPC_TYPE_FLOAT, "seconds", as_float, RPC_DEFAULT_RPC_TIMEOUT_SEC, "Agent-wide default timeout of every RPC."),
    ENTRY("UNSET_RPC_TIMEOUT", "kUnsetRpcTimeout", "rpc_unset_rpc_timeout", RPC_TYPE_FLOAT, "seconds (sentinel)", as_float, RPC_UNSET_RPC_TIMEOUT, "Sentinel timeout: use the agent's current default."),
    ENTRY("DEFAULT_SHUTDOWN_TIMEOUT", "", "rpc_default_shutdown_timeout", RPC_TYPE_FLOAT, "seconds", as_float, RPC_DEFAULT_SHUTDOWN_TIMEOUT, "Default timeout of a graceful shutdown(); 0 means wait for ever."),
    ENTRY("DEFAULT_NUM_WORKER_THREADS", "kDefaultNumWorkerThreads", "rpc_default_num_worker_threads", RPC_TYPE_INT32, "threads", as_int32, RPC_DEFAULT_NUM_WORKER_THREADS, "Size of the TensorPipe agent's worker thread pool."),
    ENTRY("DEFAULT_PROCESS_GROUP_TIMEOUT", "", "rpc_default_process_group_timeout_ms", RPC_TYPE_INT64, "milliseconds", as_int64, RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS, "Timeout of the Gloo process group of static RPC groups."),
    ENTRY("DEFAULT_INIT_METHOD", "kDefaultInitMethod", "rpc_default_init_method", RPC_TYPE_STRING, "URL", as_string, rpc_default_init_method, "Default rendezvous URL."),
    ENTRY("kSecToMsConversion", "kSecToMsConversion", "rpc_sec_to_ms_conversion", RPC_TYPE_FLOAT, "milliseconds per second", as_float, RPC_SEC_TO_MS_CONVERSION, "Factor from seconds to milliseconds."),
    ENTRY("kRpcTimeoutErrorStr", "kRpcTimeoutErrorStr", "rpc_timeout_error_str", RPC_TYPE_STRING, "fmt pattern", as_string, rpc_timeout_error_str, "Message of a timed-out RPC."),
};

size_t rpc_constants_count(void) { return sizeof table / sizeof table[0]; }
const rpc_constant *rpc_constants_at(size_t i) { return i < rpc_constants_count() ? &table[i] : NULL; }
const rpc_constant *rpc_constants_find(const char *name) {
    size_t i;
    if (!name) return NULL;
    for (i = 0; i < rpc_constants_count(); i++) {
        const rpc_constant *c = &table[i];
        if (!strcmp(name, c->name) || (c->cpp_name[0] && !strcmp(name, c->cpp_name)) ||
            !strcmp(name, c->symbol))
            return c;
    }
    return NULL;
}
