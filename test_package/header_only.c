/* The package's headers alone: macros, no library linked or loaded. */
#include <stdio.h>

#include "rpc_constants.h"

int main(void) {
    printf("headers: %d worker threads, init method %s\n", (int)RPC_DEFAULT_NUM_WORKER_THREADS,
           RPC_DEFAULT_INIT_METHOD);
    return 0;
}
