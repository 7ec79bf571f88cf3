#include "parse/cbor_value.hpp"

#include <utility>

#include "parse/cbor_decoder.hpp"

namespace awscoro::detail {

double cbor_value::to_double() const { return cbor_float_to_double(float_width, number); }

namespace {

// Builds the tree: open containers and tags wait on a stack and join their parent when complete.
class tree_events final : public cbor_events {
 public:
  bool begin_map() override { return open(cbor_value::kind::map, 0); }
  bool key(std::string_view text) override {
    open_.back().members.push_back(cbor_member{std::string(text), {}});
    return true;
  }
  bool end_map() override { return close(); }
  bool begin_array() override { return open(cbor_value::kind::array, 0); }
  bool end_array() override { return close(); }
  bool text(std::string_view s) override { return string(cbor_value::kind::text, s); }
  bool bytes(std::string_view b) override { return string(cbor_value::kind::bytes, b); }
  bool unsigned_int(std::uint64_t v) override { return scalar(cbor_value::kind::unsigned_int, v); }
  bool negative_int(std::uint64_t argument) override { return scalar(cbor_value::kind::negative_int, argument); }
  bool floating(unsigned width, std::uint64_t bits) override {
    cbor_value v;
    v.type = cbor_value::kind::floating;
    v.number = bits;
    v.float_width = width;
    return complete(std::move(v));
  }
  bool simple(std::uint8_t value) override { return scalar(cbor_value::kind::simple, value); }
  bool tag(std::uint64_t number) override { return open(cbor_value::kind::tag, number); }
  std::string const& error() const override { return error_; }

  cbor_value take_root() { return std::move(root_); }

 private:
  bool open(cbor_value::kind type, std::uint64_t number) {
    cbor_value v;
    v.type = type;
    v.number = number;
    open_.push_back(std::move(v));
    return true;
  }
  bool close() {
    cbor_value v = std::move(open_.back());
    open_.pop_back();
    return complete(std::move(v));
  }
  bool scalar(cbor_value::kind type, std::uint64_t number) {
    cbor_value v;
    v.type = type;
    v.number = number;
    return complete(std::move(v));
  }
  bool string(cbor_value::kind type, std::string_view s) {
    cbor_value v;
    v.type = type;
    v.data.assign(s);
    return complete(std::move(v));
  }
  // Places a finished item in its parent; a tag is finished by its one item.
  bool complete(cbor_value v) {
    while (!open_.empty() && open_.back().type == cbor_value::kind::tag) {
      open_.back().items.push_back(std::move(v));
      v = std::move(open_.back());
      open_.pop_back();
    }
    if (open_.empty()) {
      root_ = std::move(v);
    } else if (open_.back().type == cbor_value::kind::map) {
      open_.back().members.back().value = std::move(v);
    } else {
      open_.back().items.push_back(std::move(v));
    }
    return true;
  }

  std::vector<cbor_value> open_;
  cbor_value root_;
  std::string error_;
};

}  // namespace

std::optional<cbor_value> decode_cbor(std::string_view bytes, std::string& error) {
  tree_events events;
  cbor_decoder decoder(events);
  if (!decoder.feed(bytes, true)) {
    error = decoder.error();
    return std::nullopt;
  }
  return events.take_root();
}

}  // namespace awscoro::detail
