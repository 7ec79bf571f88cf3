#include "serialize/xml_text.hpp"

namespace awscoro::detail {

namespace {

template <bool Attribute>
void append_escaped(std::string& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char const* rep = nullptr;
    switch (text[i]) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = Attribute ? "&quot;" : nullptr; break;
      case '\r': rep = Attribute ? "&#13;" : nullptr; break;
      case '\n': rep = Attribute ? "&#10;" : nullptr; break;
      case '\t': rep = Attribute ? "&#09;" : nullptr; break;
      default: break;
    }
    if (!rep) continue;
    out.append(text.data() + run, i - run);
    out += rep;
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

}  // namespace

void append_xml_text(std::string& out, std::string_view text) { append_escaped<false>(out, text); }
void append_xml_attribute(std::string& out, std::string_view text) { append_escaped<true>(out, text); }

}  // namespace awscoro::detail
