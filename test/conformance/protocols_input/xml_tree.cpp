#include "xml_tree.hpp"

#include <algorithm>

#include <expat.h>

namespace awscoro::test {

namespace {

struct builder {
  std::vector<xml_element*> stack;
  xml_element root;
  bool have_root = false;
};

std::string trim(std::string const& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

void on_start(void* data, XML_Char const* name, XML_Char const** atts) {
  auto* b = static_cast<builder*>(data);
  xml_element* e;
  if (b->stack.empty()) {
    e = &b->root;
    b->have_root = true;
  } else {
    b->stack.back()->children.emplace_back();
    e = &b->stack.back()->children.back();
  }
  e->name = name;
  for (int i = 0; atts[i]; i += 2) e->attributes.emplace_back(atts[i], atts[i + 1]);
  std::sort(e->attributes.begin(), e->attributes.end());
  b->stack.push_back(e);
}

void on_end(void* data, XML_Char const*) {
  auto* b = static_cast<builder*>(data);
  b->stack.back()->text = trim(b->stack.back()->text);
  b->stack.pop_back();
}

void on_text(void* data, XML_Char const* s, int len) {
  auto* b = static_cast<builder*>(data);
  if (!b->stack.empty()) b->stack.back()->text.append(s, static_cast<std::size_t>(len));
}

}  // namespace

std::optional<xml_element> parse_xml_tree(std::string_view text) {
  builder b;
  XML_Parser p = XML_ParserCreateNS(nullptr, ' ');
  XML_SetUserData(p, &b);
  XML_SetElementHandler(p, on_start, on_end);
  XML_SetCharacterDataHandler(p, on_text);
  bool ok = XML_Parse(p, text.data(), static_cast<int>(text.size()), XML_TRUE) == XML_STATUS_OK;
  XML_ParserFree(p);
  if (!ok || !b.have_root) return std::nullopt;
  return std::move(b.root);
}

std::string xml_tree_diff(xml_element const& expected, xml_element const& actual, std::string const& path) {
  std::string here = path + "/" + expected.name;
  if (expected.name != actual.name) return here + ": element name: expected \"" + expected.name + "\", got \"" + actual.name + "\"";
  if (expected.attributes != actual.attributes) {
    auto show = [](auto const& attrs) {
      std::string s;
      for (auto const& [k, v] : attrs) s += " " + k + "=\"" + v + "\"";
      return s;
    };
    return here + ": attributes: expected [" + show(expected.attributes) + " ], got [" + show(actual.attributes) + " ]";
  }
  if (expected.text != actual.text) return here + ": text: expected \"" + expected.text + "\", got \"" + actual.text + "\"";
  if (expected.children.size() != actual.children.size())
    return here + ": expected " + std::to_string(expected.children.size()) + " children, got " +
           std::to_string(actual.children.size());
  for (std::size_t i = 0; i < expected.children.size(); ++i) {
    auto d = xml_tree_diff(expected.children[i], actual.children[i], here);
    if (!d.empty()) return d;
  }
  return {};
}

}  // namespace awscoro::test
