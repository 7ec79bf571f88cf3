// Fuzzes the XML tokenizer alone. The first byte picks where the body is cut in two pieces: the
// outcome must not depend on the cut, and an accepted document closes every element it opens.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "parse/xml_tokenizer.hpp"

namespace {

struct counting_sink final : awscoro::detail::xml_sink {
  std::size_t starts = 0, ends = 0, open = 0;
  void on_start(std::string_view, std::span<awscoro::detail::xml_attribute const>) override {
    ++starts;
    ++open;
  }
  void on_end() override {
    if (open == 0) __builtin_trap();  // an end without its start
    ++ends;
    --open;
  }
  void on_text(std::string_view) override {}
};

struct outcome {
  bool ok;
  std::size_t starts;
};

outcome tokenize(std::string_view first, std::string_view second) {
  counting_sink sink;
  awscoro::detail::xml_reader reader(sink);
  bool ok = reader.feed(first, false) && reader.feed(second, true);
  if (ok && (sink.open != 0 || !reader.saw_root())) __builtin_trap();  // accepted but unbalanced
  if (!ok && reader.error().empty()) __builtin_trap();
  return {ok, sink.starts};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view body(reinterpret_cast<char const*>(data) + 1, size - 1);
  std::size_t cut = body.empty() ? 0 : data[0] % (body.size() + 1);
  outcome whole = tokenize(body, {});
  outcome split = tokenize(body.substr(0, cut), body.substr(cut));
  if (whole.ok != split.ok || (whole.ok && whole.starts != split.starts)) __builtin_trap();
  return 0;
}
