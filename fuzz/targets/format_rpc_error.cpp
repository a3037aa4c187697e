// rpc_format_rpc_error against makeRPCError, with snprintf semantics: fields type (int32),
// capacity (uint8; bit 0 of a flags byte passes a NULL buffer), then the message. Canary bytes
// after `capacity` must stay as they were.
#include "../harness.hpp"
#include "../pytorch.hpp"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    fuzz::Input in(data, size);
    const auto type = in.take<std::int32_t>();
    const std::size_t capacity = in.take<std::uint8_t>();
    const bool null_buffer = (in.take<std::uint8_t>() & 1) != 0;
    const std::string message = in.rest();
    const fuzz::Guarded guarded(message.data(), message.size());
    constexpr unsigned char kCanary = 0xa5;
    std::vector<char> buf(capacity + 16, static_cast<char>(kCanary));
    const int length = rpc_format_rpc_error(null_buffer ? nullptr : buf.data(), capacity, type, guarded.data(),
                                            message.size());
    const std::string want = pytorch::makeRPCError(message, type);
    if (null_buffer && capacity > 0) {
        if (length != RPC_ERR_NULL_POINTER) {
            fuzz::disagree("rpc_format_rpc_error(NULL, %zu, ...) returned %d", capacity, length);
        }
        return 0;
    }
    if (length != static_cast<int>(want.size())) {
        fuzz::disagree("rpc_format_rpc_error(cap %zu, type %d, \"%s\") returned %d; makeRPCError has %zu bytes",
                       capacity, type, fuzz::printable(message).c_str(), length, want.size());
    }
    for (std::size_t i = capacity; i < buf.size(); ++i) {
        if (static_cast<unsigned char>(buf[i]) != kCanary) {
            fuzz::disagree("rpc_format_rpc_error(cap %zu, type %d, %zu-byte message) wrote byte %zu, past its capacity",
                           capacity, type, message.size(), i);
        }
    }
    if (!null_buffer && capacity > 0) {
        const std::size_t kept = std::min(capacity - 1, want.size());
        if (std::memcmp(buf.data(), want.data(), kept) != 0 || buf[kept] != '\0') {
            fuzz::disagree("rpc_format_rpc_error(cap %zu, type %d, \"%s\") wrote \"%s\"", capacity, type,
                           fuzz::printable(message).c_str(), fuzz::printable(std::string(buf.data(), kept + 1)).c_str());
        }
    }
    return 0;
}
