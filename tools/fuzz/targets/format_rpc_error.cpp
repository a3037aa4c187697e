// rpc_format_rpc_error against makeRPCError, with snprintf semantics: fields type (int32),
// capacity (uint8; bit 0 of a flags byte passes a NULL buffer), then the message, read through a
// buffer that ends at an unreadable page. Canary bytes after `capacity` must stay.
#include "../harness.hpp"
#include "../pytorch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    fuzz::Input in(data, size);
    const auto type = in.take<std::int32_t>();
    const std::size_t capacity = in.take<std::uint8_t>();
    const bool null_buffer = (in.take<std::uint8_t>() & 1) != 0;
    const std::string message = in.rest();
    const fuzz::Guarded guarded(message.data(), message.size());
    const auto what = [&] {
        return "rpc_format_rpc_error(type " + std::to_string(type) + ", \"" + fuzz::printable(message) + "\")";
    };
    fuzz::check_snprintf(what, capacity, null_buffer, pytorch::makeRPCError(message, type), [&](char *buf) {
        return rpc_format_rpc_error(buf, capacity, type, guarded.data(), message.size());
    });
    return 0;
}
