/*
 * Benchmark driver: `load LIBRARY load CYCLES` times dlopen + dlsym of every symbol + dlclose;
 * `load LIBRARY call CALLS` times a getter called through a function pointer. Prints ns per
 * cycle or call.
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "symbols.h"


static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv) {
    long n, i;
    size_t s;
    double start;
    if (argc != 4 || (n = atol(argv[3])) < 1) {
        fprintf(stderr, "usage: %s LIBRARY load|call COUNT\n", argv[0]);
        return 2;
    }
    if (strcmp(argv[2], "load") == 0) {
        start = now_ns();
        for (i = 0; i < n; i++) {
            void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
            if (!lib) { fprintf(stderr, "%s\n", dlerror()); return 1; }
            for (s = 0; s < NSYMBOLS; s++)
                if (!dlsym(lib, symbols[s])) { fprintf(stderr, "no %s\n", symbols[s]); return 1; }
            dlclose(lib);
        }
        printf("%.1f\n", (now_ns() - start) / (double)n);
        return 0;
    } else {
        void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
        void *sym = lib ? dlsym(lib, "rpc_get_default_rpc_timeout_sec") : NULL;
        float (*volatile getter)(void);
        volatile float sink = 0;
        if (!sym) { fprintf(stderr, "cannot load %s\n", argv[1]); return 1; }
        memcpy((void *)&getter, &sym, sizeof sym);
        start = now_ns();
        for (i = 0; i < n; i++) sink = getter();
        printf("%.3f\n", (now_ns() - start) / (double)n);
        (void)sink;
        return 0;
    }
}
