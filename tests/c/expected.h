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
/* rpc_agent.h: struct WorkerInfo { static constexpr size_t MAX_NAME_LEN = 128; } */
#define EXPECT_WORKER_NAME_MAX_LEN 128
/* types.h: using worker_id_t = int16_t; */
#define EXPECT_WORKER_ID_MIN (-32768)
#define EXPECT_WORKER_ID_MAX 32767
/* message.h: enum RPCErrorType { UNKNOWN_ERROR = 0, TIMEOUT = 1, INTENTIONAL_FAILURE = 2 }; */
#define EXPECT_ERROR_TYPE_UNKNOWN_ERROR 0
#define EXPECT_ERROR_TYPE_TIMEOUT 1
#define EXPECT_ERROR_TYPE_INTENTIONAL_FAILURE 2
/* rpc_agent.h: struct RpcRetryOptions { int maxRetries{5};
 *     std::chrono::milliseconds rpcRetryDuration{std::chrono::milliseconds(1000)};
 *     float retryBackoff{1.5}; }; */
#define EXPECT_DEFAULT_MAX_RETRIES 5
#define EXPECT_DEFAULT_RPC_RETRY_DURATION_MS 1000
#define EXPECT_DEFAULT_RETRY_BACKOFF 1.5f
/* utils.cpp: const std::string kRPCErrorPrefix = std::string("RPCErr"); */
#define EXPECT_ERROR_PREFIX "RPCErr"

/* The value types, numbered as the library's rpc_type. */
enum { EXPECT_FLOAT = 1, EXPECT_INT32 = 2, EXPECT_INT64 = 3, EXPECT_STRING = 4, EXPECT_INT16 = 5, EXPECT_SIZE = 6 };

/* Everything the library's table says about a constant. Numbers are compared bit for bit (so
 * -0.0f is not 0.0f). */
struct expected_constant {
    const char *name;     /* PyTorch's Python name, or the C++ name of a C++-only constant */
    const char *cpp_name; /* PyTorch's C++ name, or "" when there is none */
    const char *symbol;   /* the exported static; the getter is rpc_get_ + symbol after rpc_ */
    int type;
    float f;
    int32_t i32;
    int64_t i64; /* also the value of an EXPECT_INT16 or EXPECT_SIZE constant */
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
    {"WorkerInfo::MAX_NAME_LEN", "WorkerInfo::MAX_NAME_LEN", "rpc_worker_name_max_len", EXPECT_SIZE, 0,
     0, EXPECT_WORKER_NAME_MAX_LEN, "", "bytes"},
    {"std::numeric_limits<worker_id_t>::min()", "std::numeric_limits<worker_id_t>::min()",
     "rpc_worker_id_min", EXPECT_INT16, 0, 0, EXPECT_WORKER_ID_MIN, "", "worker id"},
    {"std::numeric_limits<worker_id_t>::max()", "std::numeric_limits<worker_id_t>::max()",
     "rpc_worker_id_max", EXPECT_INT16, 0, 0, EXPECT_WORKER_ID_MAX, "", "worker id"},
    {"RPCErrorType::UNKNOWN_ERROR", "RPCErrorType::UNKNOWN_ERROR", "rpc_error_type_unknown_error",
     EXPECT_INT32, 0, EXPECT_ERROR_TYPE_UNKNOWN_ERROR, 0, "", "RPCErrorType"},
    {"RPCErrorType::TIMEOUT", "RPCErrorType::TIMEOUT", "rpc_error_type_timeout", EXPECT_INT32, 0,
     EXPECT_ERROR_TYPE_TIMEOUT, 0, "", "RPCErrorType"},
    {"RPCErrorType::INTENTIONAL_FAILURE", "RPCErrorType::INTENTIONAL_FAILURE",
     "rpc_error_type_intentional_failure", EXPECT_INT32, 0, EXPECT_ERROR_TYPE_INTENTIONAL_FAILURE, 0,
     "", "RPCErrorType"},
    {"RpcRetryOptions::maxRetries", "RpcRetryOptions::maxRetries", "rpc_default_max_retries",
     EXPECT_INT32, 0, EXPECT_DEFAULT_MAX_RETRIES, 0, "", "retries"},
    {"RpcRetryOptions::rpcRetryDuration", "RpcRetryOptions::rpcRetryDuration",
     "rpc_default_rpc_retry_duration_ms", EXPECT_INT64, 0, 0, EXPECT_DEFAULT_RPC_RETRY_DURATION_MS, "",
     "milliseconds"},
    {"RpcRetryOptions::retryBackoff", "RpcRetryOptions::retryBackoff", "rpc_default_retry_backoff",
     EXPECT_FLOAT, EXPECT_DEFAULT_RETRY_BACKOFF, 0, 0, "", "factor per retry"},
    {"kRPCErrorPrefix", "kRPCErrorPrefix", "rpc_error_prefix", EXPECT_STRING, 0, 0, 0,
     EXPECT_ERROR_PREFIX, "marker"},
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
    {-7, "worker name must be 1 to 127 bytes of A-Z a-z 0-9 - _ :"},
    {-8, "worker id out of bounds for int16_t"},
    {-9, "RPC error type is not an int"},
    {-10, "maxRetries cannot be negative"},
    {-11, "retryBackoff must be at least 1"},
    {-12, "rpcRetryDuration cannot be negative"},
    {-13, "negative retry count"},
    {-14, "message longer than INT32_MAX bytes"},
    {-15, "the RPC has not succeeded after maxRetries retries"},
    {-16, "PyTorch has no message for this status"},
};

#endif
