/*
 * The values of ../shared/REFERENCE.md (PyTorch's torch/distributed/rpc/constants.py and
 * rpc_agent.h), written out independently of the library's Rust source so that the tests
 * compare the library against PyTorch, not against itself.
 */
#ifndef EXPECTED_H
#define EXPECTED_H

#define EXPECT_DEFAULT_RPC_TIMEOUT_SEC 60.0f
#define EXPECT_UNSET_RPC_TIMEOUT (-1.0f)
#define EXPECT_DEFAULT_SHUTDOWN_TIMEOUT 0.0f
#define EXPECT_DEFAULT_NUM_WORKER_THREADS 16
#define EXPECT_DEFAULT_PROCESS_GROUP_TIMEOUT_MS 2147483647 /* 2**31 - 1 */
#define EXPECT_DEFAULT_INIT_METHOD "env://"
#define EXPECT_SEC_TO_MS_CONVERSION 1000.0f
#define EXPECT_TIMEOUT_ERROR_STR \
    "RPC ran for more than set timeout ({} ms) and will now be marked with an error"

#endif
