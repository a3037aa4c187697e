// rpc_constants.hpp from C++17 on: PyTorch's names and types, constexpr use, and every helper
// agreeing with the C function it wraps on the edge inputs the C tests use. Built by the tests
// for each compiler, standard, and with and without -fno-exceptions -fno-rtti.
#include <rpc_constants.hpp>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

extern "C" {
#include "check.h"
#include "expected.h"
}

namespace rc = rpc_constants;
using namespace std::chrono_literals;

// PyTorch's types (rpc_agent.h): constexpr float, constexpr auto = 16 (int), constexpr auto =
// "..." (const char *).
static_assert(std::is_same_v<decltype(rc::kDefaultRpcTimeoutSeconds), const float>);
static_assert(std::is_same_v<decltype(rc::kUnsetRpcTimeout), const float>);
static_assert(std::is_same_v<decltype(rc::kSecToMsConversion), const float>);
static_assert(std::is_same_v<decltype(rc::kDefaultNumWorkerThreads), const int>);
static_assert(std::is_same_v<decltype(rc::kDefaultInitMethod), const char *const>);
static_assert(std::is_same_v<decltype(rc::kRpcTimeoutErrorStr), const char *const>);
static_assert(std::is_same_v<decltype(rc::kDefaultShutdownTimeoutSeconds), const float>);
static_assert(std::is_same_v<decltype(rc::kDefaultProcessGroupTimeout), const std::chrono::milliseconds>);
// The values, against the tests' own oracle, at compile time.
static_assert(rc::kDefaultRpcTimeoutSeconds == EXPECT_DEFAULT_RPC_TIMEOUT_SEC);
static_assert(rc::kUnsetRpcTimeout == EXPECT_UNSET_RPC_TIMEOUT);
static_assert(rc::kSecToMsConversion == EXPECT_SEC_TO_MS_CONVERSION);
static_assert(rc::kDefaultNumWorkerThreads == EXPECT_DEFAULT_NUM_WORKER_THREADS);
static_assert(rc::kDefaultShutdownTimeoutSeconds == EXPECT_DEFAULT_SHUTDOWN_TIMEOUT);
static_assert(rc::kDefaultProcessGroupTimeout.count() == EXPECT_DEFAULT_PROCESS_GROUP_TIMEOUT_MS);
static_assert(rc::kDefaultInitMethodView == EXPECT_DEFAULT_INIT_METHOD);
static_assert(rc::kRpcTimeoutErrorStrView == EXPECT_TIMEOUT_ERROR_STR);
static_assert(rc::kDefaultRpcTimeout == 60s);
static_assert(rc::kDefaultShutdownTimeout == 0ms);
static_assert(rc::timeout_result{5ms}.ok() && rc::timeout_result{5ms}.value() == 5ms);
// The conventional accessors and comparisons, at compile time.
static_assert(rc::timeout_result{5ms}.has_value() && *rc::timeout_result{5ms} == 5ms);
static_assert(rc::timeout_result{5ms}.error() == RPC_OK && rc::timeout_result{5ms}.status() == RPC_OK);
static_assert(rc::timeout_result{5s} == 5000ms && 5000ms == rc::timeout_result{5s});
static_assert(rc::timeout_result{5ms} == rc::timeout_result{5ms});
static_assert(rc::timeout_result{5ms} != rc::timeout_result{6ms} && rc::timeout_result{5ms} != 6ms);
static_assert(rc::never_expires(0ms) && !rc::never_expires(1ms) && !rc::never_expires(-1ms));
// The strings are literals, as PyTorch's are: their text is known at compile time.
static_assert(std::string_view{rc::kDefaultInitMethod} == EXPECT_DEFAULT_INIT_METHOD);
static_assert(std::string_view{rc::kRpcTimeoutErrorStr} == EXPECT_TIMEOUT_ERROR_STR);

// Worker names, error types, retry options: PyTorch's spellings and types (rpc_agent.h,
// message.h, types.h), values against the oracle.
static_assert(std::is_same_v<decltype(rc::WorkerInfo::MAX_NAME_LEN), const std::size_t>);
static_assert(rc::WorkerInfo::MAX_NAME_LEN == EXPECT_WORKER_NAME_MAX_LEN);
static_assert(std::is_same_v<rc::worker_id_t, std::int16_t>);
static_assert(rc::kWorkerIdMin == EXPECT_WORKER_ID_MIN && rc::kWorkerIdMax == EXPECT_WORKER_ID_MAX);
static_assert(std::is_enum_v<rc::RPCErrorType>);
static_assert(rc::UNKNOWN_ERROR == EXPECT_ERROR_TYPE_UNKNOWN_ERROR && rc::TIMEOUT == EXPECT_ERROR_TYPE_TIMEOUT &&
              rc::INTENTIONAL_FAILURE == EXPECT_ERROR_TYPE_INTENTIONAL_FAILURE);
static_assert(rc::RPCErrorType::TIMEOUT == rc::TIMEOUT);
static_assert(std::is_same_v<decltype(rc::RpcRetryOptions::maxRetries), int>);
static_assert(std::is_same_v<decltype(rc::RpcRetryOptions::rpcRetryDuration), std::chrono::milliseconds>);
static_assert(std::is_same_v<decltype(rc::RpcRetryOptions::retryBackoff), float>);
static_assert(std::is_aggregate_v<rc::RpcRetryOptions>);
static_assert(rc::RpcRetryOptions{}.maxRetries == EXPECT_DEFAULT_MAX_RETRIES);
static_assert(rc::RpcRetryOptions{}.rpcRetryDuration.count() == EXPECT_DEFAULT_RPC_RETRY_DURATION_MS);
static_assert(rc::RpcRetryOptions{}.retryBackoff == EXPECT_DEFAULT_RETRY_BACKOFF);
static_assert(rc::result<int>{7}.ok() && rc::result<int>{7}.value() == 7);
static_assert(rc::result<int>{7} == rc::result<int>{7} && *rc::result<int>{7} == 7);

/* PyTorch's makeRPCError, from the C formatter (the .hpp leaves std::string out). */
static std::string make_rpc_error(std::string_view message, rc::RPCErrorType type) {
    const int32_t n = rpc_format_rpc_error(nullptr, 0, type, message.data(), message.size());
    std::string text(static_cast<std::size_t>(n), '\0');
    rpc_format_rpc_error(text.data(), text.size() + 1, type, message.data(), message.size());
    return text;
}

static void check_agent_contract() {
    CHECK(rc::WorkerInfo::validate_name("worker0") == RPC_OK);
    CHECK(rc::WorkerInfo::validate_name("worker 1") == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(rc::WorkerInfo::validate_name(std::string(127, 'a')) == RPC_OK);
    CHECK(rc::WorkerInfo::validate_name(std::string(128, 'a')) == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(rc::WorkerInfo::validate_name(std::string_view{"a\0b", 3}) == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(rc::WorkerInfo::validate("trainer:1", 3).value() == 3);
    CHECK(rc::WorkerInfo::validate("trainer:1", -40000).status() == RPC_ERR_WORKER_ID_OUT_OF_RANGE);
    CHECK(rc::WorkerInfo::validate("trainer:1", 32768).status() == RPC_ERR_WORKER_ID_OUT_OF_RANGE);
    // The name is checked first, as PyTorch's delegating constructor does.
    CHECK(rc::WorkerInfo::validate("", 32768).status() == RPC_ERR_INVALID_WORKER_NAME);
    CHECK(rc::WorkerInfo::validate("", 0).value_or(-1) == -1);

    CHECK(make_rpc_error("boom", rc::INTENTIONAL_FAILURE) == "RPCErr:2:boom");
    CHECK(make_rpc_error("x:y", rc::TIMEOUT) == "RPCErr:1:x:y");
    CHECK(make_rpc_error("", rc::UNKNOWN_ERROR) == "RPCErr:0:");
    CHECK(rc::rpc_error_type(make_rpc_error("late", rc::TIMEOUT)).value() == rc::TIMEOUT);
    CHECK(rc::rpc_error_type(make_rpc_error("late", rc::TIMEOUT)) == rc::rpc_error_type("RPCErr:1:x"));
    CHECK(rc::rpc_error_type("no prefix").value() == rc::UNKNOWN_ERROR);
    CHECK(rc::rpc_error_type("RPCErr:7:x").value() == 7);
    CHECK(rc::rpc_error_type("RPCErr:x:").status() == RPC_ERR_UNPARSABLE_ERROR_TYPE);
    CHECK(std::strcmp(rc::rpc_error_type("RPCErr:x:").what(), rpc_status_str(RPC_ERR_UNPARSABLE_ERROR_TYPE)) == 0);

    rc::RpcRetryOptions options;
    CHECK(rc::validate_retry_options(options) == RPC_OK);
    CHECK(rc::retry_delay(options, 0).value() == 1000ms);
    CHECK(rc::retry_delay(options, 3).value() == 3375ms);
    options.retryBackoff = 0.5f;
    CHECK(rc::retry_delay(options, 1).status() == RPC_ERR_DECAYING_BACKOFF);
    options = rc::RpcRetryOptions{-1, 10ms, 2.0f};
    CHECK(rc::validate_retry_options(options) == RPC_ERR_NEGATIVE_MAX_RETRIES);
    CHECK(rc::retry_delay(options, 1).status() == RPC_ERR_NEGATIVE_MAX_RETRIES);
    options.maxRetries = 3;
    CHECK(rc::retry_delay(options, 4).value() == 160ms);
    CHECK(rc::retry_delay(options, -1).status() == RPC_ERR_NEGATIVE_RETRY_COUNT);
    options.rpcRetryDuration = -1ms;
    CHECK(rc::validate_retry_options(options) == RPC_ERR_NEGATIVE_RETRY_DURATION);
}

static void agree(float seconds, std::int64_t agent_ms) {
    std::int64_t ms = 0;
    rpc_status status = rpc_agent_timeout_ms(seconds, &ms);
    rc::timeout_result agent = rc::agent_timeout(seconds);
    CHECK(agent.status() == status);
    CHECK(agent.ok() == (status == RPC_OK));
    // value() on an error aborts (tested in a child process by cpp_header.rs).
    CHECK(!agent.ok() || agent.value() == std::chrono::milliseconds{ms});
    CHECK(agent.value_or(-7ms) == (status == RPC_OK ? std::chrono::milliseconds{ms} : -7ms));
    CHECK(std::strcmp(agent.what(), rpc_status_str(status)) == 0);
    CHECK(agent.has_value() == agent.ok() && agent.error() == agent.status());
    CHECK(!agent.ok() || *agent == agent.value());
    // Equal to a duration only as a timeout; equal to another result with the same outcome.
    CHECK((agent == std::chrono::milliseconds{ms}) == (status == RPC_OK));
    CHECK(agent == rc::agent_timeout(seconds) && !(agent != rc::agent_timeout(seconds)));
    CHECK((agent == rc::timeout_result{std::chrono::milliseconds{ms}}) == (status == RPC_OK));
    status = rpc_resolve_timeout_ms(seconds, agent_ms, &ms);
    rc::timeout_result call = rc::resolve_timeout(seconds, std::chrono::milliseconds{agent_ms});
    CHECK(call.status() == status);
    CHECK(call.value_or(-7ms) == (status == RPC_OK ? std::chrono::milliseconds{ms} : -7ms));
}

// The agent-loop helpers against the C functions they wrap, and their C++ forms.
static_assert(rc::expires_at_once(-1ms) && !rc::expires_at_once(0ms) && !rc::expires_at_once(5ms));
static_assert(std::is_same_v<decltype(std::declval<const rc::result<std::string> &>().value()), const std::string &>);
static_assert(std::is_same_v<decltype(std::declval<rc::result<std::string>>().value()), std::string>);

static void check_agent_loop() {
    const rc::RpcRetryOptions defaults{};
    const long long schedule[] = {1000, 1000, 1500, 2250, 3375};
    for (int r = 0; r < 5; ++r) {
        CHECK(rc::next_send(defaults, r) == std::chrono::milliseconds{schedule[r]});
    }
    CHECK(rc::next_send(defaults, 5).status() == RPC_ERR_RETRIES_EXHAUSTED);
    CHECK(rc::next_send(rc::RpcRetryOptions{-1, 1000ms, 1.5f}, 0).status() == RPC_ERR_NEGATIVE_MAX_RETRIES);
    for (std::int64_t ms : {std::int64_t{-1}, std::int64_t{0}, std::numeric_limits<std::int64_t>::min()}) {
        CHECK(rc::expires_at_once(std::chrono::milliseconds{ms}) == rpc_timeout_expires_at_once(ms));
    }
    CHECK(rc::resolve_timeout(-5.0f, 60s) == -5000ms);

    const rc::result<rc::all_gather_limits> unset = rc::all_gather_timeouts(-1.0, rc::kDefaultRpcTimeout);
    CHECK(unset.ok() && unset->rpc_timeout == 60000ms && std::isinf(unset->wait_seconds));
    const rc::result<rc::all_gather_limits> five = rc::all_gather_timeouts(5.0, rc::kDefaultRpcTimeout);
    CHECK(five.ok() && five.value() == (rc::all_gather_limits{5000ms, 5.0}));
    CHECK(rc::all_gather_timeouts(std::numeric_limits<double>::quiet_NaN(), 60s).status() == RPC_ERR_NOT_A_NUMBER);

    const rc::result<std::string> words = rc::pytorch_error(RPC_ERR_WORKER_ID_OUT_OF_RANGE, 32768);
    CHECK(words.ok() && *words == "RPC worker id 32768 out of bounds for int16_t." && words->size() == 46);
    CHECK(rc::pytorch_error(RPC_ERR_INVALID_WORKER_NAME, 0, "bad name").value() ==
          "Worker name must match ^[A-Za-z0-9-_:]*$, and must be non-empty and shorter than 128 chars, but "
          "got bad name");
    CHECK(rc::pytorch_error(RPC_OK).status() == RPC_ERR_NO_PYTORCH_MESSAGE);
    CHECK(rc::pytorch_error(RPC_OK).value_or("none") == "none");

    const std::string want =
        "Followers ['worker1', 'worker2'] timed out in _all_gather after 5.00 seconds. The first exception is boom";
    const std::vector<std::string> vec{"worker1", "worker2"};
    const std::set<std::string> set{"worker2", "worker1"};
    const char *const arr[] = {"worker1", "worker2"};
    CHECK(rc::all_gather_error(5.0, 60s, vec, "boom").value() == want);
    CHECK(rc::all_gather_error(5.0, 60s, set, "boom").value() == want);
    CHECK(rc::all_gather_error(5.0, 60s, arr, "boom").value() == want);
    CHECK(rc::all_gather_error(5.0, 60s, std::vector<std::string>{std::string("work\0er", 7)}, "x").status() ==
          RPC_ERR_INVALID_WORKER_NAME);
    CHECK(rc::all_gather_error(5.0, 60s, std::vector<std::string>{"bad name"}, "x").status() ==
          RPC_ERR_INVALID_WORKER_NAME);
    CHECK(rc::all_gather_error(1e300, 60s, vec, "x").status() == RPC_ERR_OUT_OF_RANGE);
}

int main() {
    check_agent_loop();
    const float inputs[] = {60.0f, 1.5f, 0.0f, -0.0f, 0.0004f, -0.0004f, -1.0f, -5.0f,
                            std::numeric_limits<float>::quiet_NaN(), INFINITY, -INFINITY,
                            FLT_TRUE_MIN, -FLT_TRUE_MIN, 2147484.0f, 1e16f, -1e7f};
    for (float seconds : inputs) {
        agree(seconds, 60000);
        agree(seconds, -5);
    }
    for (std::int64_t ms : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{60000},
                            std::numeric_limits<std::int64_t>::max(),
                            std::numeric_limits<std::int64_t>::min()}) {
        CHECK(rc::never_expires(std::chrono::milliseconds{ms}) == rpc_timeout_never_expires(ms));
        for (int prefix = 0; prefix < 2; ++prefix) {
            char buf[160];
            const int length = rpc_format_timeout_error(buf, sizeof buf, ms, prefix);
            const rc::timeout_message message =
                rc::timeout_error_message(std::chrono::milliseconds{ms}, prefix != 0);
            // Never cut short: the capacity holds every int64, both extremes among these.
            CHECK(message == buf && std::strcmp(message.c_str(), buf) == 0);
            CHECK(message.size() == static_cast<std::size_t>(length));
        }
    }
    CHECK(rc::timeout_error_message(60s, true) ==
          "RPCErr:1:RPC ran for more than set timeout (60000 ms) and will now be marked with an error");
    CHECK(std::string_view{rc::kDefaultInitMethod} == rc::kDefaultInitMethodView);
    CHECK(std::string_view{rc::kRpcTimeoutErrorStr} == rc::kRpcTimeoutErrorStrView);
    check_agent_contract();
    CHECK(rc::version() == RPC_CONSTANTS_VERSION);
    CHECK(rc::check_version() == RPC_OK);
    return check_report("hpp_test");
}
