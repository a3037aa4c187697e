#include <rpc_constants.h>
#include <stdio.h>

/* An agent resolving a per-call timeout and reporting its expiry as PyTorch does. */
int main(void) {
    int64_t agent_ms, call_ms;
    rpc_status status = rpc_agent_timeout_ms(RPC_DEFAULT_RPC_TIMEOUT_SEC, &agent_ms);
    if (status != RPC_OK) {
        fprintf(stderr, "bad agent timeout: %s\n", rpc_status_str(status));
        return 1;
    }
    status = rpc_resolve_timeout_ms(RPC_UNSET_RPC_TIMEOUT, agent_ms, &call_ms);
    if (status != RPC_OK) {
        fprintf(stderr, "bad call timeout: %s\n", rpc_status_str(status));
        return 1;
    }
    if (rpc_timeout_never_expires(call_ms)) {
        puts("this RPC never times out");
    } else {
        char message[128];
        rpc_format_timeout_error(message, sizeof message, call_ms, 1);
        puts(message); /* what the caller sees when the deadline passes */
    }
    /* A negative timeout is no error in PyTorch: its deadline has passed when the RPC is sent. */
    status = rpc_resolve_timeout_ms(-5.0f, agent_ms, &call_ms);
    if (status == RPC_OK && rpc_timeout_expires_at_once(call_ms)) {
        char message[128];
        rpc_format_timeout_error(message, sizeof message, call_ms, 0);
        printf("-5 s: fails at once: %s\n", message);
    }
    return 0;
}
