// The timeout conversions against RpcBackendOptions, TensorPipeAgent::send and _set_rpc_timeout,
// and the two total functions: fields seconds (float bits), agent default (int64).
#include "../harness.hpp"
#include "../pytorch.hpp"

namespace {

void compare(const char *what, float seconds, int status, std::int64_t ms, pytorch::Outcome want) {
    constexpr std::int64_t kUntouched = 0x5a5a5a5a5a5a5a5a;
    if (status != want.status || ms != (status == RPC_OK ? want.value : kUntouched)) {
        fuzz::disagree("%s(%a) = %d, %lld ms; PyTorch: %d, %lld ms", what, static_cast<double>(seconds), status,
                       static_cast<long long>(ms), want.status, static_cast<long long>(want.value));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    fuzz::Input in(data, size);
    const auto seconds = in.take<float>();
    const auto agent_ms = in.take<std::int64_t>();
    // Each call before its result is read (an argument list has no order of evaluation).
    std::int64_t ms = 0x5a5a5a5a5a5a5a5a;
    int status = rpc_agent_timeout_ms(seconds, &ms);
    compare("rpc_agent_timeout_ms", seconds, status, ms, pytorch::agentTimeout(seconds));
    ms = 0x5a5a5a5a5a5a5a5a;
    status = rpc_resolve_timeout_ms(seconds, agent_ms, &ms);
    compare("rpc_resolve_timeout_ms", seconds, status, ms, pytorch::resolveTimeout(seconds, agent_ms));
    ms = 0x5a5a5a5a5a5a5a5a;
    status = rpc_set_rpc_timeout_ms(seconds, &ms);
    compare("rpc_set_rpc_timeout_ms", seconds, status, ms, pytorch::setRpcTimeout(seconds));
    // get_rpc_timeout(): (float)ms / kSecToMsConversion; 0 ms never expires.
    const float back = rpc_timeout_ms_to_sec(agent_ms);
    const float want_back = static_cast<float>(agent_ms) / pytorch::kSecToMsConversion;
    if (std::memcmp(&back, &want_back, sizeof back) != 0) {
        fuzz::disagree("rpc_timeout_ms_to_sec(%lld) = %a, PyTorch %a", static_cast<long long>(agent_ms),
                       static_cast<double>(back), static_cast<double>(want_back));
    }
    if (rpc_timeout_never_expires(agent_ms) != (agent_ms == 0)) {
        fuzz::disagree("rpc_timeout_never_expires(%lld)", static_cast<long long>(agent_ms));
    }
    return 0;
}
