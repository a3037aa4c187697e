// The header from C++: every macro in static_assert and constexpr, with its exact type, and the
// statics and getters compared at run time. Built as C++11 and later.
#include "rpc_constants.h"

#include <cstdio>
#include <cstring>
#include <type_traits>

extern "C" {
#include "expected.h"
}

#define SAME_TYPE(expr, type) (std::is_same<decltype(expr), type>::value)

constexpr float kTimeout = RPC_DEFAULT_RPC_TIMEOUT_SEC;
static_assert(kTimeout == EXPECT_DEFAULT_RPC_TIMEOUT_SEC, "timeout");
static_assert(RPC_UNSET_RPC_TIMEOUT == EXPECT_UNSET_RPC_TIMEOUT, "unset");
static_assert(1 - RPC_UNSET_RPC_TIMEOUT == 2, "unset is parenthesized");
static_assert(RPC_DEFAULT_SHUTDOWN_TIMEOUT == EXPECT_DEFAULT_SHUTDOWN_TIMEOUT, "shutdown");
static_assert(RPC_DEFAULT_NUM_WORKER_THREADS == EXPECT_DEFAULT_NUM_WORKER_THREADS, "threads");
static_assert(RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS == EXPECT_DEFAULT_PROCESS_GROUP_TIMEOUT_MS, "pg");
static_assert(RPC_SEC_TO_MS_CONVERSION == EXPECT_SEC_TO_MS_CONVERSION, "sec to ms");
static_assert(sizeof(RPC_DEFAULT_INIT_METHOD) == sizeof(EXPECT_DEFAULT_INIT_METHOD), "init method");
static_assert(sizeof(RPC_TIMEOUT_ERROR_STR) == sizeof(EXPECT_TIMEOUT_ERROR_STR), "error str");
static_assert(RPC_DEFAULT_INIT_METHOD[0] == 'e' && RPC_DEFAULT_INIT_METHOD[5] == '/', "env://");

static_assert(SAME_TYPE(RPC_DEFAULT_RPC_TIMEOUT_SEC, float), "float macro");
static_assert(SAME_TYPE(RPC_UNSET_RPC_TIMEOUT, float), "float macro");
static_assert(SAME_TYPE(RPC_DEFAULT_SHUTDOWN_TIMEOUT, float), "float macro");
static_assert(SAME_TYPE(RPC_SEC_TO_MS_CONVERSION, float), "float macro");
static_assert(SAME_TYPE(RPC_DEFAULT_NUM_WORKER_THREADS, int32_t), "int32 macro");
static_assert(SAME_TYPE(RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS, int64_t), "int64 macro");
static_assert(SAME_TYPE(rpc_default_rpc_timeout_sec, const float), "float static");
static_assert(SAME_TYPE(rpc_default_num_worker_threads, const int32_t), "int32 static");
static_assert(SAME_TYPE(rpc_default_process_group_timeout_ms, const int64_t), "int64 static");
static_assert(SAME_TYPE(rpc_default_init_method, const char[7]), "string static");
static_assert(SAME_TYPE(rpc_get_default_init_method(), const char *), "string getter");
static_assert(SAME_TYPE(rpc_get_default_process_group_timeout_ms(), int64_t), "int64 getter");

static int failures = 0;
static int checks = 0;
#define CHECK(cond)                                                                       \
    do {                                                                                  \
        ++checks;                                                                         \
        if (!(cond)) {                                                                    \
            ++failures;                                                                   \
            std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                                 \
    } while (0)

int main() {
    CHECK(rpc_default_rpc_timeout_sec == RPC_DEFAULT_RPC_TIMEOUT_SEC);
    CHECK(rpc_get_default_rpc_timeout_sec() == RPC_DEFAULT_RPC_TIMEOUT_SEC);
    CHECK(rpc_unset_rpc_timeout == RPC_UNSET_RPC_TIMEOUT);
    CHECK(rpc_get_unset_rpc_timeout() == RPC_UNSET_RPC_TIMEOUT);
    CHECK(rpc_default_shutdown_timeout == RPC_DEFAULT_SHUTDOWN_TIMEOUT);
    CHECK(rpc_get_default_shutdown_timeout() == RPC_DEFAULT_SHUTDOWN_TIMEOUT);
    CHECK(rpc_default_num_worker_threads == RPC_DEFAULT_NUM_WORKER_THREADS);
    CHECK(rpc_get_default_num_worker_threads() == RPC_DEFAULT_NUM_WORKER_THREADS);
    CHECK(rpc_default_process_group_timeout_ms == RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS);
    CHECK(rpc_get_default_process_group_timeout_ms() == RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS);
    CHECK(rpc_sec_to_ms_conversion == RPC_SEC_TO_MS_CONVERSION);
    CHECK(rpc_get_sec_to_ms_conversion() == RPC_SEC_TO_MS_CONVERSION);
    CHECK(std::strcmp(rpc_default_init_method, RPC_DEFAULT_INIT_METHOD) == 0);
    CHECK(std::strcmp(rpc_get_default_init_method(), rpc_default_init_method) == 0);
    CHECK(std::strcmp(rpc_timeout_error_str, RPC_TIMEOUT_ERROR_STR) == 0);
    CHECK(std::strcmp(rpc_get_timeout_error_str(), rpc_timeout_error_str) == 0);
    CHECK(std::strcmp(rpc_constants_version(), RPC_CONSTANTS_VERSION) == 0);
    std::printf("cpp_test: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
