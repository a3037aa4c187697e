// A C++ program that uses every constant of rpc_constants.hpp, by value and by address, and no
// function: it must link with no library at all, at every optimisation level (g++ at -O0 emits
// every namespace-scope constant of the header, used or not, so each must reference nothing).
// Values against the tests' oracle. Built and run without -lrpc_constants by the tests and by
// `make cross`.
#include <rpc_constants.hpp>

#include <cstdio>
#include <cstring>

extern "C" {
#include "expected.h"
}

namespace {

int failures = 0;
int checked = 0;

void check(bool ok, const char *what) {
    ++checked;
    if (!ok) {
        ++failures;
        std::printf("hpp_constants_only: %s is wrong\n", what);
    }
}

// By reference: the constant's object itself, as a `const T &` parameter binds it.
template <class T>
const T &same(const T &value) {
    return value;
}

bool equal(float a, float b) { return a <= b && a >= b; }

}  // namespace

int main() {
    using namespace rpc_constants::constants;
    check(equal(same(kDefaultRpcTimeoutSeconds), EXPECT_DEFAULT_RPC_TIMEOUT_SEC), "kDefaultRpcTimeoutSeconds");
    check(same(kDefaultRpcTimeout).count() == 60000, "kDefaultRpcTimeout");
    check(equal(same(kUnsetRpcTimeout), EXPECT_UNSET_RPC_TIMEOUT), "kUnsetRpcTimeout");
    check(equal(same(kDefaultShutdownTimeoutSeconds), EXPECT_DEFAULT_SHUTDOWN_TIMEOUT),
          "kDefaultShutdownTimeoutSeconds");
    check(same(kDefaultShutdownTimeout).count() == 0, "kDefaultShutdownTimeout");
    check(same(kDefaultNumWorkerThreads) == EXPECT_DEFAULT_NUM_WORKER_THREADS, "kDefaultNumWorkerThreads");
    check(same(kDefaultProcessGroupTimeout).count() == EXPECT_DEFAULT_PROCESS_GROUP_TIMEOUT_MS,
          "kDefaultProcessGroupTimeout");
    check(std::strcmp(same(kDefaultInitMethod), EXPECT_DEFAULT_INIT_METHOD) == 0, "kDefaultInitMethod");
    check(same(kDefaultInitMethodView) == EXPECT_DEFAULT_INIT_METHOD, "kDefaultInitMethodView");
    check(equal(same(kSecToMsConversion), EXPECT_SEC_TO_MS_CONVERSION), "kSecToMsConversion");
    check(std::strcmp(same(kRpcTimeoutErrorStr), EXPECT_TIMEOUT_ERROR_STR) == 0, "kRpcTimeoutErrorStr");
    check(same(kRpcTimeoutErrorStrView) == EXPECT_TIMEOUT_ERROR_STR, "kRpcTimeoutErrorStrView");
    check(same(kWorkerIdMin) == EXPECT_WORKER_ID_MIN, "kWorkerIdMin");
    check(same(kWorkerIdMax) == EXPECT_WORKER_ID_MAX, "kWorkerIdMax");
    check(same(rpc_constants::WorkerInfo::MAX_NAME_LEN) == EXPECT_WORKER_NAME_MAX_LEN, "WorkerInfo::MAX_NAME_LEN");
    check(same(UNKNOWN_ERROR) == EXPECT_ERROR_TYPE_UNKNOWN_ERROR, "UNKNOWN_ERROR");
    check(same(TIMEOUT) == EXPECT_ERROR_TYPE_TIMEOUT, "TIMEOUT");
    check(same(INTENTIONAL_FAILURE) == EXPECT_ERROR_TYPE_INTENTIONAL_FAILURE, "INTENTIONAL_FAILURE");
    const RpcRetryOptions options{};
    check(options.maxRetries == EXPECT_DEFAULT_MAX_RETRIES, "RpcRetryOptions::maxRetries");
    check(options.rpcRetryDuration.count() == EXPECT_DEFAULT_RPC_RETRY_DURATION_MS, "RpcRetryOptions::rpcRetryDuration");
    check(equal(options.retryBackoff, EXPECT_DEFAULT_RETRY_BACKOFF), "RpcRetryOptions::retryBackoff");
    std::printf("hpp_constants_only: %d checked, %d failed\n", checked, failures);
    return failures == 0 ? 0 : 1;
}
