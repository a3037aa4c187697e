/* The constants as macros: compiled in, no library linked. */
#include <stdio.h>

#include "rpc_constants.h"

int main(void) {
    printf("header %s: %d worker threads, init method %s\n", RPC_CONSTANTS_VERSION,
           (int)RPC_DEFAULT_NUM_WORKER_THREADS, RPC_DEFAULT_INIT_METHOD);
    return 0;
}
