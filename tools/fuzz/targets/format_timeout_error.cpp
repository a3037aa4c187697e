// rpc_format_timeout_error against the agent's timeout message (kRpcTimeoutErrorStr, and
// makeRPCError's TIMEOUT prefix), with snprintf semantics: fields ms (int64), capacity (uint8),
// flags (bit 0: the prefix; bit 1: a NULL buffer). Canary bytes after `capacity` must stay.
#include "../harness.hpp"
#include "../pytorch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    fuzz::Input in(data, size);
    const auto ms = in.take<std::int64_t>();
    const std::size_t capacity = in.take<std::uint8_t>();
    const auto flags = in.take<std::uint8_t>();
    const bool prefix = (flags & 1) != 0, null_buffer = (flags & 2) != 0;
    const auto what = [&] {
        return "rpc_format_timeout_error(" + std::to_string(ms) + " ms, prefix " + std::to_string(prefix) + ")";
    };
    fuzz::check_snprintf(what, capacity, null_buffer, pytorch::timeoutMessage(ms, prefix),
                         [&](char *buf) { return rpc_format_timeout_error(buf, capacity, ms, prefix); });
    return 0;
}
