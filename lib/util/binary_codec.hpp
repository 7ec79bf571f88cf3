// A native-byte-order writer and a bounds-checked reader for compact binary files (the compiled
// model cache). The reader never trusts the bytes: every read checks what is left, and a
// failed read makes every later read fail, so a caller checks `ok()` once at the end.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace awscoro::detail {

class binary_writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  void u32(std::uint32_t v) { raw(&v, sizeof v); }
  void i32(std::int32_t v) { raw(&v, sizeof v); }
  void u64(std::uint64_t v) { raw(&v, sizeof v); }
  void i64(std::int64_t v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    out_.append(s.data(), s.size());
  }
  void bytes(std::string_view s) { out_.append(s.data(), s.size()); }

  std::string& data() { return out_; }
  std::string take() { return std::move(out_); }

 private:
  // Native byte order: compiled_cache marks each entry with it, so no reader misreads one.
  void raw(void const* p, std::size_t n) { out_.append(static_cast<char const*>(p), n); }
  std::string out_;
};

class binary_reader {
 public:
  explicit binary_reader(std::string_view in) : in_(in) {}

  std::uint8_t u8() {
    std::uint8_t v = 0;
    raw(&v, sizeof v);
    return v;
  }
  bool boolean() {
    auto v = u8();
    if (v > 1) ok_ = false;
    return v == 1;
  }
  std::uint32_t u32() { return pod<std::uint32_t>(); }
  std::int32_t i32() { return pod<std::int32_t>(); }
  std::uint64_t u64() { return pod<std::uint64_t>(); }
  std::int64_t i64() { return pod<std::int64_t>(); }
  double f64() { return pod<double>(); }
  std::string_view str() {
    auto n = u32();
    return take(n);
  }
  std::string_view take(std::size_t n) {
    if (!ok_ || n > in_.size() - pos_) {
      ok_ = false;
      return {};
    }
    auto s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  // A count of items that each take at least `min_item_bytes`: rejected when the rest of the
  // input could not hold that many, so a corrupt count cannot make a caller reserve gigabytes.
  std::uint32_t count(std::size_t min_item_bytes = 1) {
    auto n = u32();
    if (ok_ && static_cast<std::uint64_t>(n) * min_item_bytes > in_.size() - pos_) ok_ = false;
    return ok_ ? n : 0;
  }

  void fail() { ok_ = false; }
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }

 private:
  template <class T>
  T pod() {
    T v{};
    raw(&v, sizeof v);
    return v;
  }
  void raw(void* p, std::size_t n) {
    auto s = take(n);
    if (ok_) std::memcpy(p, s.data(), n);
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace awscoro::detail
