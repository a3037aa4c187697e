// What every fuzz target shares: a reader of the input's fixed-size fields, and the report of a
// disagreement (printed, then abort(), which libFuzzer records as a crash with its input).
#ifndef RPC_FUZZ_HARNESS_HPP
#define RPC_FUZZ_HARNESS_HPP

#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <string>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

extern "C" {
#include <rpc_constants.h>
}

namespace fuzz {

// Fields are taken from the front of the input, little-endian, each as wide as its type; an
// exhausted input reads as zero bytes. What is left is the target's text.
class Input {
public:
    Input(const std::uint8_t *data, std::size_t size) : data_(data), size_(size) {}

    template <class T>
    T take() {
        unsigned char bytes[sizeof(T)] = {};
        for (std::size_t i = 0; i < sizeof(T) && used_ < size_; ++i) {
            bytes[i] = data_[used_++];
        }
        T value;
        std::memcpy(&value, bytes, sizeof(T));
        return value;
    }

    std::string rest() {
        std::string text(reinterpret_cast<const char *>(data_ + used_), size_ - used_);
        used_ = size_;
        return text;
    }

private:
    const std::uint8_t *data_;
    std::size_t size_;
    std::size_t used_ = 0;
};

// `size` bytes that end where an unreadable page begins: the library is not built with
// AddressSanitizer (a stable Rust cannot), so a read one byte past its input faults instead.
class Guarded {
public:
    Guarded(const void *bytes, std::size_t size) {
        const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        total_ = (size + page - 1) / page * page + page;
        void *map = mmap(nullptr, total_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (map == MAP_FAILED) {
            std::perror("mmap");
            std::abort();
        }
        base_ = static_cast<unsigned char *>(map);
        if (mprotect(base_ + total_ - page, page, PROT_NONE) != 0) {
            std::perror("mprotect");
            std::abort();
        }
        data_ = reinterpret_cast<char *>(base_ + total_ - page - size);
        if (size > 0) {
            std::memcpy(data_, bytes, size);
        }
    }
    Guarded(const Guarded &) = delete;
    Guarded &operator=(const Guarded &) = delete;
    ~Guarded() { munmap(base_, total_); }
    const char *data() const { return data_; }

private:
    unsigned char *base_;
    std::size_t total_;
    char *data_;
};

[[noreturn]] inline void disagree(const char *format, ...) {
    std::va_list args;
    va_start(args, format);
    std::fputs("DISAGREEMENT: ", stderr);
    std::vfprintf(stderr, format, args);
    std::fputc('\n', stderr);
    va_end(args);
    std::abort();
}

inline std::string printable(const std::string &bytes) {
    std::string out;
    for (unsigned char c : bytes) {
        char hex[5];
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            out += static_cast<char>(c);
        } else {
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        }
    }
    return out;
}


// A formatter with snprintf semantics against the text it must produce: `call` formats into its
// argument (NULL, or `capacity` bytes followed by canary bytes) and returns the length. NULL with a
// capacity is RPC_ERR_NULL_POINTER; otherwise the full length, the text cut to `capacity` - 1
// bytes and NUL-terminated, and no byte written past `capacity`. `describe()` names the call
// (only for a report: building it on every input would slow the fuzzer).
template <class Describe, class Call>
void check_snprintf(Describe describe, std::size_t capacity, bool null_buffer, const std::string &want,
                    Call call) {
    constexpr unsigned char kCanary = 0xa5;
    std::vector<char> buf(capacity + 16, static_cast<char>(kCanary));
    const int length = call(null_buffer ? nullptr : buf.data());
    if (null_buffer && capacity > 0) {
        if (length != RPC_ERR_NULL_POINTER) {
            disagree("%s with a NULL buffer and capacity %zu returned %d", describe().c_str(), capacity, length);
        }
        return;
    }
    if (length != static_cast<int>(want.size())) {
        disagree("%s (capacity %zu) returned %d; PyTorch's text has %zu bytes", describe().c_str(), capacity, length,
                 want.size());
    }
    for (std::size_t i = capacity; i < buf.size(); ++i) {
        if (static_cast<unsigned char>(buf[i]) != kCanary) {
            disagree("%s (capacity %zu) wrote byte %zu, past its capacity", describe().c_str(), capacity, i);
        }
    }
    if (!null_buffer && capacity > 0) {
        const std::size_t kept = std::min(capacity - 1, want.size());
        if (std::memcmp(buf.data(), want.data(), kept) != 0 || buf[kept] != '\0') {
            disagree("%s (capacity %zu) wrote \"%s\"", describe().c_str(), capacity,
                     printable(std::string(buf.data(), kept + 1)).c_str());
        }
    }
}

}  // namespace fuzz

#endif
