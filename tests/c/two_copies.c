/*
 * Two copies of the library in one process: argv[1] loaded RTLD_GLOBAL (as another release a
 * program already uses), then argv[2] RTLD_LOCAL (as a plugin's own copy). Each copy's getter,
 * table entry and exported static must give that copy's own init method: argv[3] and argv[4].
 */
#include "rpc_constants.h"

#include <dlfcn.h>
#include <string.h>

#include "check.h"

static void check_copy(void *lib, const char *which, const char *init_method) {
    const char *(*getter)(void);
    const rpc_constant *(*find)(const char *);
    const rpc_constant *entry;
    void *p = dlsym(lib, "rpc_get_default_init_method"), *q = dlsym(lib, "rpc_constants_find");
    const char *data = dlsym(lib, "rpc_default_init_method");
    CHECK(p != NULL && q != NULL && data != NULL);
    if (p == NULL || q == NULL || data == NULL) return;
    memcpy(&getter, &p, sizeof getter);
    memcpy(&find, &q, sizeof find);
    entry = find("DEFAULT_INIT_METHOD");
    printf("%s: static \"%s\", getter \"%s\", table \"%s\"\n", which, data, getter(),
           entry ? entry->value.as_string : "(none)");
    CHECK(strcmp(data, init_method) == 0);
    CHECK(strcmp(getter(), init_method) == 0 && getter() == data);
    CHECK(entry != NULL && entry->value.as_string == data);
}

int main(int argc, char **argv) {
    void *a, *b;
    if (argc != 5) {
        fprintf(stderr, "usage: %s LIBRARY_A LIBRARY_B INIT_METHOD_A INIT_METHOD_B\n", argv[0]);
        return 2;
    }
    a = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
    b = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
    if (a == NULL || b == NULL) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return 1;
    }
    CHECK(a != b);
    check_copy(a, "copy A (global)", argv[3]);
    check_copy(b, "copy B (local)", argv[4]);
    return check_report("two_copies");
}
