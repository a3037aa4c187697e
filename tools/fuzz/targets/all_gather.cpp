// The shutdown/_all_gather timeout and its error against api.py's _all_gather: fields timeout
// (double bits), agent default (int64 ms), capacity (uint8), a NULL-buffer flag (uint8); the rest
// is the followers' names, one per line, the last line being the first exception's text.
#include "../harness.hpp"
#include "../pytorch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    fuzz::Input in(data, size);
    const auto timeout = in.take<double>();
    const auto agent_ms = in.take<std::int64_t>();
    const std::size_t capacity = in.take<std::uint8_t>();
    const bool null_buffer = in.take<std::uint8_t>() & 1;
    const std::string rest = in.rest();

    std::int64_t ms = 0x5a5a5a5a5a5a5a5a;
    double wait = -7.0;
    const int status = rpc_all_gather_timeouts(timeout, agent_ms, &ms, &wait);
    const pytorch::AllGather want = pytorch::allGather(timeout, agent_ms);
    const bool same = status == want.rpc.status &&
                      (status == RPC_OK ? ms == want.rpc.value && std::memcmp(&wait, &want.wait, sizeof wait) == 0
                                        : ms == 0x5a5a5a5a5a5a5a5a && wait == -7.0);
    if (!same) {
        fuzz::disagree("rpc_all_gather_timeouts(%a, %lld) = %d, %lld ms, wait %a; api.py: %d, %lld ms, wait %a", timeout,
                       static_cast<long long>(agent_ms), status, static_cast<long long>(ms), wait, want.rpc.status,
                       static_cast<long long>(want.rpc.value), want.wait);
    }

    // Followers: every line but the last; the last is the first exception's text.
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= rest.size(); ++i) {
        if (i == rest.size() || rest[i] == '\n') {
            lines.push_back(rest.substr(start, i - start));
            start = i + 1;
        }
    }
    const std::string first = lines.back();
    lines.pop_back();
    std::vector<const char *> names;
    bool valid = true;
    for (const std::string &line : lines) {
        names.push_back(line.c_str());  // a NUL inside ends the name, as the C string it is
        valid = valid && pytorch::workerNameIsValid(std::string(line.c_str()));
    }
    const int expect_status = want.rpc.status != RPC_OK ? want.rpc.status : RPC_ERR_INVALID_WORKER_NAME;
    std::vector<std::string> shown;
    for (const std::string &line : lines) {
        shown.emplace_back(line.c_str());
    }
    const fuzz::Guarded guarded(first.data(), first.size());
    auto call = [&](char *buf) {
        return rpc_format_all_gather_error(buf, capacity, timeout, agent_ms, names.data(), names.size(),
                                           guarded.data(), first.size());
    };
    if (!valid || want.rpc.status != RPC_OK) {
        std::vector<char> buf(capacity + 1, 'z');
        const int n = call(null_buffer && capacity == 0 ? nullptr : buf.data());
        // The rule's error comes first (the message reports RPCs that are undefined there), then a
        // name's; a NULL buffer with a capacity is reported before either.
        const int expected = want.rpc.status != RPC_OK ? want.rpc.status : expect_status;
        if (n != expected || buf[0] != 'z') {
            fuzz::disagree("rpc_format_all_gather_error(%a, %lld, %zu names) = %d; expected %d, nothing written",
                           timeout, static_cast<long long>(agent_ms), names.size(), n, expected);
        }
        return 0;
    }
    const std::string text = pytorch::allGatherError(shown, want.shown, first);
    fuzz::check_snprintf([&] { return "rpc_format_all_gather_error(" + std::to_string(timeout) + ")"; }, capacity,
                         null_buffer, text, call);
    return 0;
}
