/* The package from C: a constant, a timeout rule and the library's version against the header's. */
#include <inttypes.h>
#include <stdio.h>

#include "rpc_constants.h"

int main(void) {
    int64_t ms = 0;
    if (RPC_CONSTANTS_CHECK_VERSION() != RPC_OK ||
        rpc_agent_timeout_ms(RPC_DEFAULT_RPC_TIMEOUT_SEC, &ms) != RPC_OK || ms != 60000) {
        return 1;
    }
    printf("C: rpc_constants %s, agent default %" PRId64 " ms\n", rpc_constants_version(), ms);
    return 0;
}
