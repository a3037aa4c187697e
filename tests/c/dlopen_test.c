/*
 * The library as a dynamic loader sees it: dlopen(RTLD_NOW | RTLD_LOCAL) the path in argv[1],
 * dlsym every symbol the header declares, compare with the macros, dlclose. argv[2] is the
 * crate's version.
 */
#include "rpc_constants.h"

#include <dlfcn.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "expected.h"

static void *lib;

static void *sym(const char *name) {
    void *p = dlsym(lib, name);
    if (p == NULL) {
        fprintf(stderr, "dlsym(%s): %s\n", name, dlerror());
    }
    CHECK(p != NULL);
    return p;
}


typedef float (*float_fn)(void);
typedef int32_t (*int32_fn)(void);
typedef int64_t (*int64_fn)(void);
typedef const char *(*string_fn)(void);

static float call_float(const char *name) {
    float_fn f;
    void *p = sym(name);
    memcpy(&f, &p, sizeof f);
    return p ? f() : -12345.0f;
}
static int32_t call_int32(const char *name) {
    int32_fn f;
    void *p = sym(name);
    memcpy(&f, &p, sizeof f);
    return p ? f() : -12345;
}
static int64_t call_int64(const char *name) {
    int64_fn f;
    void *p = sym(name);
    memcpy(&f, &p, sizeof f);
    return p ? f() : -12345;
}
static const char *call_string(const char *name) {
    string_fn f;
    void *p = sym(name);
    memcpy(&f, &p, sizeof f);
    return p ? f() : "";
}
static float read_float(const char *name) {
    const float *p = sym(name);
    return p ? *p : -12345.0f;
}

/* The self-describing table, as a ctypes user walks it: every entry's value equals its static. */
static void check_table(void) {
    typedef size_t (*count_fn)(void);
    typedef const rpc_constant *(*at_fn)(size_t);
    count_fn count;
    at_fn at;
    void *p = sym("rpc_constants_count"), *q = sym("rpc_constants_at");
    size_t i, n;
    if (p == NULL || q == NULL) return;
    memcpy(&count, &p, sizeof count);
    memcpy(&at, &q, sizeof at);
    n = count();
    CHECK(n == 8);
    for (i = 0; i < n; i++) {
        const rpc_constant *c = at(i);
        const void *data = c ? sym(c->symbol) : NULL;
        if (data == NULL) continue;
        switch (c->value_type) {
        case RPC_TYPE_FLOAT: CHECK(c->value.as_float == *(const float *)data); break;
        case RPC_TYPE_INT32: CHECK(c->value.as_int32 == *(const int32_t *)data); break;
        case RPC_TYPE_INT64: CHECK(c->value.as_int64 == *(const int64_t *)data); break;
        case RPC_TYPE_STRING: CHECK(c->value.as_string == (const char *)data); break;
        default: CHECK(c->value_type >= RPC_TYPE_FLOAT && c->value_type <= RPC_TYPE_STRING); break;
        }
    }
    CHECK(at(n) == NULL);
}

int main(int argc, char **argv) {
    const char *s;
    const int32_t *threads;
    const int64_t *pg;
    if (argc != 3) {
        fprintf(stderr, "usage: %s LIBRARY CARGO_PKG_VERSION\n", argv[0]);
        return 2;
    }
    lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        fprintf(stderr, "dlopen(%s): %s\n", argv[1], dlerror());
        return 1;
    }

    CHECK(read_float("rpc_default_rpc_timeout_sec") == EXPECT_DEFAULT_RPC_TIMEOUT_SEC);
    CHECK(call_float("rpc_get_default_rpc_timeout_sec") == RPC_DEFAULT_RPC_TIMEOUT_SEC);
    CHECK(read_float("rpc_unset_rpc_timeout") == EXPECT_UNSET_RPC_TIMEOUT);
    CHECK(call_float("rpc_get_unset_rpc_timeout") == RPC_UNSET_RPC_TIMEOUT);
    CHECK(read_float("rpc_default_shutdown_timeout") == EXPECT_DEFAULT_SHUTDOWN_TIMEOUT);
    CHECK(call_float("rpc_get_default_shutdown_timeout") == RPC_DEFAULT_SHUTDOWN_TIMEOUT);
    CHECK(read_float("rpc_sec_to_ms_conversion") == EXPECT_SEC_TO_MS_CONVERSION);
    CHECK(call_float("rpc_get_sec_to_ms_conversion") == RPC_SEC_TO_MS_CONVERSION);

    threads = sym("rpc_default_num_worker_threads");
    CHECK(threads && *threads == EXPECT_DEFAULT_NUM_WORKER_THREADS);
    CHECK(call_int32("rpc_get_default_num_worker_threads") == RPC_DEFAULT_NUM_WORKER_THREADS);
    pg = sym("rpc_default_process_group_timeout_ms");
    CHECK(pg && *pg == EXPECT_DEFAULT_PROCESS_GROUP_TIMEOUT_MS);
    CHECK(call_int64("rpc_get_default_process_group_timeout_ms") == RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS);

    s = sym("rpc_default_init_method");
    CHECK(s && strcmp(s, EXPECT_DEFAULT_INIT_METHOD) == 0);
    CHECK(call_string("rpc_get_default_init_method") == s);
    s = sym("rpc_timeout_error_str");
    CHECK(s && strcmp(s, EXPECT_TIMEOUT_ERROR_STR) == 0);
    CHECK(call_string("rpc_get_timeout_error_str") == s);
    CHECK(strcmp(call_string("rpc_constants_version"), argv[2]) == 0);

    check_table();
    CHECK(dlsym(lib, "rpc_no_such_symbol") == NULL);
    CHECK(dlclose(lib) == 0);
    return check_report("dlopen_test");
}
