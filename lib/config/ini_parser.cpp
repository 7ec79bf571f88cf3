#include "config/ini_parser.hpp"

#include <cstdint>
#include <optional>
#include <set>

namespace awscoro::detail {
namespace {

// str.isspace() for the ASCII range, which is what Python's strip() and \S test.
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
         (c >= '\x1c' && c <= '\x1f');
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view rstrip(std::string_view s) {
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Characters str.splitlines() breaks on, in the ASCII range.
bool is_line_break(char c) { return c == '\n' || c == '\r' || c == '\v' || c == '\f' || (c >= '\x1c' && c <= '\x1e'); }

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      len = 2;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += len;
  }
  return true;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// An option while reading: its value lines and the line number of each.
struct raw_option {
  std::vector<std::string> lines;
  std::vector<int> line_numbers;
};
using raw_section = std::map<std::string, raw_option, std::less<>>;

class reader {
 public:
  reader(std::string_view file_name, bool parse_subsections)
      : file_(file_name), parse_subsections_(parse_subsections) {}

  config_result<ini_document> run(std::string_view text) {
    int line_number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
      // Universal newlines, as Python's text-mode files: \n, \r\n and \r all end a line.
      std::size_t end = text.find_first_of("\r\n", pos);
      std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
      if (end == std::string_view::npos) {
        pos = text.size();
      } else {
        pos = end + 1;
        if (text[end] == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
      }
      ++line_number;
      if (!valid_utf8(line)) return fail(line_number, "the line is not valid UTF-8");
      if (auto err = read_line(line, line_number)) return *err;
    }
    return finish();
  }

 private:
  error_info fail(int line_number, std::string_view what) const {
    return make_error_info(error::invalid_config, "malformed config file " + file_ + ": line " +
                                                      std::to_string(line_number) + ": " + std::string(what));
  }

  std::optional<error_info> read_line(std::string_view line, int line_number) {
    std::string_view stripped = strip(line);
    bool comment = !stripped.empty() && (stripped.front() == '#' || stripped.front() == ';');
    if (comment || stripped.empty()) {
      // A blank line inside a value belongs to it (trailing ones are trimmed at the end); a
      // comment line is dropped without ending the value.
      if (!comment && current_ && !option_.empty()) {
        auto& opt = (*current_)[option_];
        opt.lines.emplace_back();
        opt.line_numbers.push_back(line_number);
      }
      return std::nullopt;
    }
    std::size_t indent = 0;
    while (indent < line.size() && is_space(line[indent])) ++indent;
    if (current_ && !option_.empty() && indent > indent_level_) {
      auto& opt = (*current_)[option_];
      opt.lines.emplace_back(stripped);
      opt.line_numbers.push_back(line_number);
      return std::nullopt;
    }
    indent_level_ = indent;

    // configparser's header pattern is `\[(.+)\]` matched at the start: the name runs to the
    // last ']' and anything after it is ignored.
    if (stripped.front() == '[') {
      std::size_t close = stripped.rfind(']');
      if (close != std::string_view::npos && close >= 2) {
        std::string name(stripped.substr(1, close - 1));
        option_.clear();
        section_name_ = name;
        if (name == "DEFAULT") {
          current_ = &defaults_;
          return std::nullopt;
        }
        if (!seen_sections_.insert(name).second)
          return fail(line_number, "section [" + name + "] appears more than once");
        order_.push_back(name);
        current_ = &sections_[name];
        return std::nullopt;
      }
    }
    if (!current_) return fail(line_number, "an option appears before any [section] header");

    std::size_t delim = stripped.find_first_of("=:");
    if (delim == std::string_view::npos)
      return fail(line_number, "expected a `key = value` line in section [" + section_name_ + "]");
    std::string name = ascii_lower(rstrip(stripped.substr(0, delim)));
    if (name.empty()) return fail(line_number, "a line in section [" + section_name_ + "] has no key before its '='");
    if (!seen_options_.insert({section_name_, name}).second)
      return fail(line_number, "key \"" + name + "\" appears more than once in section [" + section_name_ + "]");
    auto& opt = (*current_)[name];
    opt.lines.assign(1, std::string(strip(stripped.substr(delim + 1))));
    opt.line_numbers.assign(1, line_number);
    option_ = std::move(name);
    return std::nullopt;
  }

  config_result<config_value> make_value(std::string const& section, std::string const& key,
                                         raw_option const& raw) const {
    config_value v;
    std::size_t total = 0;
    for (auto const& l : raw.lines) total += l.size() + 1;
    v.text.reserve(total);
    for (std::size_t i = 0; i < raw.lines.size(); ++i) {
      if (i) v.text += '\n';
      v.text += raw.lines[i];
    }
    v.text.resize(rstrip(v.text).size());
    if (!parse_subsections_ || v.text.empty() || v.text.front() != '\n') return v;

    // botocore's _parse_nested: one level of `key = value` lines, split at the first '='.
    v.nested = true;
    std::size_t piece = 0;  // index into raw.lines of the next non-empty piece, for line numbers
    std::string_view rest = v.text;
    while (!rest.empty()) {
      std::size_t end = 0;
      while (end < rest.size() && !is_line_break(rest[end])) ++end;
      std::string_view line = strip(rest.substr(0, end));
      rest.remove_prefix(end < rest.size() ? end + 1 : end);
      if (line.empty()) continue;
      while (piece < raw.lines.size() && strip(raw.lines[piece]).empty()) ++piece;
      int line_number = piece < raw.line_numbers.size() ? raw.line_numbers[piece] : raw.line_numbers.front();
      ++piece;
      std::size_t eq = line.find('=');
      if (eq == std::string_view::npos)
        return fail(line_number, "the sub-section \"" + key + "\" of section [" + section +
                                     "] has a line without '=' (expected `key = value`)");
      v.sub.insert_or_assign(std::string(strip(line.substr(0, eq))), std::string(strip(line.substr(eq + 1))));
    }
    v.text.clear();
    return v;
  }

  config_result<ini_document> finish() const {
    ini_document doc;
    doc.sections.reserve(order_.size());
    for (auto const& name : order_) {
      auto const& raw = sections_.at(name);
      config_section section;
      for (auto const& [key, opt] : raw) {
        auto v = make_value(name, key, opt);
        if (!v) return v.error();
        section.emplace(key, std::move(*v));
      }
      for (auto const& [key, opt] : defaults_) {
        if (section.find(key) != section.end()) continue;
        auto v = make_value(name, key, opt);
        if (!v) return v.error();
        section.emplace(key, std::move(*v));
      }
      doc.sections.emplace_back(name, std::move(section));
    }
    return doc;
  }

  std::string file_;
  bool parse_subsections_;
  std::map<std::string, raw_section, std::less<>> sections_;
  std::vector<std::string> order_;
  raw_section defaults_;
  raw_section* current_ = nullptr;
  std::string section_name_;
  std::string option_;  // the option continuation lines extend; empty after a header
  std::size_t indent_level_ = 0;
  std::set<std::string, std::less<>> seen_sections_;
  std::set<std::pair<std::string, std::string>> seen_options_;
};

}  // namespace

config_section const* ini_document::find(std::string_view name) const {
  for (auto const& [n, s] : sections)
    if (n == name) return &s;
  return nullptr;
}

config_result<ini_document> parse_config_text(std::string_view text, std::string_view file_name,
                                              bool parse_subsections) {
  return reader(file_name, parse_subsections).run(text);
}

}  // namespace awscoro::detail
