// XML documents compared as trees (conformance README, rest-xml bodies): element names with their
// namespace URIs, attributes in any order, children in order, text trimmed and whitespace-only
// text ignored. Namespace declarations are not attributes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awscoro::test {

struct xml_element {
  std::string name;  // "uri name" when namespaced, else "name"
  std::vector<std::pair<std::string, std::string>> attributes;  // sorted
  std::string text;                                               // trimmed
  std::vector<xml_element> children;
};

// nullopt when `text` is not a well-formed XML document.
std::optional<xml_element> parse_xml_tree(std::string_view text);

// The first difference as a readable line, or empty when the trees are equal.
std::string xml_tree_diff(xml_element const& expected, xml_element const& actual, std::string const& path = "");

}  // namespace awscoro::test
