#include <rpc_constants.h>
#include <stdio.h>

/* Macros only: nothing to link. */
struct agent_options {
    float rpc_timeout_sec;
    int32_t num_worker_threads;
    const char *init_method;
};

static const struct agent_options defaults = {
    RPC_DEFAULT_RPC_TIMEOUT_SEC, RPC_DEFAULT_NUM_WORKER_THREADS, RPC_DEFAULT_INIT_METHOD};

int main(void) {
    printf("%.1f s, %d threads, %s\n", (double)defaults.rpc_timeout_sec,
           defaults.num_worker_threads, defaults.init_method);
    return 0;
}
