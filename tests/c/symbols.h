/* Every symbol the header declares, for the programs that dlsym them all (tests/c/stress.c,
 * bench/load.c); a Rust test checks this list against the header. */
#ifndef SYMBOLS_H
#define SYMBOLS_H

static const char *const symbols[] = {
    "rpc_default_rpc_timeout_sec", "rpc_unset_rpc_timeout", "rpc_default_shutdown_timeout",
    "rpc_default_num_worker_threads", "rpc_default_process_group_timeout_ms",
    "rpc_default_init_method", "rpc_sec_to_ms_conversion", "rpc_timeout_error_str",
    "rpc_get_default_rpc_timeout_sec", "rpc_get_unset_rpc_timeout",
    "rpc_get_default_shutdown_timeout", "rpc_get_default_num_worker_threads",
    "rpc_get_default_process_group_timeout_ms", "rpc_get_default_init_method",
    "rpc_get_sec_to_ms_conversion", "rpc_get_timeout_error_str", "rpc_constants_version",
    "rpc_constants_check_version", "rpc_agent_timeout_ms", "rpc_resolve_timeout_ms",
    "rpc_timeout_never_expires", "rpc_timeout_ms_to_sec", "rpc_validate_num_worker_threads",
    "rpc_format_timeout_error", "rpc_status_str", "rpc_constants_count", "rpc_constants_at",
    "rpc_constants_find",
};
#define NSYMBOLS (sizeof symbols / sizeof symbols[0])

#endif
