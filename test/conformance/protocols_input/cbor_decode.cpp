#include "cbor_decode.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace awscoro::test {
namespace json = boost::json;

namespace {

class decoder {
 public:
  explicit decoder(std::string_view b) : p_(reinterpret_cast<unsigned char const*>(b.data())), end_(p_ + b.size()) {}

  bool done() const { return p_ == end_; }

  bool item(json::value& out, int depth = 0) {
    if (depth > 64 || p_ >= end_) return false;
    unsigned char ib = *p_++;
    unsigned major = ib >> 5, info = ib & 0x1f;
    if (major == 7) return simple(info, out);
    bool indefinite = info == 31;
    std::uint64_t arg = 0;
    if (!indefinite && !argument(info, arg)) return false;
    switch (major) {
      case 0: out = arg; return true;
      case 1:
        if (arg > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) out = -1.0 - static_cast<double>(arg);
        else out = -1 - static_cast<std::int64_t>(arg);
        return true;
      case 2:
      case 3: {
        std::string s;
        if (!indefinite) {
          if (static_cast<std::uint64_t>(end_ - p_) < arg) return false;
          s.assign(reinterpret_cast<char const*>(p_), arg);
          p_ += arg;
        } else {
          while (true) {
            if (p_ >= end_) return false;
            if (*p_ == 0xff) {
              ++p_;
              break;
            }
            json::value chunk;
            if (((*p_ >> 5) != major) || !item(chunk, depth + 1) || !chunk.is_string()) return false;
            s += chunk.get_string();
          }
        }
        out = json::string(s);
        return true;
      }
      case 4: {
        json::array a;
        for (std::uint64_t i = 0; indefinite || i < arg; ++i) {
          if (indefinite && p_ < end_ && *p_ == 0xff) {
            ++p_;
            break;
          }
          json::value v;
          if (!item(v, depth + 1)) return false;
          a.push_back(std::move(v));
        }
        out = std::move(a);
        return true;
      }
      case 5: {
        json::object o;
        for (std::uint64_t i = 0; indefinite || i < arg; ++i) {
          if (indefinite && p_ < end_ && *p_ == 0xff) {
            ++p_;
            break;
          }
          json::value k, v;
          if (!item(k, depth + 1) || !k.is_string() || !item(v, depth + 1)) return false;
          o[k.get_string()] = std::move(v);
        }
        out = std::move(o);
        return true;
      }
      case 6: return !indefinite && item(out, depth + 1);
      default: return false;
    }
  }

 private:
  bool argument(unsigned info, std::uint64_t& arg) {
    if (info < 24) {
      arg = info;
      return true;
    }
    int n = info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : info == 27 ? 8 : 0;
    if (n == 0 || end_ - p_ < n) return false;
    arg = 0;
    for (int i = 0; i < n; ++i) arg = (arg << 8) | *p_++;
    return true;
  }

  bool simple(unsigned info, json::value& out) {
    std::uint64_t arg = 0;
    switch (info) {
      case 20: out = false; return true;
      case 21: out = true; return true;
      case 22:
      case 23: out = nullptr; return true;
      case 25: {
        if (!argument(info, arg)) return false;
        unsigned exp = (arg >> 10) & 0x1f, mant = arg & 0x3ff;
        double v;
        if (exp == 0) v = std::ldexp(mant, -24);
        else if (exp == 31) v = mant ? std::nan("") : HUGE_VAL;
        else v = std::ldexp(mant + 1024, static_cast<int>(exp) - 25);
        out = (arg & 0x8000) ? -v : v;
        return true;
      }
      case 26:
        if (!argument(info, arg)) return false;
        out = static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(arg)));
        return true;
      case 27:
        if (!argument(info, arg)) return false;
        out = std::bit_cast<double>(arg);
        return true;
      default: return false;
    }
  }

  unsigned char const* p_;
  unsigned char const* end_;
};

}  // namespace

std::optional<json::value> decode_cbor(std::string_view bytes) {
  decoder d(bytes);
  json::value v;
  if (!d.item(v) || !d.done()) return std::nullopt;
  return v;
}

}  // namespace awscoro::test
