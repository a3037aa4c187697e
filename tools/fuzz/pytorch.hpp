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
#include <cstdio>
#include <vector>
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

// Whether a delay differs from the oracle's only where glibc's pow is not correctly rounded: a
// last-bit difference of the power, at 2^40 ms or more (or at the 2^63 edge, far above it). The
// library's power is the correctly rounded one; the oracle uses this C library's pow.
inline bool powLastBitOnly(int status, std::int64_t ms, Outcome want) {
    const double big = 1099511627776.0;  // 2^40
    const double a = static_cast<double>(ms), b = static_cast<double>(want.value);
    const bool edge = (status == OK) != (want.status == OK) &&
                      (status == RPC_ERR_OUT_OF_RANGE || want.status == RPC_ERR_OUT_OF_RANGE) &&
                      (status == OK ? a : b) >= big;
    const bool last_bit = status == OK && want.status == OK && a >= big && b >= big &&
                          std::fabs(a - b) <= std::fmax(a, b) * 0x1p-50 + 1;
    return edge || last_bit;
}

// RpcAgent's schedule (rpc_agent.cpp): rpcRetryCallback resends while retryCount_ < maxRetries,
// else fails the RPC; the time of the resend was computed before the failed send, with count 0
// for the first send and retryCount_ - 1 for a resend (retryExpiredRpcs computes it before its
// increment). The options are checked first (sendWithRetries).
inline Outcome nextSend(std::int32_t maxRetries, std::int64_t rpcRetryDuration, float retryBackoff,
                        std::int32_t retryCount) {
    const int options = retryOptions(maxRetries, rpcRetryDuration, retryBackoff);
    if (options != OK) {
        return {options, 0};
    }
    if (retryCount < 0) {
        return {RPC_ERR_NEGATIVE_RETRY_COUNT, 0};
    }
    if (!(retryCount < maxRetries)) {
        return {RPC_ERR_RETRIES_EXHAUSTED, 0};
    }
    return retryDelay(rpcRetryDuration, retryBackoff, retryCount == 0 ? 0 : retryCount - 1);
}

// api.py's _all_gather (Python): UNSET_RPC_TIMEOUT gives the RPCs get_rpc_timeout() (init.cpp:
// the agent's count() / kSecToMsConversion, a float) and the signal no timeout; 0 gives the RPCs
// 0 and no timeout; anything else both. The RPC takes a C++ float (pybind11: (float)double,
// undefined beyond float's range, far outside int's anyway), then TensorPipeAgent::send.
struct AllGather {
    Outcome rpc;
    double wait;    // +inf for None
    double shown;   // rpc_timeout as Python holds it
};
inline AllGather allGather(double timeout, std::int64_t agentMs) {
    double rpcTimeout = timeout, wait = timeout;
    if (timeout == -1.0) {
        rpcTimeout = static_cast<double>(static_cast<float>(agentMs) / kSecToMsConversion);
        wait = INFINITY;
    } else if (timeout == 0.0) {
        wait = INFINITY;
    }
    if (std::isnan(rpcTimeout)) {
        return {{RPC_ERR_NOT_A_NUMBER, 0}, wait, rpcTimeout};
    }
    if (!(std::fabs(rpcTimeout) < 1e30)) {
        return {{RPC_ERR_OUT_OF_RANGE, 0}, wait, rpcTimeout};
    }
    return {resolveTimeout(static_cast<float>(rpcTimeout), agentMs), wait, rpcTimeout};
}

// The error _all_gather raises: f"Followers {[names]} timed out in _all_gather after
// {rpc_timeout:.2f} seconds. The first exception is {e}"; a list of str prints as ['a', 'b'], and
// C's %.2f rounds the exact value to nearest even, as Python's format does.
inline std::string allGatherError(const std::vector<std::string> &followers, double shown, const std::string &first) {
    std::string list = "[";
    for (std::size_t i = 0; i < followers.size(); ++i) {
        list += (i ? ", '" : "'") + followers[i] + "'";
    }
    list += "]";
    char seconds[400];
    std::snprintf(seconds, sizeof seconds, "%.2f", shown);
    return "Followers " + list + " timed out in _all_gather after " + seconds +
           " seconds. The first exception is " + first;
}

// PyTorch 2.15's messages (rpc_agent.h, rpc_agent.cpp, tensorpipe_agent.h), as c10::str builds
// them; "" where PyTorch has none for the status.
inline std::string pytorchError(int status, std::int64_t value, const std::string &name) {
    switch (status) {
    case RPC_ERR_NEGATIVE_TIMEOUT:
    case RPC_ERR_NOT_A_NUMBER:
        return "RPC Timeout must be non-negative";
    case RPC_ERR_INVALID_THREAD_COUNT:
        return "num_worker_threads must be positive, got " + std::to_string(value);
    case RPC_ERR_INVALID_WORKER_NAME:
        return "Worker name must match ^[A-Za-z0-9-_:]*$, and must be non-empty and shorter than " +
               std::to_string(128) + " chars, but got " + name;
    case RPC_ERR_WORKER_ID_OUT_OF_RANGE:
        return "RPC worker id " + std::to_string(value) + " out of bounds for int16_t.";
    case RPC_ERR_NEGATIVE_MAX_RETRIES:
        return "maxRetries cannot be negative.";
    case RPC_ERR_DECAYING_BACKOFF:
        return "maxRetries cannot be exponentially decaying.";
    case RPC_ERR_NEGATIVE_RETRY_DURATION:
        return "rpcRetryDuration cannot be negative.";
    case RPC_ERR_RETRIES_EXHAUSTED:
        return "The RPC has not succeeded after the specified number of max retries (" + std::to_string(value) + ").";
    default:
        return "";
    }
}

}  // namespace pytorch

#endif
