// The query and ec2 protocols: a form-encoded body "Action=Op&Version=v&Name=value", with nested
// members as dotted keys. Lists are "Name.member.1" (query; "Name.1" when flattened) or "Name.1"
// (ec2); maps are "Name.entry.1.key"/"...value" (flattened: "Name.1.key"); an empty list is
// "Name=" in query and nothing in ec2. ec2 names a member after its queryName, else its
// capitalized locationName, else the member name.
#include <boost/json/value.hpp>

#include "serialize/protocol_serializers.hpp"
#include "util/python_float.hpp"
#include "serialize/scalar_text.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

class query_writer {
 public:
  query_writer(serialize_context& ctx, std::string& out, query_dialect dialect)
      : ctx_(ctx), out_(out), ec2_(dialect == query_dialect::ec2) {}

  bool structure(shape const& s, json::object const& params) {
    for (auto const& [key, v] : params) {
      if (v.is_null()) continue;
      int i = s.find_member(key);
      if (i < 0) continue;
      auto const& ref = s.members[static_cast<std::size_t>(i)];
      auto mark = push(member_name(ref, key));
      if (!value(ref, v)) return ctx_.fail_in(key);
      prefix_.resize(mark);
    }
    return true;
  }

 private:
  // Appends ".name" (or "name" at the top) to the key prefix; returns the size to restore.
  std::size_t push(std::string_view name) {
    auto mark = prefix_.size();
    if (!prefix_.empty()) prefix_ += '.';
    prefix_ += name;
    return mark;
  }
  std::size_t push_index(std::size_t i) {
    auto mark = prefix_.size();
    prefix_ += '.';
    append_decimal(prefix_, static_cast<std::uint64_t>(i));
    return mark;
  }

  std::string_view member_name(member_ref const& ref, std::string_view fallback) {
    if (!ec2_) return serialized_name_or(ctx_.model, ref, fallback);
    if (!ref.query_name.empty()) return ref.query_name;
    auto n = serialized_name(ctx_.model, ref);
    if (n.empty()) return fallback;
    name_buf_.assign(n);
    if (name_buf_[0] >= 'a' && name_buf_[0] <= 'z') name_buf_[0] = static_cast<char>(name_buf_[0] - 'a' + 'A');
    return name_buf_;
  }

  void pair(std::string_view text) {
    out_ += '&';
    percent_encode_to(out_, prefix_);
    out_ += '=';
    percent_encode_to(out_, text);
  }

  bool value(member_ref const& ref, json::value const& v) {
    auto const& s = ctx_.model.target(ref);
    switch (s.type) {
      case shape_type::structure:
        if (!v.is_object()) return ctx_.fail("expected an object, got " + std::string(describe_kind(v)));
        return structure(s, v.get_object());
      case shape_type::list:
        if (!v.is_array()) return ctx_.fail("expected an array, got " + std::string(describe_kind(v)));
        return list(ref, s, v.get_array());
      case shape_type::map:
        if (!v.is_object()) return ctx_.fail("expected an object, got " + std::string(describe_kind(v)));
        return map(ref, s, v.get_object());
      default:
        break;
    }
    if (v.is_string() && s.type != shape_type::blob && s.type != shape_type::timestamp) {
      pair(v.get_string());
      return true;
    }
    scratch_.clear();
    if (!append_scalar_text(scratch_, ctx_, ref, v, timestamp_format::iso8601, blob_text::base64)) return false;
    pair(scratch_);
    return true;
  }

  bool list(member_ref const& ref, shape const& s, json::array const& items) {
    auto const restore = prefix_.size();
    if (ec2_) {
      // ec2: "Name.1", whatever the list's traits.
    } else if (items.empty()) {
      pair("");
      return true;
    } else if (ctx_.model.is_flattened(ref)) {
      // A named list member replaces the last part of the key ("Foo.Bar" -> "Foo.Item").
      auto item_name = serialized_name(ctx_.model, s.member);
      if (!item_name.empty()) {
        auto dot = prefix_.rfind('.');
        prefix_.resize(dot == std::string::npos ? 0 : dot + 1);
        prefix_ += item_name;
      }
    } else {
      prefix_ += '.';
      prefix_ += serialized_name_or(ctx_.model, s.member, "member");
    }
    auto const list_prefix = prefix_.size();
    std::size_t i = 0;
    for (auto const& item : items) {
      push_index(++i);
      if (!value(s.member, item)) return ctx_.fail_at(i - 1);
      prefix_.resize(list_prefix);
    }
    prefix_.resize(restore);
    return true;
  }

  bool map(member_ref const& ref, shape const& s, json::object const& entries) {
    auto const restore = prefix_.size();
    if (!ctx_.model.is_flattened(ref)) prefix_ += ".entry";
    auto const map_prefix = prefix_.size();
    // The names are copied out: in ec2 member_name() returns a view of a buffer reused below.
    std::string key_name(member_name(s.key, "key"));
    std::string value_name(member_name(s.value, "value"));
    std::size_t i = 0;
    for (auto const& [k, v] : entries) {
      push_index(++i);
      auto const entry_prefix = prefix_.size();
      push(key_name);
      pair(k);
      prefix_.resize(entry_prefix);
      push(value_name);
      if (!v.is_null() && !value(s.value, v)) return ctx_.fail_in(k);
      prefix_.resize(map_prefix);
    }
    prefix_.resize(restore);
    return true;
  }

  serialize_context& ctx_;
  std::string& out_;
  bool ec2_;
  std::string prefix_;
  std::string scratch_;
  std::string name_buf_;
};

}  // namespace

bool serialize_query(serialize_context& ctx, json::object const& params, http_request& req, query_dialect dialect) {
  req.method = ctx.op.http_method;
  req.path = "/";
  req.headers.set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  auto& out = req.body;
  out.reserve(128);
  out += "Action=";
  percent_encode_to(out, ctx.op.name);
  out += "&Version=";
  percent_encode_to(out, ctx.model.metadata.api_version);
  if (ctx.op.input == no_shape) return true;
  query_writer w(ctx, out, dialect);
  return w.structure(ctx.model.at(ctx.op.input), params);
}

}  // namespace awscoro::detail
