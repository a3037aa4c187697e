// The package from C++17: PyTorch's names and a timeout rule through rpc_constants.hpp.
#include <cstdio>

#include "rpc_constants.hpp"

using namespace rpc_constants::constants;

int main() {
    const auto timeout = rpc_constants::agent_timeout(kDefaultRpcTimeoutSeconds);
    if (!timeout.ok() || timeout.value() != kDefaultRpcTimeout) {
        return 1;
    }
    std::printf("C++: %lld ms, %d worker threads, %s\n", static_cast<long long>(timeout.value().count()),
                kDefaultNumWorkerThreads, kDefaultInitMethod);
    return 0;
}
