/*
 * The part of POSIX <dlfcn.h> the test programs use (tests/c/stress.c, two_copies.c), on
 * Windows: LoadLibraryA, GetProcAddress and FreeLibrary, so that the same programs test the DLL
 * as a Windows dynamic loader sees it. Only for tools/cross/run.sh; RTLD_* flags have no Windows
 * meaning (every DLL is loaded privately, as with RTLD_LOCAL) and are accepted and ignored.
 */
#ifndef CROSS_WIN_DLFCN_H
#define CROSS_WIN_DLFCN_H

#include <stdio.h>
#include <string.h>
#include <windows.h>

#define RTLD_NOW 2
#define RTLD_LOCAL 0
#define RTLD_GLOBAL 0x100

static char cross_dlerror_text[64];

static inline char *dlerror(void) {
    snprintf(cross_dlerror_text, sizeof cross_dlerror_text, "Windows error %lu",
             (unsigned long)GetLastError());
    return cross_dlerror_text;
}

static inline void *dlopen(const char *path, int flags) {
    (void)flags;
    return (void *)LoadLibraryA(path);
}

static inline void *dlsym(void *lib, const char *name) {
    FARPROC p = GetProcAddress((HMODULE)lib, name);
    void *q;
    memcpy(&q, &p, sizeof q);
    return q;
}

static inline int dlclose(void *lib) { return FreeLibrary((HMODULE)lib) ? 0 : -1; }

#endif
