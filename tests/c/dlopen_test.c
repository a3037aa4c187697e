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

static int same_bits(const void *a, const void *b, size_t n) { return memcmp(a, b, n) == 0; }

/* The oracle entry for a symbol, or NULL. */
static const struct expected_constant *oracle(const char *symbol) {
    size_t i;
    for (i = 0; i < EXPECTED_COUNT; i++)
        if (strcmp(expected_constants[i].symbol, symbol) == 0) return &expected_constants[i];
    return NULL;
}

/* The table, as a ctypes user walks it: every entry agrees with the oracle field for field and
 * bit for bit, and so do its static and its getter (found by name through dlsym); the oracle and
 * the table list the same constants. */
static void check_table_against_the_oracle(void) {
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
    for (i = 0; i < n; i++) {
        const rpc_constant *c = at(i);
        const struct expected_constant *e = c ? oracle(c->symbol) : NULL;
        char getter_name[128];
        const void *data;
        void *getter;
        if (c == NULL) {
            CHECK(c != NULL);
            continue;
        }
        if (e == NULL) {
            fprintf(stderr, "constant %s has no oracle value in tests/c/expected.h\n", c->symbol);
            CHECK(e != NULL);
            continue;
        }
        CHECK(strcmp(c->name, e->name) == 0);
        CHECK(strcmp(c->cpp_name, e->cpp_name) == 0);
        CHECK(strcmp(c->unit, e->unit) == 0);
        CHECK((int)c->value_type == e->type);
        snprintf(getter_name, sizeof getter_name, "rpc_get_%s", c->symbol + 4);
        data = sym(c->symbol);
        getter = sym(getter_name);
        if (data == NULL || getter == NULL) continue;
        switch (e->type) {
        case EXPECT_FLOAT: {
            float (*get)(void), got;
            memcpy(&get, &getter, sizeof get);
            got = get();
            CHECK(same_bits(&c->value.as_float, &e->f, sizeof e->f));
            CHECK(same_bits(data, &e->f, sizeof e->f));
            CHECK(same_bits(&got, &e->f, sizeof e->f));
            break;
        }
        case EXPECT_INT32: {
            int32_t (*get)(void);
            memcpy(&get, &getter, sizeof get);
            CHECK(c->value.as_int32 == e->i32 && *(const int32_t *)data == e->i32 && get() == e->i32);
            break;
        }
        case EXPECT_INT64: {
            int64_t (*get)(void);
            memcpy(&get, &getter, sizeof get);
            CHECK(c->value.as_int64 == e->i64 && *(const int64_t *)data == e->i64 && get() == e->i64);
            break;
        }
        case EXPECT_STRING: {
            const char *(*get)(void);
            memcpy(&get, &getter, sizeof get);
            CHECK(strcmp((const char *)data, e->s) == 0);
            CHECK(c->value.as_string == (const char *)data && get() == (const char *)data);
            break;
        }
        case EXPECT_INT16: {
            int16_t (*get)(void);
            memcpy(&get, &getter, sizeof get);
            CHECK(c->value.as_int16 == e->i64 && *(const int16_t *)data == e->i64 && get() == e->i64);
            break;
        }
        case EXPECT_SIZE: {
            size_t (*get)(void);
            memcpy(&get, &getter, sizeof get);
            CHECK(c->value.as_size == (size_t)e->i64 && *(const size_t *)data == (size_t)e->i64 &&
                  get() == (size_t)e->i64);
            break;
        }
        default: CHECK(e->type >= EXPECT_FLOAT && e->type <= EXPECT_SIZE); break;
        }
    }
    for (i = 0; i < EXPECTED_COUNT; i++) {
        size_t j, found = 0;
        for (j = 0; j < n; j++)
            if (at(j) && strcmp(at(j)->symbol, expected_constants[i].symbol) == 0) found++;
        if (found != 1) fprintf(stderr, "%s: in the table %zu times\n", expected_constants[i].symbol, found);
        CHECK(found == 1);
    }
    CHECK(n == EXPECTED_COUNT);
    CHECK(at(n) == NULL);
}

/* Every status code's exact text. */
static void check_status_texts(void) {
    typedef const char *(*status_str_fn)(int32_t);
    status_str_fn status_str;
    void *p = sym("rpc_status_str");
    size_t i;
    if (p == NULL) return;
    memcpy(&status_str, &p, sizeof status_str);
    for (i = 0; i < sizeof expected_status_texts / sizeof expected_status_texts[0]; i++) {
        const char *got = status_str(expected_status_texts[i].code);
        if (strcmp(got, expected_status_texts[i].text) != 0)
            fprintf(stderr, "status %d: \"%s\"\n", (int)expected_status_texts[i].code, got);
        CHECK(strcmp(got, expected_status_texts[i].text) == 0);
    }
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

    check_table_against_the_oracle();
    check_status_texts();
    CHECK(dlsym(lib, "rpc_no_such_symbol") == NULL);
    CHECK(dlclose(lib) == 0);
    return check_report("dlopen_test");
}
