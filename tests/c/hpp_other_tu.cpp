// A second translation unit of hpp_host: its string constants must read the host's text.
#include <rpc_constants.hpp>

const char *other_tu_init_method();
const char *other_tu_timeout_error_str();

const char *other_tu_init_method() { return rpc_constants::kDefaultInitMethod; }
const char *other_tu_timeout_error_str() { return rpc_constants::kRpcTimeoutErrorStr; }
