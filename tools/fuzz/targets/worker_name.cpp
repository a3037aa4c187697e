// rpc_validate_worker_name against WorkerInfo's name check: the whole input is the name (bytes,
// NUL among them possible), read through a buffer that ends at an unreadable page.
#include "../harness.hpp"
#include "../pytorch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string name(reinterpret_cast<const char *>(data), size);
    const fuzz::Guarded guarded(data, size);
    const int status = rpc_validate_worker_name(guarded.data(), size);
    const int want = pytorch::workerNameIsValid(name) ? RPC_OK : RPC_ERR_INVALID_WORKER_NAME;
    if (status != want) {
        fuzz::disagree("rpc_validate_worker_name(\"%s\", %zu) = %d; WorkerInfo: %d", fuzz::printable(name).c_str(),
                       size, status, want);
    }
    return 0;
}
