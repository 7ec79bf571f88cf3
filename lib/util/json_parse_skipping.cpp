#include "util/json_parse_skipping.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <string>
#include <vector>

namespace awscoro::detail {
namespace json = boost::json;

namespace {

// Boost.JSON's own value-building handler, plus: a member whose key is the skipped one is held
// back until its value starts; a string value drops both, anything else pushes the key first.
// Containers count their kept items themselves, since the parser's counts include the dropped.
class skipping_handler {
 public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  explicit skipping_handler(std::string_view skipped) : skipped_(skipped) {}

  json::value_stack st;

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code&) {
    begin_kept_value();
    counts_.push_back(0);
    return true;
  }
  bool on_object_end(std::size_t, boost::system::error_code&) {
    st.push_object(end_container());
    return true;
  }
  bool on_array_begin(boost::system::error_code&) {
    begin_kept_value();
    counts_.push_back(0);
    return true;
  }
  bool on_array_end(std::size_t, boost::system::error_code&) {
    st.push_array(end_container());
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, boost::system::error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, boost::system::error_code&) {
    key_.append(s.data(), s.size());
    if (key_ == skipped_) {
      holding_key_ = true;  // pushed later unless the value is a string
    } else {
      st.push_key(key_);
    }
    key_.clear();
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, boost::system::error_code&) {
    if (!holding_key_) st.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, boost::system::error_code&) {
    if (holding_key_) {
      holding_key_ = false;
      return true;
    }
    st.push_string(s);
    counted();
    return true;
  }
  bool on_number_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, boost::system::error_code&) {
    begin_kept_value();
    st.push_int64(i);
    counted();
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, boost::system::error_code&) {
    begin_kept_value();
    st.push_uint64(u);
    counted();
    return true;
  }
  bool on_double(double d, json::string_view, boost::system::error_code&) {
    begin_kept_value();
    st.push_double(d);
    counted();
    return true;
  }
  bool on_bool(bool b, boost::system::error_code&) {
    begin_kept_value();
    st.push_bool(b);
    counted();
    return true;
  }
  bool on_null(boost::system::error_code&) {
    begin_kept_value();
    st.push_null();
    counted();
    return true;
  }
  bool on_comment_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(json::string_view, boost::system::error_code&) { return true; }

 private:
  void begin_kept_value() {
    if (holding_key_) {
      st.push_key(skipped_);
      holding_key_ = false;
    }
  }
  void counted() {
    if (!counts_.empty()) ++counts_.back();
  }
  std::size_t end_container() {
    auto n = counts_.back();
    counts_.pop_back();
    counted();
    return n;
  }

  std::string_view skipped_;
  std::string key_;
  bool holding_key_ = false;
  std::vector<std::size_t> counts_;
};

}  // namespace

json::value parse_json_skipping_strings(std::string_view text, std::string_view key, std::size_t max_depth,
                                        boost::system::error_code& ec) {
  json::parse_options options;
  options.max_depth = max_depth;
  json::basic_parser<skipping_handler> parser(options, key);
  parser.handler().st.reset();
  parser.write_some(false, text.data(), text.size(), ec);
  if (ec) return nullptr;
  return parser.handler().st.release();
}

}  // namespace awscoro::detail
