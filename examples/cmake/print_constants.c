/* Prints every constant of rpc_constants, and an agent-options struct set up at compile time. */
#include <rpc_constants.h>
#include <stdio.h>

struct agent_options {
    float rpc_timeout_sec;
    float shutdown_timeout_sec;
    int32_t num_worker_threads;
    int64_t process_group_timeout_ms;
    const char *init_method;
};

/* The macros are constant expressions of the right C type: no run-time set-up needed. */
static const struct agent_options defaults = {
    RPC_DEFAULT_RPC_TIMEOUT_SEC,
    RPC_DEFAULT_SHUTDOWN_TIMEOUT,
    RPC_DEFAULT_NUM_WORKER_THREADS,
    RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS,
    RPC_DEFAULT_INIT_METHOD,
};

int main(void) {
    size_t i;
    if (RPC_CONSTANTS_CHECK_VERSION() != RPC_OK) {
        fprintf(stderr, "rpc_constants: header %s, library %s: not compatible\n",
                RPC_CONSTANTS_VERSION, rpc_constants_version());
        return 1;
    }
    printf("rpc_constants %s\n", rpc_constants_version());
    for (i = 0; i < rpc_constants_count(); i++) {
        const rpc_constant *c = rpc_constants_at(i);
        printf("%s = ", c->name);
        switch (c->value_type) {
        case RPC_TYPE_FLOAT: printf("%g", (double)c->value.as_float); break;
        case RPC_TYPE_INT32: printf("%d", (int)c->value.as_int32); break;
        case RPC_TYPE_INT64: printf("%lld", (long long)c->value.as_int64); break;
        case RPC_TYPE_STRING: printf("\"%s\"", c->value.as_string); break;
        case RPC_TYPE_INT16: printf("%d", (int)c->value.as_int16); break;
        case RPC_TYPE_SIZE: printf("%zu", c->value.as_size); break;
        }
        printf(" %s\n", c->unit);
    }
    printf("agent options: timeout %g s, shutdown %g s, %d threads, group timeout %lld ms, %s\n",
           (double)defaults.rpc_timeout_sec, (double)defaults.shutdown_timeout_sec,
           (int)defaults.num_worker_threads, (long long)defaults.process_group_timeout_ms,
           defaults.init_method);
    return 0;
}
