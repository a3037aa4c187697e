// The C++17 header through CMake: nothing beyond the imported target is needed.
#include <rpc_constants.hpp>

#include <chrono>
#include <cstdio>

int main() {
    using namespace std::chrono;
    if (rpc_constants::check_version() != RPC_OK) return 1;
    std::printf("process group timeout: %lld h\n",
                static_cast<long long>(duration_cast<hours>(rpc_constants::kDefaultProcessGroupTimeout).count()));
    return 0;
}
