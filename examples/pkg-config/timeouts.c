/* Resolves a few per-call timeouts as PyTorch's TensorPipe agent would. */
#include <rpc_constants.h>
#include <stdio.h>

int main(void) {
    const float calls[] = {RPC_UNSET_RPC_TIMEOUT, 1.5f, 0.0004f, -5.0f};
    int64_t agent_ms = 0;
    size_t i;
    if (RPC_CONSTANTS_CHECK_VERSION() != RPC_OK ||
        rpc_agent_timeout_ms(RPC_DEFAULT_RPC_TIMEOUT_SEC, &agent_ms) != RPC_OK) {
        fprintf(stderr, "rpc_constants: header %s, library %s\n", RPC_CONSTANTS_VERSION,
                rpc_constants_version());
        return 1;
    }
    printf("agent default: %lld ms\n", (long long)agent_ms);
    for (i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        int64_t ms = 0;
        rpc_status status = rpc_resolve_timeout_ms(calls[i], agent_ms, &ms);
        if (status != RPC_OK) {
            printf("%g s: %s\n", (double)calls[i], rpc_status_str(status));
        } else {
            printf("%g s: %lld ms%s\n", (double)calls[i], (long long)ms,
                   rpc_timeout_never_expires(ms)     ? " (never expires)"
                   : rpc_timeout_expires_at_once(ms) ? " (expires at once)"
                                                     : "");
        }
    }
    return 0;
}
