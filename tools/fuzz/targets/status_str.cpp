// rpc_status_str for any int: never NULL, a NUL-terminated text; each documented code its own
// text, every other value one "unknown" text. Field: the status (int32).
#include "../harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    fuzz::Input in(data, size);
    const auto status = in.take<std::int32_t>();
    const char *text = rpc_status_str(status);
    if (text == nullptr || std::strlen(text) == 0) {
        fuzz::disagree("rpc_status_str(%d) is NULL or empty", status);
    }
    // The documented codes: RPC_OK (0) down to the last error, RPC_ERR_NO_PYTORCH_MESSAGE.
    const bool documented = status <= RPC_OK && status >= RPC_ERR_NO_PYTORCH_MESSAGE;
    const char *unknown = rpc_status_str(1);
    if (documented == (text == unknown) || (documented && std::strstr(text, "unknown") != nullptr)) {
        fuzz::disagree("rpc_status_str(%d) = \"%s\" (documented: %d)", status, text, documented);
    }
    return 0;
}
