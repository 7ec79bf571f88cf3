// The INI dialect of ~/.aws/config and ~/.aws/credentials, read as botocore reads it: Python's
// configparser.RawConfigParser (strict, `=` or `:` delimiters, full-line `#`/`;` comments and no
// inline comments, indented continuation lines, option names lower-cased, a [DEFAULT] section
// whose options every section inherits) followed by botocore's configloader, which turns a value
// that starts on the line after its key into a sub-section of `key = value` pairs:
//
//   [profile dev]
//   s3 =
//     addressing_style = path
//
// Pure functions on text; see config_files.hpp for reading files.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/error_info.hpp"

namespace awscoro::detail {

// One option's value: plain text (continuation lines joined with '\n'), or a sub-section.
struct config_value {
  std::string text;
  std::map<std::string, std::string, std::less<>> sub;  // keys kept as written (not lower-cased)
  bool nested = false;

  friend bool operator==(config_value const&, config_value const&) = default;
};

using config_section = std::map<std::string, config_value, std::less<>>;

// The sections of one file in file order, [DEFAULT]'s options merged into each.
struct ini_document {
  std::vector<std::pair<std::string, config_section>> sections;

  config_section const* find(std::string_view name) const;
};

// Parses `text`; a malformed line gives invalid_config with a message naming `file_name`, the
// line number and what was wrong (without echoing the line, which may hold a secret).
// `parse_subsections` false keeps indented blocks as text (botocore's parse_subsections).
config_result<ini_document> parse_config_text(std::string_view text, std::string_view file_name,
                                              bool parse_subsections = true);

}  // namespace awscoro::detail
