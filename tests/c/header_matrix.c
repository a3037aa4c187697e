/*
 * Compiled (not run) by the header matrix as every C standard from C99 and, with -x c++, every
 * C++ standard from C++11 to C++20, with gcc and clang, under -Wall -Wextra -Wpedantic -Werror
 * -Wconversion. The header comes first (it must be self-contained) and twice (it must survive
 * double inclusion); the macros are used as constant initializers, valid in every standard.
 */
#include "rpc_constants.h"
#include "rpc_constants.h"

static const float matrix_timeout = RPC_DEFAULT_RPC_TIMEOUT_SEC;
static const float matrix_unset = 1 - RPC_UNSET_RPC_TIMEOUT;
static const float matrix_shutdown = RPC_DEFAULT_SHUTDOWN_TIMEOUT;
static const float matrix_factor = RPC_SEC_TO_MS_CONVERSION;
static const int32_t matrix_threads = RPC_DEFAULT_NUM_WORKER_THREADS;
static const int64_t matrix_pg = RPC_DEFAULT_PROCESS_GROUP_TIMEOUT_MS;
static const char matrix_init[] = RPC_DEFAULT_INIT_METHOD;
static const char matrix_error[] = RPC_TIMEOUT_ERROR_STR;
static const char matrix_version[] = RPC_CONSTANTS_VERSION;

int matrix_use(void);
int matrix_use(void) {
    return (int)(matrix_timeout + matrix_unset + matrix_shutdown + matrix_factor) + matrix_threads +
           (int)(matrix_pg & 1) + matrix_init[0] + matrix_error[0] + matrix_version[0] +
           RPC_CONSTANTS_VERSION_MAJOR + RPC_CONSTANTS_VERSION_MINOR + RPC_CONSTANTS_VERSION_PATCH;
}
