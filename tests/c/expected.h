/*
 * The tests' independent oracle: every constant as PyTorch defines it, written out by hand from
 * PyTorch's torch/distributed/rpc/constants.py and torch/csrc/distributed/rpc/rpc_agent.h, apart
 * from the library's Rust source, so that the tests compare the library against PyTorch and not
 * against itself. A constant the library exports without an entry here fails the tests by name.
 */
#ifndef EXPECTED_H
#define EXPECTED_H

#include <stddef.h>
#include <stdint.h>

#define EXPECT_DEFAULT_RPC_TIMEOUT_SEC 60.0f
#define EXPECT_UNSET_RPC_TIMEOUT (-1.0f)
#define EXPECT_DEFAULT_SHUTDOWN_TIMEOUT 0.0f
#define EXPECT_DEFAULT_NUM_WORKER_THREADS 16
#define EXPECT_DEFAULT_PROCESS_GROUP_TIMEOUT_MS 2147483647 /* 2**31 - 1 */
#define EXPECT_DEFAULT_INIT_METHOD "env://"
#define EXPECT_SEC_TO_MS_CONVERSION 1000.0f
#define EXPECT_TIMEOUT_ERROR_STR \
    "RPC ran for more than set timeout ({} ms) and will now be marked with an error"

/* The value types, numbered as the library's rpc_type. */
enum { EXPECT_FLOAT = 1, EXPECT_INT32 = 2, EXPECT_INT64 = 3, EXPECT_STRING = 4 };

/* Everything the library's table says about a constant. Numbers are compared bit for bit (so
 * -0.0f is not 0.0f). */
struct expected_constant {
    const char *name;     /* PyTorch's Python name, or the C++ name of a C++-only constant */
    const char *cpp_name; /* PyTorch's C++ name, or "" when there is none */
    const char *symbol;   /* the exported static; the getter is rpc_get_ + symbol after rpc_ */
    int type;
    float f;
    int32_t i32;
    int64_t i64;
    const char *s;
    const char *unit;
};

static const struct expected_constant expected_constants[] = {
    {"DEFAULT_RPC_TIMEOUT_SEC", "kDefaultRpcTimeoutSeconds", "rpc_default_rpc_timeout_sec",
     EXPECT_FLOAT, EXPECT_DEFAULT_RPC_TIMEOUT_SEC, 0, 0, "", "seconds"},
    {"UNSET_RPC_TIMEOUT", "kUnsetRpcTimeout", "rpc_unset_rpc_timeout", EXPECT_FLOAT,
     EXPECT_UNSET_RPC_TIMEOUT, 0, 0, "", "seconds (sentinel)"},
    {"DEFAULT_SHUTDOWN_TIMEOUT", "", "rpc_default_shutdown_timeout", EXPECT_FLOAT,
     EXPECT_DEFAULT_SHUTDOWN_TIMEOUT, 0, 0, "", "seconds"},
    {"DEFAULT_NUM_WORKER_THREADS", "kDefaultNumWorkerThreads", "rpc_default_num_worker_threads",
     EXPECT_INT32, 0, EXPECT_DEFAULT_NUM_WORKER_THREADS, 0, "", "threads"},
    {"DEFAULT_PROCESS_GROUP_TIMEOUT", "", "rpc_default_process_group_timeout_ms", EXPECT_INT64, 0, 0,
     EXPECT_DEFAULT_PROCESS_GROUP_TIMEOUT_MS, "", "milliseconds"},
    {"DEFAULT_INIT_METHOD", "kDefaultInitMethod", "rpc_default_init_method", EXPECT_STRING, 0, 0, 0,
     EXPECT_DEFAULT_INIT_METHOD, "URL"},
    {"kSecToMsConversion", "kSecToMsConversion", "rpc_sec_to_ms_conversion", EXPECT_FLOAT,
     EXPECT_SEC_TO_MS_CONVERSION, 0, 0, "", "milliseconds per second"},
    {"kRpcTimeoutErrorStr", "kRpcTimeoutErrorStr", "rpc_timeout_error_str", EXPECT_STRING, 0, 0, 0,
     EXPECT_TIMEOUT_ERROR_STR, "fmt pattern"},
};
#define EXPECTED_COUNT (sizeof expected_constants / sizeof expected_constants[0])

/* The exact text of every status code. */
static const struct {
    int32_t code;
    const char *text;
} expected_status_texts[] = {
    {0, "success"},
    {-1, "a required pointer argument was NULL"},
    {-2, "negative timeout"},
    {-3, "timeout is NaN"},
    {-4, "timeout is infinite or out of range"},
    {-5, "worker-thread count must be greater than 0"},
    {-6, "header and library versions are not compatible"},
};

#endif
