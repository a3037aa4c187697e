#include <rpc_constants.h>
#include <stdio.h>

int main(void) {
    printf("rpc_timeout=%.1f s, init_method=%s, threads=%d\n",
           (double)rpc_get_default_rpc_timeout_sec(), rpc_default_init_method,
           rpc_get_default_num_worker_threads());
    return 0;
}
