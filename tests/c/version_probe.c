/*
 * What a program sees of the version: the header's macros, the loaded library's
 * rpc_constants_version(), RPC_CONSTANTS_CHECK_VERSION(), and rpc_constants_check_version() of each
 * argument (a header version), one line each. The test that builds copies of the crate at other
 * versions compares these lines with its own statement of the SONAME rule.
 */
#include "rpc_constants.h"

#include <stdio.h>

static const char *verdict(rpc_status s) {
    if (s == RPC_OK) return "compatible";
    if (s == RPC_ERR_VERSION_MISMATCH) return "mismatch";
    return "unexpected";
}

int main(int argc, char **argv) {
    int i;
    printf("header %s %llu %llu %llu\n", RPC_CONSTANTS_VERSION,
           (unsigned long long)RPC_CONSTANTS_VERSION_MAJOR,
           (unsigned long long)RPC_CONSTANTS_VERSION_MINOR,
           (unsigned long long)RPC_CONSTANTS_VERSION_PATCH);
    printf("library %s\n", rpc_constants_version());
    printf("own %s\n", verdict(RPC_CONSTANTS_CHECK_VERSION()));
    for (i = 1; i < argc; i++) printf("check %s %s\n", argv[i], verdict(rpc_constants_check_version(argv[i])));
    return 0;
}
