// A plugin built on rpc_constants.hpp, loaded and unloaded by hpp_host.cpp: it uses every
// constant by address (std::max binds references, as does any `const T &` parameter), which
// with an inline variable makes g++ emit a GNU-unique symbol that keeps the plugin mapped after
// dlclose. PyTorch's `constexpr` (internal linkage) does not.
#include <rpc_constants.hpp>

#include <algorithm>
#include <chrono>

namespace rc = rpc_constants;

extern "C" {
int plugin_uses_every_constant(int x);
const char *plugin_init_method(void);
const char *plugin_timeout_error_str(void);
}

int plugin_uses_every_constant(int x) {
    const float seconds = std::max({rc::kDefaultRpcTimeoutSeconds, rc::kUnsetRpcTimeout,
                                    rc::kDefaultShutdownTimeoutSeconds, rc::kSecToMsConversion});
    const std::chrono::milliseconds ms = std::max({rc::kDefaultRpcTimeout, rc::kDefaultShutdownTimeout,
                                                   rc::kDefaultProcessGroupTimeout});
    const char *const *strings[] = {&rc::kDefaultInitMethod, &rc::kRpcTimeoutErrorStr};
    const std::string_view *views[] = {&rc::kDefaultInitMethodView, &rc::kRpcTimeoutErrorStrView};
    const int used = static_cast<int>(seconds) + static_cast<int>(ms.count() % 7) + (*strings[0])[0] +
                     (*strings[1])[0] + static_cast<int>(views[0]->size() + views[1]->size());
    return std::max(x, rc::kDefaultNumWorkerThreads) + used * 0;
}

const char *plugin_init_method(void) { return rc::kDefaultInitMethod; }
const char *plugin_timeout_error_str(void) { return rc::kRpcTimeoutErrorStr; }
