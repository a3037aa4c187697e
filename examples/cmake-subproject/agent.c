/* An agent's timeouts, through the library: its default (from the library's data, which a static
 * link on Windows reaches only with RPC_CONSTANTS_STATIC) and a per-call timeout resolved. */
#include <inttypes.h>
#include <stdio.h>

#include "rpc_constants.h"

int main(void) {
    int64_t agent_ms = 0, call_ms = 0;
    if (rpc_agent_timeout_ms(rpc_default_rpc_timeout_sec, &agent_ms) != RPC_OK ||
        rpc_resolve_timeout_ms(RPC_UNSET_RPC_TIMEOUT, agent_ms, &call_ms) != RPC_OK) {
        return 1;
    }
    printf("rpc_constants %s: agent default %" PRId64 " ms, unset per-call timeout %" PRId64 " ms\n",
           rpc_constants_version(), agent_ms, call_ms);
    return 0;
}
