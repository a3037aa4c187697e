/*
 * The library as a dynamic loader sees it, loaded, used and unloaded over and over, from several
 * threads at once:
 *   stress LIBRARY THREADS ITERATIONS
 * Each iteration: dlopen(RTLD_NOW | RTLD_LOCAL), dlsym every symbol the header declares, read
 * every static, call every function (table lookups and formatter included) with good and bad
 * input, check every table entry with its static and getter against the oracle (a constant
 * without an oracle entry fails by name) and every status text, check every result, dlclose.
 * Run once (1 thread, 1 iteration) by the quick tier, and many times over plain, under ASan+UBSan,
 * valgrind and ThreadSanitizer, and on every cross target (tools/cross/run.sh).
 */
#include "rpc_constants.h"

#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expected.h"
#include "symbols.h"


struct api {
    const float *timeout, *unset, *shutdown, *factor;
    const int32_t *threads;
    const int64_t *pg;
    const char *init_method, *error_str;
    float (*get_timeout)(void), (*get_unset)(void), (*get_shutdown)(void), (*get_factor)(void);
    int32_t (*get_threads)(void);
    int64_t (*get_pg)(void);
    const char *(*get_init_method)(void), *(*get_error_str)(void), *(*version)(void);
    rpc_status (*check_version)(const char *);
    rpc_status (*agent)(float, int64_t *);
    rpc_status (*resolve)(float, int64_t, int64_t *);
    bool (*never_expires)(int64_t);
    float (*ms_to_sec)(int64_t);
    rpc_status (*validate_threads)(int32_t);
    int32_t (*format)(char *, size_t, int64_t, int32_t);
    const char *(*status_str)(int32_t);
    size_t (*count)(void);
    const rpc_constant *(*at)(size_t);
    const rpc_constant *(*find)(const char *);
    rpc_status (*worker_name)(const char *, size_t);
    rpc_status (*worker_id)(int64_t, int16_t *);
    int32_t (*format_error)(char *, size_t, int32_t, const char *, size_t);
    rpc_status (*classify_error)(const char *, size_t, int32_t *);
    rpc_status (*validate_retry)(int32_t, int64_t, float);
    rpc_status (*retry_delay)(int64_t, float, int32_t, int64_t *);
};

static void *must(void *lib, const char *name, int *errors) {
    void *p = dlsym(lib, name);
    if (p == NULL) {
        fprintf(stderr, "dlsym(%s) failed\n", name);
        ++*errors;
    }
    return p;
}

/* ISO C has no void* to function pointer cast; copy the bytes, as POSIX allows. */
#define BIND(field, name)                              \
    do {                                               \
        void *p_ = must(lib, name, &errors);           \
        memcpy(&a.field, &p_, sizeof a.field);         \
    } while (0)

#define EXPECT(cond)                                                  \
    do {                                                              \
        if (!(cond)) {                                                \
            fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
            errors++;                                                 \
        }                                                             \
    } while (0)

static int same_bits(const void *x, const void *y, size_t n) { return memcmp(x, y, n) == 0; }

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
static int check_table_against_the_oracle(void *lib, const struct api *a) {
    int errors = 0;
    size_t i, n = a->count();
    for (i = 0; i < n; i++) {
        const rpc_constant *c = a->at(i);
        const struct expected_constant *e = c ? oracle(c->symbol) : NULL;
        char getter_name[128];
        const void *data;
        void *getter;
        if (c == NULL) {
            EXPECT(c != NULL);
            continue;
        }
        if (e == NULL) {
            fprintf(stderr, "constant %s has no oracle value in tests/c/expected.h\n", c->symbol);
            EXPECT(e != NULL);
            continue;
        }
        EXPECT(strcmp(c->name, e->name) == 0);
        EXPECT(strcmp(c->cpp_name, e->cpp_name) == 0);
        EXPECT(strcmp(c->unit, e->unit) == 0);
        EXPECT((int)c->value_type == e->type);
        snprintf(getter_name, sizeof getter_name, "rpc_get_%s", c->symbol + 4);
        data = must(lib, c->symbol, &errors);
        getter = must(lib, getter_name, &errors);
        if (data == NULL || getter == NULL) continue;
        switch (e->type) {
        case EXPECT_FLOAT: {
            float (*get)(void), got;
            memcpy(&get, &getter, sizeof get);
            got = get();
            EXPECT(same_bits(&c->value.as_float, &e->f, sizeof e->f));
            EXPECT(same_bits(data, &e->f, sizeof e->f));
            EXPECT(same_bits(&got, &e->f, sizeof e->f));
            break;
        }
        case EXPECT_INT32: {
            int32_t (*get)(void);
            memcpy(&get, &getter, sizeof get);
            EXPECT(c->value.as_int32 == e->i32 && *(const int32_t *)data == e->i32 && get() == e->i32);
            break;
        }
        case EXPECT_INT64: {
            int64_t (*get)(void);
            memcpy(&get, &getter, sizeof get);
            EXPECT(c->value.as_int64 == e->i64 && *(const int64_t *)data == e->i64 && get() == e->i64);
            break;
        }
        case EXPECT_STRING: {
            const char *(*get)(void);
            memcpy(&get, &getter, sizeof get);
            EXPECT(strcmp((const char *)data, e->s) == 0);
            EXPECT(c->value.as_string == (const char *)data && get() == (const char *)data);
            break;
        }
        case EXPECT_INT16: {
            int16_t (*get)(void);
            memcpy(&get, &getter, sizeof get);
            EXPECT(c->value.as_int16 == e->i64 && *(const int16_t *)data == e->i64 && get() == e->i64);
            break;
        }
        case EXPECT_SIZE: {
            size_t (*get)(void);
            memcpy(&get, &getter, sizeof get);
            EXPECT(c->value.as_size == (size_t)e->i64 && *(const size_t *)data == (size_t)e->i64 &&
                   get() == (size_t)e->i64);
            break;
        }
        default: EXPECT(e->type >= EXPECT_FLOAT && e->type <= EXPECT_SIZE); break;
        }
    }
    for (i = 0; i < EXPECTED_COUNT; i++) {
        size_t j, found = 0;
        for (j = 0; j < n; j++)
            if (a->at(j) && strcmp(a->at(j)->symbol, expected_constants[i].symbol) == 0) found++;
        if (found != 1) fprintf(stderr, "%s: in the table %zu times\n", expected_constants[i].symbol, found);
        EXPECT(found == 1);
    }
    EXPECT(n == EXPECTED_COUNT);
    return errors;
}

/* Every status code's exact text. */
static int check_status_texts(const struct api *a) {
    int errors = 0;
    size_t i;
    for (i = 0; i < sizeof expected_status_texts / sizeof expected_status_texts[0]; i++) {
        const char *got = a->status_str(expected_status_texts[i].code);
        if (strcmp(got, expected_status_texts[i].text) != 0)
            fprintf(stderr, "status %d: \"%s\"\n", (int)expected_status_texts[i].code, got);
        EXPECT(strcmp(got, expected_status_texts[i].text) == 0);
    }
    return errors;
}

static int one_cycle(const char *path) {
    int errors = 0;
    size_t i;
    struct api a;
    char buf[160];
    int64_t ms = 0;
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return 1;
    }
    for (i = 0; i < NSYMBOLS; i++) must(lib, symbols[i], &errors);
    if (errors) {
        dlclose(lib);
        return errors;
    }
    a.timeout = dlsym(lib, "rpc_default_rpc_timeout_sec");
    a.unset = dlsym(lib, "rpc_unset_rpc_timeout");
    a.shutdown = dlsym(lib, "rpc_default_shutdown_timeout");
    a.factor = dlsym(lib, "rpc_sec_to_ms_conversion");
    a.threads = dlsym(lib, "rpc_default_num_worker_threads");
    a.pg = dlsym(lib, "rpc_default_process_group_timeout_ms");
    a.init_method = dlsym(lib, "rpc_default_init_method");
    a.error_str = dlsym(lib, "rpc_timeout_error_str");
    BIND(get_timeout, "rpc_get_default_rpc_timeout_sec");
    BIND(get_unset, "rpc_get_unset_rpc_timeout");
    BIND(get_shutdown, "rpc_get_default_shutdown_timeout");
    BIND(get_factor, "rpc_get_sec_to_ms_conversion");
    BIND(get_threads, "rpc_get_default_num_worker_threads");
    BIND(get_pg, "rpc_get_default_process_group_timeout_ms");
    BIND(get_init_method, "rpc_get_default_init_method");
    BIND(get_error_str, "rpc_get_timeout_error_str");
    BIND(version, "rpc_constants_version");
    BIND(check_version, "rpc_constants_check_version");
    BIND(agent, "rpc_agent_timeout_ms");
    BIND(resolve, "rpc_resolve_timeout_ms");
    BIND(never_expires, "rpc_timeout_never_expires");
    BIND(ms_to_sec, "rpc_timeout_ms_to_sec");
    BIND(validate_threads, "rpc_validate_num_worker_threads");
    BIND(format, "rpc_format_timeout_error");
    BIND(status_str, "rpc_status_str");
    BIND(count, "rpc_constants_count");
    BIND(at, "rpc_constants_at");
    BIND(find, "rpc_constants_find");
    BIND(worker_name, "rpc_validate_worker_name");
    BIND(worker_id, "rpc_validate_worker_id");
    BIND(format_error, "rpc_format_rpc_error");
    BIND(classify_error, "rpc_classify_rpc_error");
    BIND(validate_retry, "rpc_validate_retry_options");
    BIND(retry_delay, "rpc_retry_delay_ms");

    EXPECT(*a.timeout == EXPECT_DEFAULT_RPC_TIMEOUT_SEC && a.get_timeout() == *a.timeout);
    EXPECT(*a.unset == EXPECT_UNSET_RPC_TIMEOUT && a.get_unset() == *a.unset);
    EXPECT(*a.shutdown == EXPECT_DEFAULT_SHUTDOWN_TIMEOUT && a.get_shutdown() == *a.shutdown);
    EXPECT(*a.factor == EXPECT_SEC_TO_MS_CONVERSION && a.get_factor() == *a.factor);
    EXPECT(*a.threads == EXPECT_DEFAULT_NUM_WORKER_THREADS && a.get_threads() == *a.threads);
    EXPECT(*a.pg == EXPECT_DEFAULT_PROCESS_GROUP_TIMEOUT_MS && a.get_pg() == *a.pg);
    EXPECT(strcmp(a.init_method, EXPECT_DEFAULT_INIT_METHOD) == 0 && a.get_init_method() == a.init_method);
    EXPECT(strcmp(a.error_str, EXPECT_TIMEOUT_ERROR_STR) == 0 && a.get_error_str() == a.error_str);
    EXPECT(strcmp(a.version(), RPC_CONSTANTS_VERSION) == 0);
    EXPECT(a.check_version(RPC_CONSTANTS_VERSION) == RPC_OK);
    EXPECT(a.check_version(NULL) == RPC_ERR_NULL_POINTER);
    EXPECT(a.check_version("x") == RPC_ERR_VERSION_MISMATCH);
    EXPECT(a.agent(60.0f, &ms) == RPC_OK && ms == 60000);
    EXPECT(a.agent(NAN, &ms) == RPC_ERR_NOT_A_NUMBER);
    EXPECT(a.agent(60.0f, NULL) == RPC_ERR_NULL_POINTER);
    EXPECT(a.resolve(-1.0f, 60000, &ms) == RPC_OK && ms == 60000);
    EXPECT(a.resolve(-2.0f, 60000, &ms) == RPC_OK && ms == -2000);
    EXPECT(a.resolve(INFINITY, 60000, &ms) == RPC_ERR_OUT_OF_RANGE);
    EXPECT(a.resolve(1.0f, 60000, NULL) == RPC_ERR_NULL_POINTER);
    EXPECT(a.never_expires(0) && !a.never_expires(1));
    EXPECT(a.ms_to_sec(60000) == 60.0f);
    EXPECT(a.validate_threads(16) == RPC_OK && a.validate_threads(0) == RPC_ERR_INVALID_THREAD_COUNT);
    {
        char want[160];
        int n = snprintf(want, sizeof want, "RPCErr:1:RPC ran for more than set timeout (%lld ms) and will now be marked with an error", (long long)INT64_MIN);
        EXPECT(a.format(NULL, 0, INT64_MIN, 1) == n);
        EXPECT(a.format(buf, sizeof buf, INT64_MIN, 1) == n && strcmp(buf, want) == 0);
        EXPECT(a.format(buf, 5, INT64_MIN, 0) == n - 9 && strcmp(buf, "RPC ") == 0);
    }
    EXPECT(a.format(NULL, 5, 60000, 0) == RPC_ERR_NULL_POINTER);
    EXPECT(strcmp(a.status_str(RPC_ERR_OUT_OF_RANGE), "timeout is infinite or out of range") == 0);
    EXPECT(a.status_str(INT32_MIN) != NULL);
    EXPECT(a.count() > 0 && a.at(a.count()) == NULL && a.at(SIZE_MAX) == NULL);
    for (i = 0; i < a.count(); i++) {
        const rpc_constant *c = a.at(i);
        EXPECT(c != NULL && a.find(c->name) == c && a.find(c->symbol) == c);
        EXPECT(c != NULL && dlsym(lib, c->symbol) != NULL);
    }
    EXPECT(a.find(NULL) == NULL && a.find("") == NULL && a.find("\xff") == NULL);
    {
        int16_t id = 0;
        int32_t type = -1;
        EXPECT(a.worker_name("worker0", 7) == RPC_OK && a.worker_name("a b", 3) == RPC_ERR_INVALID_WORKER_NAME);
        EXPECT(a.worker_name(NULL, 1) == RPC_ERR_NULL_POINTER);
        EXPECT(a.worker_id(-40000, &id) == RPC_ERR_WORKER_ID_OUT_OF_RANGE);
        EXPECT(a.worker_id(32768, &id) == RPC_ERR_WORKER_ID_OUT_OF_RANGE && a.worker_id(0, NULL) == RPC_ERR_NULL_POINTER);
        EXPECT(a.format_error(buf, sizeof buf, 2, "boom", 4) == 13 && strcmp(buf, "RPCErr:2:boom") == 0);
        EXPECT(a.format_error(NULL, 1, 2, "boom", 4) == RPC_ERR_NULL_POINTER);
        EXPECT(a.classify_error(buf, strlen(buf), &type) == RPC_OK && type == 2);
        EXPECT(a.classify_error("RPCErr:x:", 9, &type) == RPC_ERR_UNPARSABLE_ERROR_TYPE);
        EXPECT(a.validate_retry(5, 1000, 1.5f) == RPC_OK && a.validate_retry(5, 1000, NAN) == RPC_ERR_DECAYING_BACKOFF);
        EXPECT(a.retry_delay(1000, 1.5f, 3, &ms) == RPC_OK && ms == 3375);
        EXPECT(a.retry_delay(1, 2.0f, 63, &ms) == RPC_ERR_OUT_OF_RANGE && a.retry_delay(1, 2.0f, 1, NULL) == RPC_ERR_NULL_POINTER);
    }
    errors += check_table_against_the_oracle(lib, &a);
    errors += check_status_texts(&a);
    EXPECT(dlsym(lib, "rpc_no_such_symbol") == NULL);
    EXPECT(dlclose(lib) == 0);
    return errors;
}

struct job {
    const char *path;
    long iterations;
    int errors;
};

static void *worker(void *arg) {
    struct job *job = arg;
    long i;
    for (i = 0; i < job->iterations && job->errors == 0; i++) job->errors += one_cycle(job->path);
    return NULL;
}

int main(int argc, char **argv) {
    struct job jobs[64];
    pthread_t tids[64];
    long threads, iterations, t;
    int errors = 0;
    if (argc != 4 || (threads = atol(argv[2])) < 1 || threads > 64 || (iterations = atol(argv[3])) < 1) {
        fprintf(stderr, "usage: %s LIBRARY THREADS(1-64) ITERATIONS\n", argv[0]);
        return 2;
    }
    for (t = 0; t < threads; t++) {
        jobs[t].path = argv[1];
        jobs[t].iterations = iterations;
        jobs[t].errors = 0;
    }
    if (threads == 1) {
        /* On the main thread: where threads cannot be created (qemu-i386 7.2 hangs in
         * pthread_create), one thread still runs every check. */
        worker(&jobs[0]);
        threads = 0;
        errors = jobs[0].errors;
    }
    for (t = 0; t < threads; t++) {
        if (pthread_create(&tids[t], NULL, worker, &jobs[t]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    for (t = 0; t < threads; t++) {
        pthread_join(tids[t], NULL);
        errors += jobs[t].errors;
    }
    printf("stress: %ld threads x %ld cycles of dlopen/dlsym/call/dlclose, %d errors\n",
           threads ? threads : 1, iterations, errors);
    return errors == 0 ? 0 : 1;
}
