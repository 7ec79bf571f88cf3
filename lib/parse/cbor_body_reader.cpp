#include <limits>

#include "parse/cbor_decoder.hpp"
#include "parse/json_body_reader.hpp"
#include "parse/value_builder.hpp"

namespace awscoro::detail {

namespace {

// Maps the decoder's events onto the shape-directed builder, which holds numbers as JSON does:
// integers beyond int64 become uint64 or a double, floats of every width a double.
class builder_events final : public cbor_events {
 public:
  explicit builder_events(value_builder& b) : builder_(b) {}

  bool begin_map() override { return builder_.begin_object(); }
  bool key(std::string_view text) override { return builder_.key(text); }
  bool end_map() override { return builder_.end_object(); }
  bool begin_array() override { return builder_.begin_array(); }
  bool end_array() override { return builder_.end_array(); }
  bool text(std::string_view s) override { return builder_.string(s); }
  bool bytes(std::string_view b) override { return builder_.bytes(b); }
  bool unsigned_int(std::uint64_t v) override {
    return v <= int64_max ? builder_.int64(std::int64_t(v)) : builder_.uint64(v);
  }
  bool negative_int(std::uint64_t argument) override {
    return argument <= int64_max ? builder_.int64(-1 - std::int64_t(argument))
                                 : builder_.dbl(-1.0 - static_cast<double>(argument));
  }
  bool floating(unsigned width, std::uint64_t bits) override {
    return builder_.dbl(cbor_float_to_double(width, bits));
  }
  bool simple(std::uint8_t value) override {
    if (value == 20 || value == 21) return builder_.boolean(value == 21);
    if (value == 22 || value == 23) return builder_.null();
    error_ = "unsupported CBOR simple value " + std::to_string(value);
    return false;
  }
  bool tag(std::uint64_t number) override { return builder_.tag(number); }
  std::string const& error() const override { return error_.empty() ? builder_.error() : error_; }

 private:
  static constexpr std::uint64_t int64_max = std::numeric_limits<std::int64_t>::max();
  value_builder& builder_;
  std::string error_;
};

}  // namespace

struct cbor_body_reader::impl {
  explicit impl(value_builder& b) : events(b), decoder(events) {}
  builder_events events;
  cbor_decoder decoder;
};

cbor_body_reader::cbor_body_reader(value_builder& builder) : impl_(std::make_unique<impl>(builder)) {}
cbor_body_reader::~cbor_body_reader() = default;

bool cbor_body_reader::feed(std::string_view bytes, bool last) {
  if (!error_.empty()) return false;
  if (impl_->decoder.feed(bytes, last)) return true;
  error_ = impl_->decoder.error();
  return false;
}

}  // namespace awscoro::detail
