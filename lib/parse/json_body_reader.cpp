#include "parse/json_body_reader.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include "parse/parse_common.hpp"
#include "parse/value_builder.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

struct sax_handler {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  value_builder& b;
  std::string buf;  // a key or string split across pieces

  explicit sax_handler(value_builder& builder) : b(builder) {}

  static bool check(bool ok, json::error_code& ec) {
    if (!ok) ec = make_error_code(boost::system::errc::invalid_argument);
    return ok;
  }
  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code& ec) { return check(b.begin_object(), ec); }
  bool on_object_end(std::size_t, json::error_code& ec) { return check(b.end_object(), ec); }
  bool on_array_begin(json::error_code& ec) { return check(b.begin_array(), ec); }
  bool on_array_end(std::size_t, json::error_code& ec) { return check(b.end_array(), ec); }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    buf.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code& ec) {
    if (buf.empty()) return check(b.key(std::string_view(s.data(), s.size())), ec);
    buf.append(s.data(), s.size());
    bool ok = b.key(buf);
    buf.clear();
    return check(ok, ec);
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    buf.append(s.data(), s.size());
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code& ec) {
    if (buf.empty()) return check(b.string(std::string_view(s.data(), s.size())), ec);
    buf.append(s.data(), s.size());
    bool ok = b.string(buf);
    buf.clear();
    return check(ok, ec);
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t v, json::string_view, json::error_code& ec) { return check(b.int64(v), ec); }
  bool on_uint64(std::uint64_t v, json::string_view, json::error_code& ec) { return check(b.uint64(v), ec); }
  bool on_double(double v, json::string_view, json::error_code& ec) { return check(b.dbl(v), ec); }
  bool on_bool(bool v, json::error_code& ec) { return check(b.boolean(v), ec); }
  bool on_null(json::error_code& ec) { return check(b.null(), ec); }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }
};

json::parse_options reader_options() {
  json::parse_options o;
  o.max_depth = max_parse_depth;
  return o;
}

}  // namespace

struct json_body_reader::impl {
  explicit impl(value_builder& b) : builder(b), parser(reader_options(), b) {}
  value_builder& builder;
  json::basic_parser<sax_handler> parser;
};

json_body_reader::json_body_reader(value_builder& builder) : impl_(std::make_unique<impl>(builder)) {}
json_body_reader::~json_body_reader() = default;

bool json_body_reader::feed(std::string_view bytes, bool last) {
  if (!error_.empty()) return false;
  json::error_code ec;
  auto& p = impl_->parser;
  if (!bytes.empty() || last) {
    auto n = p.write_some(!last, bytes.data(), bytes.size(), ec);
    if (!ec && n != bytes.size()) ec = json::error::extra_data;
  }
  if (ec) {
    if (!impl_->builder.error().empty()) {
      error_ = impl_->builder.error();
    } else if (ec == json::error::too_deep) {
      error_ = "JSON nested deeper than 64 levels";
    } else {
      error_ = "malformed JSON (" + ec.message() + ")";
    }
    return false;
  }
  return true;
}

}  // namespace awscoro::detail
