// PyTorch's own words against its sources' messages: fields status (int32), value (int64),
// capacity (uint8), a NULL-buffer flag (uint8); the rest is the name (bytes, copied as they are).
#include "../harness.hpp"
#include "../pytorch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    fuzz::Input in(data, size);
    // Mostly the statuses that have words: the low bits pick one of -16..0.
    const auto raw = in.take<std::int32_t>();
    const std::int32_t status = (raw & 0x100) ? raw : -(raw & 0xff) % 17;
    const auto value = in.take<std::int64_t>();
    const std::size_t capacity = in.take<std::uint8_t>();
    const bool null_buffer = in.take<std::uint8_t>() & 1;
    const std::string name = in.rest();
    const fuzz::Guarded guarded(name.data(), name.size());
    const std::string want = pytorch::pytorchError(status, value, name);
    auto call = [&](char *buf) {
        return rpc_format_pytorch_error(buf, capacity, status, value, guarded.data(), name.size());
    };
    if (want.empty()) {
        std::vector<char> buf(capacity + 1, 'z');
        const int n = call(null_buffer && capacity == 0 ? nullptr : buf.data());
        if (n != RPC_ERR_NO_PYTORCH_MESSAGE || buf[0] != 'z') {
            fuzz::disagree("rpc_format_pytorch_error(%d) = %d; PyTorch has no message", status, n);
        }
        return 0;
    }
    fuzz::check_snprintf([&] { return "rpc_format_pytorch_error(" + std::to_string(status) + ")"; }, capacity,
                         null_buffer, want, call);
    return 0;
}
