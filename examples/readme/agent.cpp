#include <rpc_constants.hpp>

#include <cstdio>

using namespace rpc_constants::constants; /* PyTorch's k... names, and nothing else */
namespace rpc = rpc_constants;

/* PyTorch's C++ names and types; the rules without exceptions. */
int main() {
    std::chrono::milliseconds agent = kDefaultRpcTimeout;
    rpc::timeout_result call = rpc::resolve_timeout(kUnsetRpcTimeout, agent);
    if (!call.ok()) { /* value() on an error would stop the program */
        std::fprintf(stderr, "bad timeout: %s\n", call.what());
        return 1;
    }
    rpc::timeout_result late = rpc::resolve_timeout(-5.0f, agent); /* PyTorch: -5000 ms */
    std::printf("%s, %d threads, per call %lld ms, -5 s: %lld ms%s\n", kDefaultInitMethod,
                kDefaultNumWorkerThreads, static_cast<long long>(call.value().count()),
                static_cast<long long>(late.value().count()),
                rpc::expires_at_once(late.value()) ? ", expires at once" : "");
    std::puts(rpc::timeout_error_message(call.value(), true).c_str());
    return 0;
}
