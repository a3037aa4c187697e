// rpc_constants.hpp from C++17 on: PyTorch's names and types, constexpr use, and every helper
// agreeing with the C function it wraps on the edge inputs the C tests use. Built by the tests
// for each compiler, standard, and with and without -fno-exceptions -fno-rtti.
#include <rpc_constants.hpp>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

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
// The strings point at the library's exported arrays (one pointer value in every TU).
static_assert(rc::kDefaultInitMethod == rpc_default_init_method);
static_assert(rc::kRpcTimeoutErrorStr == rpc_timeout_error_str);

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

int main() {
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
    CHECK(rc::version() == RPC_CONSTANTS_VERSION);
    CHECK(rc::check_version() == RPC_OK);
    return check_report("hpp_test");
}
