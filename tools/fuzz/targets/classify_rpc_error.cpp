// rpc_classify_rpc_error against getRPCErrorType: the whole input is the error message (the
// bytes a peer sent), read by the library through a buffer that ends at an unreadable page.
#include "../harness.hpp"
#include "../pytorch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string message(reinterpret_cast<const char *>(data), size);
    const fuzz::Guarded guarded(data, size);
    std::int32_t type = 0x5a5a;
    const int status = rpc_classify_rpc_error(guarded.data(), size, &type);
    const pytorch::Outcome want = pytorch::getRPCErrorType(message);
    const std::int64_t untouched = 0x5a5a;
    if (status != want.status || type != (status == RPC_OK ? want.value : untouched)) {
        fuzz::disagree("rpc_classify_rpc_error(\"%s\", %zu): status %d, type %d; PyTorch: status %d, type %lld",
                       fuzz::printable(message).c_str(), size, status, type, want.status,
                       static_cast<long long>(want.value));
    }
    return 0;
}
