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
    const double big = 1099511627776.0;  // 2^40
    const double a = static_cast<double>(ms), b = static_cast<double>(want.value);
    const bool last_bit = status == RPC_OK && want.status == RPC_OK && a >= big && b >= big &&
                          std::fabs(a - b) <= std::fmax(a, b) * 0x1p-50 + 1;
    const bool edge = (status == RPC_OK) != (want.status == RPC_OK) &&
                      (status == RPC_ERR_OUT_OF_RANGE || want.status == RPC_ERR_OUT_OF_RANGE) &&
                      (status == RPC_OK ? a : b) >= big;
    if (!(last_bit || edge)) {
        fuzz::disagree("rpc_retry_next_send_ms(%d, %lld, %a, %d) = %d, %lld ms; PyTorch: %d, %lld ms", max_retries,
                       static_cast<long long>(duration), static_cast<double>(backoff), count, status,
                       static_cast<long long>(ms), want.status, static_cast<long long>(want.value));
    }
    return 0;
}
