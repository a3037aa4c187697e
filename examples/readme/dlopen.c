#include <rpc_constants.h>

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* A plugin host: the library loaded at run time under the name its runtime package ships. */
int main(void) {
    void *lib = dlopen(RPC_CONSTANTS_SONAME, RTLD_NOW | RTLD_LOCAL);
    rpc_constants_version_fn version;
    rpc_get_default_rpc_timeout_sec_fn timeout;
    void *v, *t;
    if (!lib) {
        fprintf(stderr, "%s\n", dlerror());
        return 1;
    }
    v = dlsym(lib, "rpc_constants_version");
    t = dlsym(lib, "rpc_get_default_rpc_timeout_sec");
    if (!v || !t) {
        fprintf(stderr, "%s\n", dlerror());
        return 1;
    }
    /* ISO C has no conversion from void * to a function pointer: copy the bits. */
    memcpy(&version, &v, sizeof version);
    memcpy(&timeout, &t, sizeof timeout);
    printf("librpc_constants %s: rpc_timeout=%.1f s\n", version(), (double)timeout());
    dlclose(lib);
    return 0;
}
