// Each string constant reads the same text in every translation unit (this file and
// hpp_other_tu.cpp) and in a plugin and the executable (one address is not promised: they are
// literals, as PyTorch's are); the plugin, which uses every constant by address, is unmapped by
// dlclose (/proc/self/maps no longer lists it).
// Usage: hpp_host PLUGIN.so
#include <rpc_constants.hpp>

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

const char *other_tu_init_method();
const char *other_tu_timeout_error_str();

namespace {

int failures = 0;

void check(bool ok, const char *what) {
    if (!ok) {
        ++failures;
        std::fprintf(stderr, "hpp_host: %s\n", what);
    }
}

bool same(const char *a, const char *b) { return std::strcmp(a, b) == 0; }

bool mapped(const char *path) {
    std::FILE *maps = std::fopen("/proc/self/maps", "r");
    if (maps == nullptr) {
        std::perror("/proc/self/maps");
        std::exit(2);
    }
    char line[4096];
    bool found = false;
    while (std::fgets(line, sizeof line, maps) != nullptr) {
        found = found || std::strstr(line, path) != nullptr;
    }
    std::fclose(maps);
    return found;
}

template <class F>
F symbol(void *handle, const char *name) {
    void *address = dlsym(handle, name);
    if (address == nullptr) {
        std::fprintf(stderr, "hpp_host: no %s\n", name);
        std::exit(2);
    }
    F f;
    std::memcpy(&f, &address, sizeof f);
    return f;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: hpp_host PLUGIN.so\n");
        return 2;
    }
    const char *plugin = argv[1];
    check(same(other_tu_init_method(), rpc_constants::kDefaultInitMethod), "kDefaultInitMethod: two TUs, two texts");
    check(same(other_tu_timeout_error_str(), rpc_constants::kRpcTimeoutErrorStr),
          "kRpcTimeoutErrorStr: two TUs, two texts");
    void *handle = dlopen(plugin, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        std::fprintf(stderr, "hpp_host: %s\n", dlerror());
        return 2;
    }
    check(mapped(plugin), "the plugin is not in /proc/self/maps after dlopen");
    using int_fn = int (*)(int);
    using str_fn = const char *(*)();
    check(symbol<int_fn>(handle, "plugin_uses_every_constant")(3) == 16, "the plugin computed wrongly");
    check(same(symbol<str_fn>(handle, "plugin_init_method")(), rpc_constants::kDefaultInitMethod),
          "kDefaultInitMethod: plugin and executable, two texts");
    check(same(symbol<str_fn>(handle, "plugin_timeout_error_str")(), rpc_constants::kRpcTimeoutErrorStr),
          "kRpcTimeoutErrorStr: plugin and executable, two texts");
    check(dlclose(handle) == 0, "dlclose failed");
    check(!mapped(plugin), "the plugin is still mapped after dlclose");
    std::printf("hpp_host: %d failed\n", failures);
    return failures == 0 ? 0 : 1;
}
