// The fuzz targets' oracle: PyTorch's own code for each rule, transcribed from its C++ source
// (torch/csrc/distributed/rpc: utils.cpp, rpc_agent.h/.cpp, tensorpipe_agent.cpp, init.cpp) apart
// from this library's src/, with standard C++ doing what PyTorch's code does (std::string,
// std::stoi, std::runtime_error::what(), pow). Where PyTorch's C++ has undefined behaviour or
// throws, the oracle says which of the library's documented errors stands there instead
// (docs/agent-contract.md, docs/timeouts.md).
#ifndef RPC_FUZZ_PYTORCH_HPP
#define RPC_FUZZ_PYTORCH_HPP

#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

namespace pytorch {

// A result: a status and, on RPC_OK, a value.
struct Outcome {
    int status;
    std::int64_t value;
};

constexpr int OK = 0;
constexpr float kSecToMsConversion = 1000.0f;
constexpr float kUnsetRpcTimeout = -1.0f;
const std::string kRPCErrorPrefix = "RPCErr";
const std::string kRpcTimeoutErrorStr =
    "RPC ran for more than set timeout ({} ms) and will now be marked with an error";

// getRPCErrorType (utils.cpp), given the text JitFuture::tryRetrieveErrorMessage() returns: the
// what() of the std::runtime_error an agent stores, as a std::string, so it ends at a NUL.
inline Outcome getRPCErrorType(const std::string &message) {
    const std::runtime_error stored(message);
    const std::string err = stored.what();
    std::size_t pos = err.find(kRPCErrorPrefix);
    if (pos == std::string::npos) {
        return {OK, 0};  // UNKNOWN_ERROR
    }
    auto errStartIdx = pos + kRPCErrorPrefix.size() + 1;
    auto errEndIdx = err.find(':', errStartIdx);
    if (errEndIdx == std::string::npos) {
        return {OK, 0};
    }
    auto errStr = err.substr(errStartIdx, errEndIdx - errStartIdx);
    try {
        // PyTorch: static_cast<RPCErrorType>(std::stoi(errStr)); the int is what it holds.
        return {OK, std::stoi(errStr)};
    } catch (const std::invalid_argument &) {
        return {RPC_ERR_UNPARSABLE_ERROR_TYPE, 0};
    } catch (const std::out_of_range &) {
        return {RPC_ERR_UNPARSABLE_ERROR_TYPE, 0};
    }
}

// makeRPCError (utils.cpp): fmt::format("{}:{}:{}", kRPCErrorPrefix, static_cast<int>(type), msg).
inline std::string makeRPCError(const std::string &msg, std::int32_t type) {
    return kRPCErrorPrefix + ":" + std::to_string(type) + ":" + msg;
}

// The timeout message (tensorpipe_agent.cpp): fmt::format(kRpcTimeoutErrorStr, timeout.count()),
// wrapped by makeRPCError(..., RPCErrorType::TIMEOUT) where the agent marks the future.
inline std::string timeoutMessage(std::int64_t ms, bool prefix) {
    std::string text = kRpcTimeoutErrorStr;
    text.replace(text.find("{}"), 2, std::to_string(ms));
    return prefix ? makeRPCError(text, 1) : text;
}

// WorkerInfo(std::string name, worker_id_t id) (rpc_agent.cpp), in the "C" locale.
inline bool workerNameIsValid(const std::string &name_) {
    constexpr std::size_t MAX_NAME_LEN = 128;
    bool validSize = name_.length() < MAX_NAME_LEN && !name_.empty();
    bool validChar = true;
    for (char c : name_) {
        const int u = static_cast<unsigned char>(c);  // isalnum of a negative char is undefined
        validChar = validChar && (std::isalnum(u) || c == '-' || c == '_' || c == ':');
    }
    return validSize && validChar;
}

// WorkerInfo(name, id) from Python: the binding converts the id to int16_t and refuses one that
// does not fit (the C++ int64_t constructor would wrap one below -32768).
inline Outcome workerIdFromPython(std::int64_t id) {
    if (id < std::numeric_limits<std::int16_t>::min() || id > std::numeric_limits<std::int16_t>::max()) {
        return {RPC_ERR_WORKER_ID_OUT_OF_RANGE, 0};
    }
    return {OK, id};
}

// static_cast<T>(product) of a float product, where T holds [lo, hi]: undefined outside, which
// the library reports as RPC_ERR_OUT_OF_RANGE.
inline Outcome truncate(float product, double lo, double hi) {
    if (!(std::isfinite(product) && std::trunc(double{product}) >= lo && std::trunc(double{product}) <= hi)) {
        return {RPC_ERR_OUT_OF_RANGE, 0};
    }
    return {OK, static_cast<std::int64_t>(product)};
}
constexpr double kIntMin = -2147483648.0, kIntMax = 2147483647.0;

// RpcBackendOptions (rpc_agent.h): TORCH_CHECK(rpcTimeoutSeconds >= 0), which NaN fails too
// (the library tells NaN apart), then (long)(seconds * kSecToMsConversion).
inline Outcome agentTimeout(float seconds) {
    if (std::isnan(seconds)) {
        return {RPC_ERR_NOT_A_NUMBER, 0};
    }
    if (!(seconds >= 0)) {
        return {RPC_ERR_NEGATIVE_TIMEOUT, 0};
    }
    return truncate(seconds * kSecToMsConversion, -9223372036854775808.0, 9223372036854774784.0);
}

// TensorPipeAgent::send (tensorpipe_agent.cpp): the sentinel takes the agent default, whatever
// its sign; anything else is static_cast<int>(timeout * kSecToMsConversion), negative results
// included (undefined, so RPC_ERR_NOT_A_NUMBER or RPC_ERR_OUT_OF_RANGE, for NaN and outside int).
inline Outcome resolveTimeout(float seconds, std::int64_t agent_ms) {
    if (seconds == kUnsetRpcTimeout) {
        return {OK, agent_ms};
    }
    if (std::isnan(seconds)) {
        return {RPC_ERR_NOT_A_NUMBER, 0};
    }
    return truncate(seconds * kSecToMsConversion, kIntMin, kIntMax);
}

// _set_rpc_timeout (init.cpp): static_cast<int>(rpcTimeoutSeconds * kSecToMsConversion), no
// sign check.
inline Outcome setRpcTimeout(float seconds) {
    if (std::isnan(seconds)) {
        return {RPC_ERR_NOT_A_NUMBER, 0};
    }
    return truncate(seconds * kSecToMsConversion, kIntMin, kIntMax);
}

// sendWithRetries' TORCH_CHECKs (rpc_agent.cpp), in its order.
inline int retryOptions(std::int32_t maxRetries, std::int64_t rpcRetryDuration, float retryBackoff) {
    if (!(maxRetries >= 0)) {
        return RPC_ERR_NEGATIVE_MAX_RETRIES;
    }
    if (!(retryBackoff >= 1)) {
        return RPC_ERR_DECAYING_BACKOFF;
    }
    if (!(rpcRetryDuration >= 0)) {
        return RPC_ERR_NEGATIVE_RETRY_DURATION;
    }
    return OK;
}

// computeNewRpcRetryTime: duration_cast<milliseconds>(rpcRetryDuration * pow(retryBackoff,
// retryCount)), with this C library's pow; undefined (the library: RPC_ERR_OUT_OF_RANGE) for
// an infinite, NaN or too large product.
inline Outcome retryDelay(std::int64_t rpcRetryDuration, float retryBackoff, std::int32_t retryCount) {
    const int options = retryOptions(0, rpcRetryDuration, retryBackoff);
    if (options != OK) {
        return {options, 0};
    }
    if (retryCount < 0) {
        return {RPC_ERR_NEGATIVE_RETRY_COUNT, 0};
    }
    const double product = static_cast<double>(rpcRetryDuration) * std::pow(retryBackoff, retryCount);
    if (!(product < 9223372036854775808.0)) {
        return {RPC_ERR_OUT_OF_RANGE, 0};
    }
    return {OK, static_cast<std::int64_t>(product)};
}

}  // namespace pytorch

#endif
