// Compiled (not run) by the C++ header's warning matrix: C++17, 20 and 23, gcc and clang, under
// every warning the header promises to be clean with (-Wuseless-cast and -Wfloat-equal among
// them), included with -I, not -isystem. Included twice; every template instantiated once.
#include <rpc_constants.hpp>
#include <rpc_constants.hpp>

#include <chrono>

namespace rc = rpc_constants;
using namespace std::chrono_literals;

int hpp_warnings_use();
int hpp_warnings_use() {
    const rc::timeout_result a = rc::agent_timeout(rc::kDefaultRpcTimeoutSeconds);
    const rc::timeout_result b = rc::resolve_timeout(rc::kUnsetRpcTimeout, rc::kDefaultRpcTimeout);
    const rc::timeout_message m = rc::timeout_error_message(a.value_or(0ms), true);
    const bool same = a == b && a == 60s && 60s == a && !(a != b) && !(a != 60000ms) && !(1ms != a);
    return static_cast<int>(m.size()) + (same ? 1 : 0) + (rc::never_expires(*b) ? 1 : 0) +
           (a.has_value() ? 1 : 0) + static_cast<int>(a.error()) + (rc::check_version() == RPC_OK ? 1 : 0) +
           static_cast<int>(rc::version().size());
}
