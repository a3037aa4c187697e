// Agent code written the way PyTorch's own uses these names (rpc_agent.h, tensorpipe_agent.cpp),
// compiled against rpc_constants.hpp with nothing but the include and a using-directive changed.
#include <rpc_constants.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

using namespace rpc_constants;

namespace {

// TensorPipeAgent::send's expression, verbatim.
std::chrono::milliseconds resolve(float timeout, std::chrono::milliseconds default_timeout) {
    return timeout == kUnsetRpcTimeout
        ? default_timeout
        : std::chrono::milliseconds(static_cast<int>(timeout * kSecToMsConversion));
}

// RpcBackendOptions' conversion, verbatim.
std::chrono::milliseconds agent_default(float rpcTimeoutSeconds) {
    return std::chrono::milliseconds(static_cast<long>(rpcTimeoutSeconds * kSecToMsConversion));
}

int pool_size(int num_worker_threads) { return num_worker_threads; }

// WorkerInfo's size check and computeNewRpcRetryTime's expression, verbatim (rpc_agent.cpp,
// rpc_agent.h).
bool valid_size(const std::string &name_) { return name_.length() < WorkerInfo::MAX_NAME_LEN && !name_.empty(); }

std::chrono::milliseconds timedelta(RpcRetryOptions &options, int retryCount) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        options.rpcRetryDuration * pow(options.retryBackoff, retryCount));
}

bool is_timeout(RPCErrorType type) { return type == RPCErrorType::TIMEOUT; }

}  // namespace

int main() {
    int failures = 0;
    const std::chrono::milliseconds def = agent_default(kDefaultRpcTimeoutSeconds);
    const std::string init_method = "env://";
    failures += def != std::chrono::milliseconds(60000);
    failures += resolve(kUnsetRpcTimeout, def) != def;
    failures += resolve(1.5f, def) != std::chrono::milliseconds(1500);
    failures += resolve(0.0004f, def) != std::chrono::milliseconds(0);
    failures += init_method != kDefaultInitMethod;
    failures += pool_size(kDefaultNumWorkerThreads) != 16;
    failures += !valid_size("worker0") || valid_size(std::string(128, 'a'));
    RpcRetryOptions options;
    failures += options.maxRetries != 5 || timedelta(options, 2) != std::chrono::milliseconds(2250);
    failures += timedelta(options, 2) != retry_delay(options, 2).value();
    failures += !is_timeout(TIMEOUT) || is_timeout(UNKNOWN_ERROR) || INTENTIONAL_FAILURE != 2;
    // The same results through the library's own helpers.
    failures += resolve_timeout(1.5f, def).value() != resolve(1.5f, def);
    failures += agent_timeout(kDefaultRpcTimeoutSeconds).value() != def;
    std::printf("dropin: %d failed\n", failures);
    return failures == 0 ? 0 : 1;
}
