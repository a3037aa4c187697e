// timeout_result::value() on an error fails closed: cpp_header.rs runs this in a child process
// and expects it to end by SIGABRT, with the header's documented message on stderr, before
// anything is printed here.
#include <rpc_constants.hpp>

#include <cstdio>

int main() {
    using namespace rpc_constants;
    const timeout_result bad = agent_timeout(-5.0f);
    const std::chrono::milliseconds ms = bad.value();
    std::printf("value() on an error returned %lld ms\n", static_cast<long long>(ms.count()));
    return 0;
}
