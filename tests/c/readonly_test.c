/*
 * No program can corrupt the constants: a write through a cast pointer to each exported constant
 * (and to each table descriptor) must fault. Each write happens in a child process; the parent
 * expects the child to die of SIGSEGV. Checked twice: through the program's own references
 * (linked, so the dynamic linker may have copied the data into the program: still read-only),
 * and through dlopen/dlsym of the library itself (argv[1]).
 */
#include "rpc_constants.h"

#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static int write_faults(const volatile void *target, const char *what) {
    int status;
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 0;
    }
    if (pid == 0) {
        struct rlimit no_core = {0, 0};
        volatile unsigned char *p = (volatile unsigned char *)(uintptr_t)target;
        setrlimit(RLIMIT_CORE, &no_core);
        p[0] = (unsigned char)(p[0] ^ 0x5a); /* must fault */
        _exit(0);
    }
    if (waitpid(pid, &status, 0) != pid) return 0;
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV)) {
        fprintf(stderr, "writing to %s did not fault (status %d)\n", what, status);
        return 0;
    }
    return 1;
}

int main(int argc, char **argv) {
    size_t i;
    void *lib;
    if (argc != 2) {
        fprintf(stderr, "usage: %s LIBRARY\n", argv[0]);
        return 2;
    }
    /* Two references of this program's own, so that the linker copies (and relocates) the data
     * into the program where it copies data at all. */
    CHECK(write_faults(&rpc_default_rpc_timeout_sec, "rpc_default_rpc_timeout_sec (linked)"));
    CHECK(write_faults(rpc_default_init_method, "rpc_default_init_method (linked)"));
    /* Every constant, as the program's global scope resolves it (its copy if it made one). */
    for (i = 0; i < rpc_constants_count(); i++) {
        const rpc_constant *c = rpc_constants_at(i);
        const void *p = dlsym(RTLD_DEFAULT, c->symbol);
        CHECK(p != NULL && write_faults(p, c->symbol));
        CHECK(write_faults(c, "a table descriptor"));
        CHECK(write_faults(c->name, "a descriptor's name"));
    }
    CHECK(rpc_constants_count() > 0);

    lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    CHECK(lib != NULL);
    if (lib != NULL) {
        for (i = 0; i < rpc_constants_count(); i++) {
            const char *name = rpc_constants_at(i)->symbol;
            const void *p = dlsym(lib, name);
            CHECK(p != NULL && write_faults(p, name));
        }
        dlclose(lib);
    }
    /* The check itself can fail: a writable object does not fault. */
    {
        static volatile unsigned char writable = 1;
        int status;
        pid_t pid = fork();
        if (pid == 0) {
            writable = 2;
            _exit(writable == 2 ? 0 : 1);
        }
        waitpid(pid, &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    return check_report("readonly_test");
}
