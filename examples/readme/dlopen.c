#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    void *lib = dlopen("librpc_constants.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "%s\n", dlerror());
        return 1;
    }
    const float *timeout = (const float *)dlsym(lib, "rpc_default_rpc_timeout_sec");
    const char *(*version)(void);
    void *sym = dlsym(lib, "rpc_constants_version");
    memcpy(&version, &sym, sizeof version); /* ISO C: no direct void* -> function cast */
    if (!timeout || !sym) {
        fprintf(stderr, "%s\n", dlerror());
        return 1;
    }
    printf("librpc_constants %s: rpc_timeout=%.1f s\n", version(), (double)*timeout);
    dlclose(lib);
    return 0;
}
