/*
 * Every constant three ways (macro, exported static, getter) against the PyTorch value, with
 * each one's type checked: by _Generic in C, by decltype in C++. The same file is built as C (C11)
 * and as C++ (C++11 and C++20), linked against the shared library and statically against the
 * archive. argv[1] is the crate's version.
 */
#include "rpc_constants.h"

#include <stdint.h>
#include <string.h>

#include "check.h"
#include "expected.h"

#ifdef __cplusplus
#include <type_traits>
/* The type a value has once read, as _Generic sees it in C: without its const. */
#define TYPE_IS(expr, t) \
    (std::is_same<std::remove_cv<std::remove_reference<decltype(expr)>::type>::type, t>::value)
#define STATIC_ASSERT static_assert
/* C++ can also state the exact declared types and evaluate the float macros at compile time. */
static_assert(std::is_same<decltype(rpc_default_rpc_timeout_sec), const float>::value, "float static");
static_assert(std::is_same<decltype(rpc_default_num_worker_threads), const int32_t>::value, "int32 static");
static_assert(std::is_same<decltype(rpc_default_process_group_timeout_ms), const int64_t>::value,
              "int64 static");
static_assert(std::is_same<decltype(rpc_default_init_method), const char[7]>::value, "string static");
static_assert(std::is_same<decltype(rpc_worker_id_min), const int16_t>::value, "int16 static");
static_assert(std::is_same<decltype(rpc_worker_name_max_len), const size_t>::value, "size static");
constexpr float kTimeout = RPC_DEFAULT_RPC_TIMEOUT_SEC;
static_assert(kTimeout == EXPECT_DEFAULT_RPC_TIMEOUT_SEC, "timeout");
static_assert(RPC_UNSET_RPC_TIMEOUT == EXPECT_UNSET_RPC_TIMEOUT, "unset");
static_assert(1 - RPC_UNSET_RPC_TIMEOUT == 2, "unset is parenthesized");
static_assert(RPC_DEFAULT_SHUTDOWN_TIMEOUT == EXPECT_DEFAULT_SHUTDOWN_TIMEOUT, "shutdown");
static_assert(RPC_SEC_TO_MS_CONVERSION == EXPECT_SEC_TO_MS_CONVERSION, "sec to ms");
static_assert(RPC_DEFAULT_RETRY_BACKOFF == EXPECT_DEFAULT_RETRY_BACKOFF, "backoff");
static_assert(RPC_DEFAULT_INIT_METHOD[0] == 'e' && RPC_DEFAULT_INIT_METHOD[5] == '/', "env://");
#else
#define TYPE_IS(expr, type) _Generic((expr), type: 1, default: 0)
#define STATIC_ASSERT _Static_assert
#endif

/* The macros are constant expressions: usable in static initializers and _Static_assert. */
static const float static_init_timeout = RPC_DEFAULT_RPC_TIMEOUT_SEC;
static const float one_minus_unset = 1 - RPC_UNSET_RPC_TIMEOUT;
static const int64_t static_init_pg = RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS;
static const char static_init_method[] = RPC_DEFAULT_INIT_METHOD;
STATIC_ASSERT(RPC_DEFAULT_NUM_WORKER_THREADS == EXPECT_DEFAULT_NUM_WORKER_THREADS, "threads");
STATIC_ASSERT(RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS == EXPECT_DEFAULT_PROCESS_GROUP_TIMEOUT_MS, "pg");
STATIC_ASSERT(sizeof RPC_DEFAULT_INIT_METHOD == sizeof EXPECT_DEFAULT_INIT_METHOD, "init size");
STATIC_ASSERT(sizeof rpc_default_init_method == 7, "init method is const char[7]");
STATIC_ASSERT(sizeof rpc_timeout_error_str == sizeof EXPECT_TIMEOUT_ERROR_STR, "error str size");
#if RPC_DEFAULT_NUM_WORKER_THREADS != 16 || RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS != 2147483647
#error "integer macros must also work in #if"
#endif

static void check_floats(void) {
    CHECK(RPC_DEFAULT_RPC_TIMEOUT_SEC == EXPECT_DEFAULT_RPC_TIMEOUT_SEC);
    CHECK(rpc_default_rpc_timeout_sec == EXPECT_DEFAULT_RPC_TIMEOUT_SEC);
    CHECK(rpc_get_default_rpc_timeout_sec() == EXPECT_DEFAULT_RPC_TIMEOUT_SEC);
    CHECK(static_init_timeout == EXPECT_DEFAULT_RPC_TIMEOUT_SEC);

    CHECK(RPC_UNSET_RPC_TIMEOUT == EXPECT_UNSET_RPC_TIMEOUT);
    CHECK(rpc_unset_rpc_timeout == EXPECT_UNSET_RPC_TIMEOUT);
    CHECK(rpc_get_unset_rpc_timeout() == EXPECT_UNSET_RPC_TIMEOUT);
    CHECK(one_minus_unset == 2.0f);
    CHECK(1 - RPC_UNSET_RPC_TIMEOUT == 2.0f);
    CHECK(-RPC_UNSET_RPC_TIMEOUT == 1.0f);

    CHECK(RPC_DEFAULT_SHUTDOWN_TIMEOUT == EXPECT_DEFAULT_SHUTDOWN_TIMEOUT);
    CHECK(rpc_default_shutdown_timeout == EXPECT_DEFAULT_SHUTDOWN_TIMEOUT);
    CHECK(rpc_get_default_shutdown_timeout() == EXPECT_DEFAULT_SHUTDOWN_TIMEOUT);

    CHECK(RPC_SEC_TO_MS_CONVERSION == EXPECT_SEC_TO_MS_CONVERSION);
    CHECK(rpc_sec_to_ms_conversion == EXPECT_SEC_TO_MS_CONVERSION);
    CHECK(rpc_get_sec_to_ms_conversion() == EXPECT_SEC_TO_MS_CONVERSION);

    CHECK(TYPE_IS(RPC_DEFAULT_RPC_TIMEOUT_SEC, float));
    CHECK(TYPE_IS(RPC_UNSET_RPC_TIMEOUT, float));
    CHECK(TYPE_IS(RPC_DEFAULT_SHUTDOWN_TIMEOUT, float));
    CHECK(TYPE_IS(RPC_SEC_TO_MS_CONVERSION, float));
    CHECK(TYPE_IS(rpc_default_rpc_timeout_sec, float));
    CHECK(TYPE_IS(rpc_unset_rpc_timeout, float));
    CHECK(TYPE_IS(rpc_default_shutdown_timeout, float));
    CHECK(TYPE_IS(rpc_sec_to_ms_conversion, float));
    CHECK(TYPE_IS(rpc_get_default_rpc_timeout_sec(), float));
    CHECK(TYPE_IS(rpc_get_unset_rpc_timeout(), float));
    CHECK(TYPE_IS(rpc_get_default_shutdown_timeout(), float));
    CHECK(TYPE_IS(rpc_get_sec_to_ms_conversion(), float));
}

static void check_integers(void) {
    CHECK(RPC_DEFAULT_NUM_WORKER_THREADS == EXPECT_DEFAULT_NUM_WORKER_THREADS);
    CHECK(rpc_default_num_worker_threads == EXPECT_DEFAULT_NUM_WORKER_THREADS);
    CHECK(rpc_get_default_num_worker_threads() == EXPECT_DEFAULT_NUM_WORKER_THREADS);
    CHECK(TYPE_IS(RPC_DEFAULT_NUM_WORKER_THREADS, int32_t));
    CHECK(TYPE_IS(rpc_default_num_worker_threads, int32_t));
    CHECK(TYPE_IS(rpc_get_default_num_worker_threads(), int32_t));

    CHECK(RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS == EXPECT_DEFAULT_PROCESS_GROUP_TIMEOUT_MS);
    CHECK(rpc_default_process_group_timeout_ms == EXPECT_DEFAULT_PROCESS_GROUP_TIMEOUT_MS);
    CHECK(rpc_get_default_process_group_timeout_ms() == EXPECT_DEFAULT_PROCESS_GROUP_TIMEOUT_MS);
    CHECK(static_init_pg == EXPECT_DEFAULT_PROCESS_GROUP_TIMEOUT_MS);
    CHECK(RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS == (int64_t)INT32_MAX);
    CHECK(TYPE_IS(RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS, int64_t));
    CHECK(TYPE_IS(rpc_default_process_group_timeout_ms, int64_t));
    CHECK(TYPE_IS(rpc_get_default_process_group_timeout_ms(), int64_t));
}

/* The constants of worker names, error types and retry options: value and C type, three ways. */
#define CHECK_CONSTANT(macro, symbol, getter, expected, type)                                \
    do {                                                                                     \
        CHECK(macro == (expected) && symbol == (expected) && getter() == (expected));         \
        CHECK(TYPE_IS(macro, type) && TYPE_IS(symbol, type) && TYPE_IS(getter(), type));     \
    } while (0)

STATIC_ASSERT(RPC_WORKER_NAME_MAX_LEN == EXPECT_WORKER_NAME_MAX_LEN, "name length");
STATIC_ASSERT(RPC_WORKER_ID_MIN == EXPECT_WORKER_ID_MIN && RPC_WORKER_ID_MAX == EXPECT_WORKER_ID_MAX, "ids");
STATIC_ASSERT(RPC_ERROR_TYPE_TIMEOUT == EXPECT_ERROR_TYPE_TIMEOUT, "timeout type");
static const size_t static_init_name_len = RPC_WORKER_NAME_MAX_LEN;
STATIC_ASSERT(sizeof(char[RPC_WORKER_NAME_MAX_LEN]) == 128, "an array bound");

static void check_agent_contract(void) {
    CHECK_CONSTANT(RPC_WORKER_NAME_MAX_LEN, rpc_worker_name_max_len, rpc_get_worker_name_max_len,
                   EXPECT_WORKER_NAME_MAX_LEN, size_t);
    CHECK(static_init_name_len == 128);
    CHECK_CONSTANT(RPC_WORKER_ID_MIN, rpc_worker_id_min, rpc_get_worker_id_min, EXPECT_WORKER_ID_MIN,
                   int16_t);
    CHECK_CONSTANT(RPC_WORKER_ID_MAX, rpc_worker_id_max, rpc_get_worker_id_max, EXPECT_WORKER_ID_MAX,
                   int16_t);
    CHECK(RPC_WORKER_ID_MIN == INT16_MIN && RPC_WORKER_ID_MAX == INT16_MAX);
    CHECK_CONSTANT(RPC_ERROR_TYPE_UNKNOWN_ERROR, rpc_error_type_unknown_error,
                   rpc_get_error_type_unknown_error, EXPECT_ERROR_TYPE_UNKNOWN_ERROR, int32_t);
    CHECK_CONSTANT(RPC_ERROR_TYPE_TIMEOUT, rpc_error_type_timeout, rpc_get_error_type_timeout,
                   EXPECT_ERROR_TYPE_TIMEOUT, int32_t);
    CHECK_CONSTANT(RPC_ERROR_TYPE_INTENTIONAL_FAILURE, rpc_error_type_intentional_failure,
                   rpc_get_error_type_intentional_failure, EXPECT_ERROR_TYPE_INTENTIONAL_FAILURE,
                   int32_t);
    CHECK_CONSTANT(RPC_DEFAULT_MAX_RETRIES, rpc_default_max_retries, rpc_get_default_max_retries,
                   EXPECT_DEFAULT_MAX_RETRIES, int32_t);
    CHECK_CONSTANT(RPC_DEFAULT_RPC_RETRY_DURATION_MS, rpc_default_rpc_retry_duration_ms,
                   rpc_get_default_rpc_retry_duration_ms, EXPECT_DEFAULT_RPC_RETRY_DURATION_MS,
                   int64_t);
    CHECK_CONSTANT(RPC_DEFAULT_RETRY_BACKOFF, rpc_default_retry_backoff, rpc_get_default_retry_backoff,
                   EXPECT_DEFAULT_RETRY_BACKOFF, float);
}

static void check_strings(void) {
    CHECK(strcmp(RPC_DEFAULT_INIT_METHOD, EXPECT_DEFAULT_INIT_METHOD) == 0);
    CHECK(strcmp(rpc_default_init_method, EXPECT_DEFAULT_INIT_METHOD) == 0);
    CHECK(strcmp(rpc_get_default_init_method(), EXPECT_DEFAULT_INIT_METHOD) == 0);
    CHECK(strcmp(static_init_method, EXPECT_DEFAULT_INIT_METHOD) == 0);
    /* The getter returns the library's own array; this program may read a copy its linker made
     * (a copy relocation), so only the contents are promised equal. */
    CHECK(strcmp(rpc_get_default_init_method(), rpc_default_init_method) == 0);
    CHECK(rpc_get_default_init_method() == rpc_get_default_init_method());
    CHECK(rpc_default_init_method[sizeof rpc_default_init_method - 1] == '\0');
#ifdef __cplusplus
    CHECK(TYPE_IS(RPC_DEFAULT_INIT_METHOD, char[7])); /* const char[7], its const aside */
#else
    CHECK(TYPE_IS(RPC_DEFAULT_INIT_METHOD, char *)); /* char[7], read as a pointer */
#endif
    CHECK(TYPE_IS(&rpc_default_init_method, const char (*)[7]));
    CHECK(TYPE_IS(rpc_get_default_init_method(), const char *));

    CHECK(strcmp(RPC_TIMEOUT_ERROR_STR, EXPECT_TIMEOUT_ERROR_STR) == 0);
    CHECK(strcmp(rpc_timeout_error_str, EXPECT_TIMEOUT_ERROR_STR) == 0);
    CHECK(strcmp(rpc_get_timeout_error_str(), EXPECT_TIMEOUT_ERROR_STR) == 0);
    CHECK(strcmp(rpc_get_timeout_error_str(), rpc_timeout_error_str) == 0);
    CHECK(TYPE_IS(rpc_get_timeout_error_str(), const char *));
}

static void check_version(const char *cargo_version) {
    char composed[64];
    snprintf(composed, sizeof composed, "%d.%d.%d", RPC_CONSTANTS_VERSION_MAJOR,
             RPC_CONSTANTS_VERSION_MINOR, RPC_CONSTANTS_VERSION_PATCH);
    CHECK(strcmp(RPC_CONSTANTS_VERSION, cargo_version) == 0);
    CHECK(strcmp(composed, cargo_version) == 0);
    CHECK(strcmp(rpc_constants_version(), cargo_version) == 0);
    CHECK(rpc_constants_version() == rpc_constants_version());
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s CARGO_PKG_VERSION\n", argv[0]);
        return 2;
    }
    check_floats();
    check_integers();
    check_strings();
    check_agent_contract();
    check_version(argv[1]);
    return check_report("constants_test");
}
