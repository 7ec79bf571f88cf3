// The JMESPath lexer. Literals follow jmespath.py: backtick text is JSON (with \` for a
// backtick), falling back to the text as a string for the legacy unquoted form; raw strings
// unescape only \'.
#include "jmespath/lexer.hpp"

#include <charconv>

#include <boost/json/parse.hpp>

namespace awscoro::detail::jmespath {

namespace json = boost::json;

namespace {

bool is_identifier_start(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_identifier_char(char c) noexcept { return is_identifier_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

class lexer {
 public:
  lexer(std::string_view text, std::vector<token>& out, std::vector<json::value>& literals, error& err)
      : text_(text), out_(out), literals_(literals), err_(err) {}

  bool run() {
    if (text_.empty()) return fail(0, "the expression is empty");
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      std::size_t start = pos_;
      switch (c) {
        case ' ': case '\t': case '\n': case '\r': ++pos_; continue;
        case '.': simple(token_kind::dot); continue;
        case '*': simple(token_kind::star); continue;
        case ']': simple(token_kind::rbracket); continue;
        case ',': simple(token_kind::comma); continue;
        case ':': simple(token_kind::colon); continue;
        case '@': simple(token_kind::current); continue;
        case '(': simple(token_kind::lparen); continue;
        case ')': simple(token_kind::rparen); continue;
        case '{': simple(token_kind::lbrace); continue;
        case '}': simple(token_kind::rbrace); continue;
        case '[':
          if (peek(1) == ']') {
            push(token_kind::flatten, start), pos_ += 2;
          } else if (peek(1) == '?') {
            push(token_kind::filter, start), pos_ += 2;
          } else {
            simple(token_kind::lbracket);
          }
          continue;
        case '|': two_or_one('|', token_kind::logical_or, token_kind::pipe); continue;
        case '&': two_or_one('&', token_kind::logical_and, token_kind::expref); continue;
        case '<': two_or_one('=', token_kind::le, token_kind::lt); continue;
        case '>': two_or_one('=', token_kind::ge, token_kind::gt); continue;
        case '!': two_or_one('=', token_kind::ne, token_kind::logical_not); continue;
        case '=':
          if (peek(1) != '=') return fail(start, "expected '==', found a single '='");
          push(token_kind::eq, start), pos_ += 2;
          continue;
        case '`':
          if (!literal()) return false;
          continue;
        case '\'':
          if (!raw_string()) return false;
          continue;
        case '"':
          if (!quoted_identifier()) return false;
          continue;
        default: break;
      }
      if (is_identifier_start(c)) {
        while (pos_ < text_.size() && is_identifier_char(text_[pos_])) ++pos_;
        push(token_kind::unquoted_identifier, start).text.assign(text_.substr(start, pos_ - start));
        continue;
      }
      if (is_digit(c) || c == '-') {
        if (!number()) return false;
        continue;
      }
      return fail(start, std::string("unexpected character '") + std::string(code_point_at(start)) + "'");
    }
    push(token_kind::eof, text_.size());
    return true;
  }

 private:
  char peek(std::size_t ahead) const noexcept {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  std::string_view code_point_at(std::size_t at) const noexcept {
    std::size_t end = at + 1;
    while (end < text_.size() && (static_cast<unsigned char>(text_[end]) & 0xC0) == 0x80) ++end;
    return text_.substr(at, end - at);
  }

  token& push(token_kind k, std::size_t offset) {
    auto& t = out_.emplace_back();
    t.kind = k;
    t.offset = static_cast<std::uint32_t>(offset);
    return t;
  }

  void simple(token_kind k) {
    push(k, pos_);
    ++pos_;
  }

  void two_or_one(char second, token_kind both, token_kind one) {
    if (peek(1) == second) {
      push(both, pos_);
      pos_ += 2;
    } else {
      simple(one);
    }
  }

  bool fail(std::size_t offset, std::string_view what) {
    err_ = syntax_error(text_, offset, what);
    return false;
  }

  bool number() {
    std::size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    std::size_t digits = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    if (pos_ == digits) return fail(start, "expected digits after '-'");
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, value);
    if (ec != std::errc() || ptr != text_.data() + pos_) return fail(start, "number out of range");
    push(token_kind::number, start).number = value;
    return true;
  }

  // The text up to the closing `delim`, a backslash keeping the character after it; the
  // backslashes stay in. Leaves pos_ after the closing delimiter.
  bool until(char delim, std::string& out, std::string_view what) {
    std::size_t start = pos_;
    ++pos_;
    while (true) {
      if (pos_ >= text_.size()) return fail(start, std::string("unterminated ") + std::string(what));
      char c = text_[pos_];
      if (c == delim) break;
      out += c;
      ++pos_;
      if (c == '\\') {
        if (pos_ >= text_.size()) return fail(start, std::string("unterminated ") + std::string(what));
        out += text_[pos_++];
      }
    }
    ++pos_;
    return true;
  }

  static void unescape(std::string& s, char quote) {
    std::size_t w = 0;
    for (std::size_t r = 0; r < s.size(); ++r) {
      if (s[r] == '\\' && r + 1 < s.size() && s[r + 1] == quote) ++r;
      s[w++] = s[r];
    }
    s.resize(w);
  }

  bool literal() {
    std::size_t start = pos_;
    std::string body;
    if (!until('`', body, "JSON literal (missing '`')")) return false;
    unescape(body, '`');
    boost::system::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec) {
      // The legacy form: `foo` is the string "foo".
      std::string quoted = "\"";
      auto first = body.find_first_not_of(" \t\n\r");
      quoted.append(first == std::string::npos ? std::string_view() : std::string_view(body).substr(first));
      quoted += '"';
      ec = {};
      v = json::parse(quoted, ec);
      if (ec) return fail(start, "invalid JSON literal `" + body + "`: " + ec.message());
    }
    push(token_kind::literal, start).literal = static_cast<std::uint32_t>(literals_.size());
    literals_.push_back(std::move(v));
    return true;
  }

  bool raw_string() {
    std::size_t start = pos_;
    std::string body;
    if (!until('\'', body, "raw string (missing \"'\")")) return false;
    unescape(body, '\'');
    push(token_kind::literal, start).literal = static_cast<std::uint32_t>(literals_.size());
    literals_.emplace_back(json::string(body));
    return true;
  }

  bool quoted_identifier() {
    std::size_t start = pos_;
    std::string body = "\"";
    if (!until('"', body, "quoted identifier (missing '\"')")) return false;
    body += '"';
    boost::system::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec || !v.is_string()) return fail(start, "invalid quoted identifier " + body + ": " + ec.message());
    push(token_kind::quoted_identifier, start).text.assign(v.get_string());
    return true;
  }

  std::string_view text_;
  std::vector<token>& out_;
  std::vector<json::value>& literals_;
  error& err_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string_view describe(token_kind k) noexcept {
  switch (k) {
    case token_kind::eof: return "the end of the expression";
    case token_kind::unquoted_identifier: return "an identifier";
    case token_kind::quoted_identifier: return "a quoted identifier";
    case token_kind::literal: return "a literal";
    case token_kind::number: return "a number";
    case token_kind::dot: return "'.'";
    case token_kind::star: return "'*'";
    case token_kind::rbracket: return "']'";
    case token_kind::comma: return "','";
    case token_kind::colon: return "':'";
    case token_kind::current: return "'@'";
    case token_kind::lparen: return "'('";
    case token_kind::rparen: return "')'";
    case token_kind::lbrace: return "'{'";
    case token_kind::rbrace: return "'}'";
    case token_kind::lbracket: return "'['";
    case token_kind::flatten: return "'[]'";
    case token_kind::filter: return "'[?'";
    case token_kind::pipe: return "'|'";
    case token_kind::logical_or: return "'||'";
    case token_kind::logical_and: return "'&&'";
    case token_kind::expref: return "'&'";
    case token_kind::eq: return "'=='";
    case token_kind::ne: return "'!='";
    case token_kind::lt: return "'<'";
    case token_kind::le: return "'<='";
    case token_kind::gt: return "'>'";
    case token_kind::ge: return "'>='";
    case token_kind::logical_not: return "'!'";
  }
  return "a token";
}

std::size_t column_of(std::string_view text, std::size_t offset) noexcept {
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return column;
}

error syntax_error(std::string_view text, std::size_t offset, std::string_view what) {
  error e;
  e.type = error::kind::syntax;
  e.column = column_of(text, offset);
  e.message = "syntax error at column " + std::to_string(e.column) + " in '" + std::string(text) + "': " +
              std::string(what);
  return e;
}

bool tokenize(std::string_view text, std::vector<token>& out, std::vector<json::value>& literals, error& err) {
  return lexer(text, out, literals, err).run();
}

}  // namespace awscoro::detail::jmespath
