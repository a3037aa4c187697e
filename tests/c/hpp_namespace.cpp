// PyTorch's k... names without the helpers: a program with its own version() and
// check_version() brings in rpc_constants::constants, as the README advises, and calls its own.
#include <rpc_constants.hpp>

#include <cstdio>
#include <string_view>

std::string_view version();
int check_version();

std::string_view version() { return "the program's own"; }
int check_version() { return 42; }

using namespace rpc_constants::constants;

int main() {
    int failures = 0;
    failures += version() != "the program's own";
    failures += check_version() != 42;
    failures += kDefaultNumWorkerThreads != 16;
    failures += std::string_view{kDefaultInitMethod} != "env://";
    failures += kDefaultRpcTimeout != std::chrono::milliseconds{60000};
    // The helpers stay behind their namespace, and the library's version() is still there.
    failures += rpc_constants::version() != rpc_constants_version();
    failures += rpc_constants::agent_timeout(kDefaultRpcTimeoutSeconds) != kDefaultRpcTimeout;
    std::printf("hpp_namespace: %d failed\n", failures);
    return failures == 0 ? 0 : 1;
}
