// The retry schedule against RpcAgent's (sendWithRetries, retryExpiredRpcs, rpcRetryCallback):
// fields maxRetries (int32), rpcRetryDuration (int64 ms), retryBackoff (float bits), retryCount_
// (int32). As in the retry target, the delay uses this C library's pow, which may differ from the
// library's correctly rounded power by a last bit, and only for delays of 2^40 ms or more.
#include "../harness.hpp"
#include "../pytorch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    fuzz::Input in(data, size);
    const auto max_retries = in.take<std::int32_t>();
    const auto duration = in.take<std::int64_t>();
    const auto backoff = in.take<float>();
    const auto count = in.take<std::int32_t>();
    std::int64_t ms = 0x5a5a5a5a5a5a5a5a;
    const int status = rpc_retry_next_send_ms(max_retries, duration, backoff, count, &ms);
    const pytorch::Outcome want = pytorch::nextSend(max_retries, duration, backoff, count);
    if (status == want.status && (status == RPC_OK ? ms == want.value : ms == 0x5a5a5a5a5a5a5a5a)) {
        return 0;
    }
    if (!pytorch::powLastBitOnly(status, ms, want)) {
        fuzz::disagree("rpc_retry_next_send_ms(%d, %lld, %a, %d) = %d, %lld ms; PyTorch: %d, %lld ms", max_retries,
                       static_cast<long long>(duration), static_cast<double>(backoff), count, status,
                       static_cast<long long>(ms), want.status, static_cast<long long>(want.value));
    }
    return 0;
}
