// rpc_constants_find against strcmp over the table (every entry's PyTorch names and symbol; an
// empty name matches nothing), and rpc_constants_at for any index: field index (uint64), then
// the name, up to its first NUL.
#include "../harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    fuzz::Input in(data, size);
    const auto index = in.take<std::uint64_t>();
    const std::size_t count = rpc_constants_count();
    const rpc_constant *at = rpc_constants_at(static_cast<std::size_t>(index));
    if ((at != nullptr) != (index < count)) {
        fuzz::disagree("rpc_constants_at(%llu) with %zu constants", static_cast<unsigned long long>(index), count);
    }
    // A NUL-terminated name that ends at an unreadable page: the library must not read past it.
    std::string name = in.rest();
    name = name.c_str();
    const fuzz::Guarded guarded(name.c_str(), name.size() + 1);
    const rpc_constant *found = rpc_constants_find(guarded.data());
    const rpc_constant *want = nullptr;
    for (std::size_t i = 0; i < count && want == nullptr; ++i) {
        const rpc_constant *c = rpc_constants_at(i);
        for (const char *known : {c->name, c->cpp_name, c->symbol}) {
            if (known[0] != '\0' && std::strcmp(known, name.c_str()) == 0) {
                want = c;
            }
        }
    }
    if (found != want) {
        fuzz::disagree("rpc_constants_find(\"%s\") = %p, the table says %p", fuzz::printable(name).c_str(),
                       static_cast<const void *>(found), static_cast<const void *>(want));
    }
    return 0;
}
