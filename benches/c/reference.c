/*
 * The benchmark's yardstick: the same symbols, hand-written in C, as a C team would write them
 * (the constants' statics and getters are generated from the header: one plain definition each).
 * Built as `cc -O2 -fPIC -shared -Wl,-z,relro,-z,now` (with the usual crt start-up files).
 */
#include "rpc_constants.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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
        *out = agent_ms;
        return RPC_OK;
    }
    if (isnan(s)) return RPC_ERR_NOT_A_NUMBER;
    p = s * 1000.0f;
    if (!(p >= -2147483648.0f && p < 2147483648.0f)) return RPC_ERR_OUT_OF_RANGE;
    *out = (int32_t)p;
    return RPC_OK;
}

rpc_status rpc_set_rpc_timeout_ms(float s, int64_t *out) {
    float p;
    if (!out) return RPC_ERR_NULL_POINTER;
    if (isnan(s)) return RPC_ERR_NOT_A_NUMBER;
    p = s * 1000.0f;
    if (!(p >= -2147483648.0f && p < 2147483648.0f)) return RPC_ERR_OUT_OF_RANGE;
    *out = (int32_t)p;
    return RPC_OK;
}

bool rpc_timeout_never_expires(int64_t ms) { return ms == 0; }
bool rpc_timeout_expires_at_once(int64_t ms) { return ms < 0; }
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

rpc_status rpc_validate_worker_name(const char *name, size_t len) {
    size_t i;
    if (len == 0) return RPC_ERR_INVALID_WORKER_NAME;
    if (!name) return RPC_ERR_NULL_POINTER;
    if (len >= RPC_WORKER_NAME_MAX_LEN) return RPC_ERR_INVALID_WORKER_NAME;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == ':'))
            return RPC_ERR_INVALID_WORKER_NAME;
    }
    return RPC_OK;
}

rpc_status rpc_validate_worker_id(int64_t id, int16_t *out) {
    if (!out) return RPC_ERR_NULL_POINTER;
    if (id < INT16_MIN || id > INT16_MAX) return RPC_ERR_WORKER_ID_OUT_OF_RANGE;
    *out = (int16_t)id;
    return RPC_OK;
}

int32_t rpc_format_rpc_error(char *buf, size_t cap, int32_t type, const char *msg, size_t len) {
    char head[32];
    size_t n, total, i;
    if ((!buf && cap) || (!msg && len)) return RPC_ERR_NULL_POINTER;
    n = (size_t)snprintf(head, sizeof head, "RPCErr:%d:", (int)type);
    if (len > (size_t)INT32_MAX - n) return RPC_ERR_MESSAGE_TOO_LONG;
    total = n + len;
    if (cap) {
        for (i = 0; i < total && i < cap - 1; i++) buf[i] = i < n ? head[i] : msg[i - n];
        buf[i] = '\0';
    }
    return (int32_t)total;
}

rpc_status rpc_classify_rpc_error(const char *msg, size_t len, int32_t *out) {
    size_t pos, start, end;
    char field[64];
    long v;
    char *stop;
    if (!out || (!msg && len)) return RPC_ERR_NULL_POINTER;
    if (len) len = strnlen(msg, len); /* what() ends at a NUL */
    for (pos = 0; pos + 6 <= len && memcmp(msg + pos, "RPCErr", 6) != 0; pos++) {}
    if (pos + 6 > len) { *out = 0; return RPC_OK; }
    start = pos + 7;
    for (end = start; end < len && msg[end] != ':'; end++) {}
    if (start >= len || end >= len) { *out = 0; return RPC_OK; }
    if (end - start >= sizeof field) return RPC_ERR_UNPARSABLE_ERROR_TYPE;
    memcpy(field, msg + start, end - start);
    field[end - start] = '\0';
    errno = 0;
    v = strtol(field, &stop, 10);
    if (stop == field || errno == ERANGE || v < INT32_MIN || v > INT32_MAX) return RPC_ERR_UNPARSABLE_ERROR_TYPE;
    *out = (int32_t)v;
    return RPC_OK;
}

rpc_status rpc_validate_retry_options(int32_t max_retries, int64_t duration_ms, float backoff) {
    if (max_retries < 0) return RPC_ERR_NEGATIVE_MAX_RETRIES;
    if (!(backoff >= 1)) return RPC_ERR_DECAYING_BACKOFF;
    if (duration_ms < 0) return RPC_ERR_NEGATIVE_RETRY_DURATION;
    return RPC_OK;
}

rpc_status rpc_retry_delay_ms(int64_t duration_ms, float backoff, int32_t count, int64_t *out) {
    double x;
    if (!out) return RPC_ERR_NULL_POINTER;
    if (!(backoff >= 1)) return RPC_ERR_DECAYING_BACKOFF;
    if (duration_ms < 0) return RPC_ERR_NEGATIVE_RETRY_DURATION;
    if (count < 0) return RPC_ERR_NEGATIVE_RETRY_COUNT;
    x = (double)duration_ms * pow((double)backoff, (double)count);
    if (!(x < 9223372036854775808.0)) return RPC_ERR_OUT_OF_RANGE;
    *out = (int64_t)x;
    return RPC_OK;
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
    case -7: return "worker name must be 1 to 127 bytes of A-Z a-z 0-9 - _ :";
    case -8: return "worker id out of bounds for int16_t";
    case -9: return "RPC error type is not an int";
    case -10: return "maxRetries cannot be negative";
    case -11: return "retryBackoff must be at least 1";
    case -12: return "rpcRetryDuration cannot be negative";
    case -13: return "negative retry count";
    case -14: return "message longer than INT32_MAX bytes";
    case -15: return "the RPC has not succeeded after maxRetries retries";
    case -16: return "PyTorch has no message for this status";
    default: return "unknown rpc_constants status";
    }
}

rpc_status rpc_retry_next_send_ms(int32_t max_retries, int64_t duration_ms, float backoff,
                                  int32_t retry_count, int64_t *out) {
    rpc_status s;
    if (!out) return RPC_ERR_NULL_POINTER;
    s = rpc_validate_retry_options(max_retries, duration_ms, backoff);
    if (s != RPC_OK) return s;
    if (retry_count < 0) return RPC_ERR_NEGATIVE_RETRY_COUNT;
    if (retry_count >= max_retries) return RPC_ERR_RETRIES_EXHAUSTED;
    return rpc_retry_delay_ms(duration_ms, backoff, retry_count > 0 ? retry_count - 1 : 0, out);
}

static rpc_status all_gather(double t, int64_t agent_ms, int64_t *ms, double *wait, double *shown) {
    double rpc = t;
    *wait = t;
    if (t == -1.0) {
        rpc = (double)rpc_timeout_ms_to_sec(agent_ms);
        *wait = INFINITY;
    } else if (t == 0.0) {
        *wait = INFINITY;
    }
    *shown = rpc;
    if (isinf(rpc) || fabs(rpc) > 1e10) return RPC_ERR_OUT_OF_RANGE;
    return rpc_resolve_timeout_ms((float)rpc, agent_ms, ms);
}

rpc_status rpc_all_gather_timeouts(double t, int64_t agent_ms, int64_t *out_ms, double *out_wait) {
    int64_t ms;
    double wait, shown;
    rpc_status s;
    if (!out_ms || !out_wait) return RPC_ERR_NULL_POINTER;
    s = all_gather(t, agent_ms, &ms, &wait, &shown);
    if (s != RPC_OK) return s;
    *out_ms = ms;
    *out_wait = wait;
    return RPC_OK;
}

int32_t rpc_format_all_gather_error(char *buf, size_t cap, double t, int64_t agent_ms,
                                    const char *const *followers, size_t count, const char *first,
                                    size_t first_len) {
    int64_t ms;
    double wait, shown;
    char list[4096] = "[";
    size_t i, used = 1;
    int n;
    rpc_status s;
    if ((!buf && cap) || (!followers && count) || (!first && first_len)) return RPC_ERR_NULL_POINTER;
    s = all_gather(t, agent_ms, &ms, &wait, &shown);
    if (s != RPC_OK) return s;
    for (i = 0; i < count; i++) {
        if (!followers[i]) return RPC_ERR_NULL_POINTER;
        if (rpc_validate_worker_name(followers[i], strlen(followers[i])) != RPC_OK)
            return RPC_ERR_INVALID_WORKER_NAME;
        used += (size_t)snprintf(list + used, sizeof list - used, "%s'%s'", i ? ", " : "", followers[i]);
        if (used >= sizeof list) return RPC_ERR_MESSAGE_TOO_LONG;
    }
    snprintf(list + used, sizeof list - used, "]");
    n = snprintf(buf, cap, "Followers %s timed out in _all_gather after %.2f seconds. The first exception is %.*s",
                 list, shown, (int)first_len, first ? first : "");
    return n;
}

int32_t rpc_format_pytorch_error(char *buf, size_t cap, int32_t status, int64_t value,
                                 const char *text, size_t len) {
    if ((!buf && cap) || (!text && len)) return RPC_ERR_NULL_POINTER;
    switch (status) {
    case -2: case -3: return snprintf(buf, cap, "RPC Timeout must be non-negative");
    case -5: return snprintf(buf, cap, "num_worker_threads must be positive, got %lld", (long long)value);
    case -7:
        return snprintf(buf, cap, "Worker name must match ^[A-Za-z0-9-_:]*$, and must be non-empty and "
                        "shorter than 128 chars, but got %.*s", (int)len, text ? text : "");
    case -8: return snprintf(buf, cap, "RPC worker id %lld out of bounds for int16_t.", (long long)value);
    case -10: return snprintf(buf, cap, "maxRetries cannot be negative.");
    case -11: return snprintf(buf, cap, "maxRetries cannot be exponentially decaying.");
    case -12: return snprintf(buf, cap, "rpcRetryDuration cannot be negative.");
    case -15:
        return snprintf(buf, cap, "The RPC has not succeeded after the specified number of max retries (%lld).",
                        (long long)value);
    default: return RPC_ERR_NO_PYTORCH_MESSAGE;
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
    ENTRY("WorkerInfo::MAX_NAME_LEN", "WorkerInfo::MAX_NAME_LEN", "rpc_worker_name_max_len", RPC_TYPE_SIZE, "bytes", as_size, RPC_WORKER_NAME_MAX_LEN, "Bound on a worker name's length."),
    ENTRY("std::numeric_limits<worker_id_t>::min()", "std::numeric_limits<worker_id_t>::min()", "rpc_worker_id_min", RPC_TYPE_INT16, "worker id", as_int16, RPC_WORKER_ID_MIN, "Smallest worker id."),
    ENTRY("std::numeric_limits<worker_id_t>::max()", "std::numeric_limits<worker_id_t>::max()", "rpc_worker_id_max", RPC_TYPE_INT16, "worker id", as_int16, RPC_WORKER_ID_MAX, "Largest worker id."),
    ENTRY("RPCErrorType::UNKNOWN_ERROR", "RPCErrorType::UNKNOWN_ERROR", "rpc_error_type_unknown_error", RPC_TYPE_INT32, "RPCErrorType", as_int32, RPC_ERROR_TYPE_UNKNOWN_ERROR, "RPC error type UNKNOWN_ERROR."),
    ENTRY("RPCErrorType::TIMEOUT", "RPCErrorType::TIMEOUT", "rpc_error_type_timeout", RPC_TYPE_INT32, "RPCErrorType", as_int32, RPC_ERROR_TYPE_TIMEOUT, "RPC error type TIMEOUT."),
    ENTRY("RPCErrorType::INTENTIONAL_FAILURE", "RPCErrorType::INTENTIONAL_FAILURE", "rpc_error_type_intentional_failure", RPC_TYPE_INT32, "RPCErrorType", as_int32, RPC_ERROR_TYPE_INTENTIONAL_FAILURE, "RPC error type INTENTIONAL_FAILURE."),
    ENTRY("RpcRetryOptions::maxRetries", "RpcRetryOptions::maxRetries", "rpc_default_max_retries", RPC_TYPE_INT32, "retries", as_int32, RPC_DEFAULT_MAX_RETRIES, "Default number of resends."),
    ENTRY("RpcRetryOptions::rpcRetryDuration", "RpcRetryOptions::rpcRetryDuration", "rpc_default_rpc_retry_duration_ms", RPC_TYPE_INT64, "milliseconds", as_int64, RPC_DEFAULT_RPC_RETRY_DURATION_MS, "Default wait before the first retry."),
    ENTRY("RpcRetryOptions::retryBackoff", "RpcRetryOptions::retryBackoff", "rpc_default_retry_backoff", RPC_TYPE_FLOAT, "factor per retry", as_float, RPC_DEFAULT_RETRY_BACKOFF, "Default backoff factor."),
    ENTRY("kRPCErrorPrefix", "kRPCErrorPrefix", "rpc_error_prefix", RPC_TYPE_STRING, "marker", as_string, rpc_error_prefix, "Marker that begins PyTorch's typed RPC errors."),
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
