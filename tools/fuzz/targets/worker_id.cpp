// rpc_validate_worker_id against WorkerInfo(name, id) from Python: field id (int64).
#include "../harness.hpp"
#include "../pytorch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    fuzz::Input in(data, size);
    const auto id = in.take<std::int64_t>();
    std::int16_t stored = 0x5a5a;
    const int status = rpc_validate_worker_id(id, &stored);
    const pytorch::Outcome want = pytorch::workerIdFromPython(id);
    if (status != want.status || stored != (status == RPC_OK ? want.value : 0x5a5a)) {
        fuzz::disagree("rpc_validate_worker_id(%lld) = %d, stored %d; PyTorch: %d, %lld", static_cast<long long>(id),
                       status, stored, want.status, static_cast<long long>(want.value));
    }
    return 0;
}
