// The retry checks and delay against sendWithRetries and computeNewRpcRetryTime: fields
// maxRetries (int32), rpcRetryDuration (int64 ms), retryBackoff (float bits), retry count (int32).
// The delay uses this C library's pow; the library's power is the correctly rounded one, and the
// header promises they differ only by a last-bit of the power and only for delays of 2^40 ms or
// more.
#include "../harness.hpp"
#include "../pytorch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    fuzz::Input in(data, size);
    const auto max_retries = in.take<std::int32_t>();
    const auto duration = in.take<std::int64_t>();
    const auto backoff = in.take<float>();
    const auto count = in.take<std::int32_t>();
    const int options = rpc_validate_retry_options(max_retries, duration, backoff);
    const int want_options = pytorch::retryOptions(max_retries, duration, backoff);
    if (options != want_options) {
        fuzz::disagree("rpc_validate_retry_options(%d, %lld, %a) = %d; PyTorch: %d", max_retries,
                       static_cast<long long>(duration), static_cast<double>(backoff), options, want_options);
    }
    std::int64_t ms = 0x5a5a5a5a5a5a5a5a;
    const int status = rpc_retry_delay_ms(duration, backoff, count, &ms);
    const pytorch::Outcome want = pytorch::retryDelay(duration, backoff, count);
    if (status == want.status && (status != RPC_OK || ms == want.value)) {
        return 0;
    }
    if (!pytorch::powLastBitOnly(status, ms, want)) {
        fuzz::disagree("rpc_retry_delay_ms(%lld, %a, %d) = %d, %lld ms; PyTorch: %d, %lld ms",
                       static_cast<long long>(duration), static_cast<double>(backoff), count, status,
                       static_cast<long long>(ms), want.status, static_cast<long long>(want.value));
    }
    return 0;
}
