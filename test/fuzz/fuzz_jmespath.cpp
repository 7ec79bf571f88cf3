// Fuzzes JMESPath compile and evaluate. Input: EXPRESSION, a NUL byte, then a JSON document (a
// fixed document when there is no NUL or the rest is not JSON).
#include <boost/json/parse.hpp>

#include "jmespath/expression.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  namespace jp = awscoro::detail::jmespath;
  static boost::json::value const fixed = boost::json::parse(
      R"({"a": {"b": [1, 2, {"c": "x"}], "d": null}, "foo": [{"bar": 1, "baz": [true, false]}, {"bar": "s"}],
          "n": -1.5, "s": "text", "arr": [[1, 2], [3, [4, 5]]], "m": {"k1": 1, "k2": 2}})");
  std::string_view in(reinterpret_cast<char const*>(data), size);
  auto nul = in.find('\0');
  std::string_view expr = in.substr(0, nul);
  boost::json::value doc = fixed;
  if (nul != std::string_view::npos) {
    boost::system::error_code ec;
    auto parsed = boost::json::parse(in.substr(nul + 1), ec);
    if (!ec) doc = std::move(parsed);
  }
  auto e = jp::compile(expr);
  if (!e) return 0;
  auto r = jp::evaluate(*e, doc);
  (void)r;
  boost::json::value storage;
  auto v = jp::evaluate_view(*e, doc, storage);
  (void)v;
  return 0;
}
