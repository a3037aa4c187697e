// rpc_format_timeout_error against the agent's timeout message (kRpcTimeoutErrorStr, and
// makeRPCError's TIMEOUT prefix), with snprintf semantics: fields ms (int64), capacity (uint8),
// flags (bit 0: the prefix; bit 1: a NULL buffer). Canary bytes after `capacity` must stay.
#include "../harness.hpp"
#include "../pytorch.hpp"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    fuzz::Input in(data, size);
    const auto ms = in.take<std::int64_t>();
    const std::size_t capacity = in.take<std::uint8_t>();
    const auto flags = in.take<std::uint8_t>();
    const bool prefix = (flags & 1) != 0, null_buffer = (flags & 2) != 0;
    constexpr unsigned char kCanary = 0xa5;
    std::vector<char> buf(capacity + 16, static_cast<char>(kCanary));
    const int length = rpc_format_timeout_error(null_buffer ? nullptr : buf.data(), capacity, ms, prefix);
    const std::string want = pytorch::timeoutMessage(ms, prefix);
    if (null_buffer && capacity > 0) {
        if (length != RPC_ERR_NULL_POINTER) {
            fuzz::disagree("rpc_format_timeout_error(NULL, %zu, ...) returned %d", capacity, length);
        }
        return 0;
    }
    if (length != static_cast<int>(want.size())) {
        fuzz::disagree("rpc_format_timeout_error(cap %zu, %lld ms, prefix %d) returned %d; PyTorch's has %zu bytes",
                       capacity, static_cast<long long>(ms), prefix, length, want.size());
    }
    for (std::size_t i = capacity; i < buf.size(); ++i) {
        if (static_cast<unsigned char>(buf[i]) != kCanary) {
            fuzz::disagree("rpc_format_timeout_error(cap %zu, %lld ms) wrote byte %zu, past its capacity", capacity,
                           static_cast<long long>(ms), i);
        }
    }
    if (!null_buffer && capacity > 0) {
        const std::size_t kept = std::min(capacity - 1, want.size());
        if (std::memcmp(buf.data(), want.data(), kept) != 0 || buf[kept] != '\0') {
            fuzz::disagree("rpc_format_timeout_error(cap %zu, %lld ms, prefix %d) wrote \"%s\"", capacity,
                           static_cast<long long>(ms), prefix,
                           fuzz::printable(std::string(buf.data(), kept + 1)).c_str());
        }
    }
    return 0;
}
