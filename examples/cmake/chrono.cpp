// The defaults as std::chrono durations, at compile time, checked against the library at run time.
#include <rpc_constants.h>

#include <chrono>
#include <cstdio>

using namespace std::chrono;

constexpr duration<float> kRpcTimeout{RPC_DEFAULT_RPC_TIMEOUT_SEC};
constexpr milliseconds kRpcTimeoutMs = duration_cast<milliseconds>(kRpcTimeout);
constexpr milliseconds kProcessGroupTimeout{RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS};
constexpr duration<float> kShutdownTimeout{RPC_DEFAULT_SHUTDOWN_TIMEOUT};

static_assert(kRpcTimeoutMs == seconds{60}, "PyTorch's default RPC timeout is 60 s");
static_assert(kProcessGroupTimeout > hours{24 * 24}, "about 24.86 days");
static_assert(kShutdownTimeout.count() == 0.0f, "0 means wait for ever");

int main() {
    int64_t agent_ms = 0;
    if (rpc_agent_timeout_ms(RPC_DEFAULT_RPC_TIMEOUT_SEC, &agent_ms) != RPC_OK ||
        milliseconds{agent_ms} != kRpcTimeoutMs) {
        std::fprintf(stderr, "library and header disagree\n");
        return 1;
    }
    std::printf("rpc timeout: %lld ms\n", static_cast<long long>(kRpcTimeoutMs.count()));
    std::printf("process group timeout: %.2f days\n",
                duration<double, std::ratio<86400>>(kProcessGroupTimeout).count());
    std::printf("worker threads: %d\n", static_cast<int>(RPC_DEFAULT_NUM_WORKER_THREADS));
    return 0;
}
