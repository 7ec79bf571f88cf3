// compile(): a Pratt parser over the tokens, with the binding powers of the JMESPath grammar
// (jmespath.py uses the same ones, so both build the same trees). Function names and arities are
// checked here, so a bad call fails at compile time rather than on some later document.
#include <algorithm>
#include <optional>

#include "jmespath/expression.hpp"
#include "jmespath/lexer.hpp"
#include "jmespath/program.hpp"

namespace awscoro::detail::jmespath {

namespace json = boost::json;

namespace {

// Tokens binding less tightly than this end the right-hand side of a projection.
constexpr int projection_stop = 10;
// Deeper nesting than this is refused rather than risking the stack.
constexpr int max_depth = 256;

int binding_power(token_kind k) noexcept {
  switch (k) {
    case token_kind::pipe: return 1;
    case token_kind::logical_or: return 2;
    case token_kind::logical_and: return 3;
    case token_kind::eq:
    case token_kind::ne:
    case token_kind::lt:
    case token_kind::le:
    case token_kind::gt:
    case token_kind::ge: return 5;
    case token_kind::flatten: return 9;
    case token_kind::star: return 20;
    case token_kind::filter: return 21;
    case token_kind::dot: return 40;
    case token_kind::logical_not: return 45;
    case token_kind::lbrace: return 50;
    case token_kind::lbracket: return 55;
    case token_kind::lparen: return 60;
    default: return 0;
  }
}

class parser {
 public:
  parser(program& p, std::vector<token> tokens, error& err) : p_(p), tokens_(std::move(tokens)), err_(err) {}

  bool run() {
    std::uint32_t root = 0;
    if (!expression(0, root)) return false;
    if (kind() != token_kind::eof) return unexpected("an operator or the end of the expression");
    // A syntax error anywhere wins over a bad function call before it.
    if (semantic_error_) {
      err_ = std::move(*semantic_error_);
      return false;
    }
    p_.root = root;
    return true;
  }

 private:
  token const& current() const noexcept { return tokens_[std::min(pos_, tokens_.size() - 1)]; }
  token_kind kind(std::size_t ahead = 0) const noexcept {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)].kind;
  }
  void advance() noexcept {
    if (pos_ < tokens_.size() - 1) ++pos_;
  }

  bool fail_at(token const& t, std::string const& what) {
    err_ = syntax_error(p_.text, t.offset, what);
    return false;
  }
  bool unexpected(std::string_view expected) {
    return fail_at(current(), "expected " + std::string(expected) + ", found " + std::string(describe(kind())));
  }
  bool match(token_kind k) {
    if (kind() != k) return unexpected(describe(k));
    advance();
    return true;
  }

  std::uint32_t add(node_kind k, std::uint32_t a = 0, std::uint32_t b = 0, std::uint32_t c = 0) {
    node n;
    n.kind = k;
    n.a = a;
    n.b = b;
    n.c = c;
    p_.nodes.push_back(n);
    return static_cast<std::uint32_t>(p_.nodes.size() - 1);
  }
  std::uint32_t identity() {
    if (!identity_) identity_ = add(node_kind::current);
    return *identity_;
  }
  std::uint32_t add_children(std::vector<std::uint32_t> const& children) {
    auto first = static_cast<std::uint32_t>(p_.children.size());
    p_.children.insert(p_.children.end(), children.begin(), children.end());
    return first;
  }
  std::uint32_t add_name(std::string name) {
    p_.names.push_back(std::move(name));
    return static_cast<std::uint32_t>(p_.names.size() - 1);
  }

  bool expression(int bp, std::uint32_t& out) {
    if (++depth_ > max_depth) return fail_at(current(), "the expression is nested too deeply");
    std::size_t at = pos_;
    advance();
    std::uint32_t left = 0;
    if (!nud(tokens_[at], left)) return false;
    while (bp < binding_power(kind())) {
      token_kind k = kind();
      std::size_t led_at = pos_;
      advance();
      if (!led(k, led_at, left)) return false;
    }
    --depth_;
    out = left;
    return true;
  }

  bool nud(token const& t, std::uint32_t& out) {
    switch (t.kind) {
      case token_kind::literal: out = add(node_kind::literal, t.literal); return true;
      case token_kind::unquoted_identifier: out = add(node_kind::field, add_name(t.text)); return true;
      case token_kind::quoted_identifier:
        if (kind() == token_kind::lparen) return fail_at(t, "a function name cannot be a quoted identifier");
        out = add(node_kind::field, add_name(t.text));
        return true;
      case token_kind::current: out = identity(); return true;
      case token_kind::star: {
        std::uint32_t rhs = 0;
        if (kind() == token_kind::rbracket) {
          rhs = identity();
        } else if (!projection_rhs(binding_power(token_kind::star), rhs)) {
          return false;
        }
        out = add(node_kind::object_projection, identity(), rhs);
        return true;
      }
      case token_kind::filter: return filter(identity(), out);
      case token_kind::lbrace: return multiselect_hash(out);
      case token_kind::lparen:
        if (!expression(0, out)) return false;
        return match(token_kind::rparen);
      case token_kind::flatten: {
        std::uint32_t rhs = 0;
        if (!projection_rhs(binding_power(token_kind::flatten), rhs)) return false;
        out = add(node_kind::list_projection, add(node_kind::flatten, identity()), rhs);
        return true;
      }
      case token_kind::logical_not: {
        std::uint32_t operand = 0;
        if (!expression(binding_power(token_kind::logical_not), operand)) return false;
        out = add(node_kind::logical_not, operand);
        return true;
      }
      case token_kind::lbracket:
        if (kind() == token_kind::number || kind() == token_kind::colon) {
          std::uint32_t index = 0;
          if (!index_expression(index)) return false;
          return project_if_slice(identity(), index, out);
        }
        if (kind() == token_kind::star && kind(1) == token_kind::rbracket) {
          advance();
          advance();
          std::uint32_t rhs = 0;
          if (!projection_rhs(binding_power(token_kind::star), rhs)) return false;
          out = add(node_kind::list_projection, identity(), rhs);
          return true;
        }
        return multiselect_list(out);
      case token_kind::expref: {
        std::uint32_t operand = 0;
        if (!expression(0, operand)) return false;
        out = add(node_kind::expref, operand);
        return true;
      }
      default: break;
    }
    pos_ = static_cast<std::size_t>(&t - tokens_.data());
    return unexpected("an expression");
  }

  // `at` is the position of the operator token; pos_ is past it.
  bool led(token_kind k, std::size_t at, std::uint32_t& left) {
    switch (k) {
      case token_kind::dot: {
        std::uint32_t rhs = 0;
        if (kind() == token_kind::star) {
          advance();
          if (!projection_rhs(binding_power(token_kind::dot), rhs)) return false;
          left = add(node_kind::object_projection, left, rhs);
          return true;
        }
        if (!dot_rhs(binding_power(token_kind::dot), rhs)) return false;
        left = add(node_kind::chain, left, rhs);
        return true;
      }
      case token_kind::pipe:
      case token_kind::logical_or:
      case token_kind::logical_and: {
        std::uint32_t rhs = 0;
        if (!expression(binding_power(k), rhs)) return false;
        left = add(k == token_kind::pipe ? node_kind::chain
                   : k == token_kind::logical_or ? node_kind::logical_or
                                                 : node_kind::logical_and,
                   left, rhs);
        return true;
      }
      case token_kind::eq:
      case token_kind::ne:
      case token_kind::lt:
      case token_kind::le:
      case token_kind::gt:
      case token_kind::ge: {
        std::uint32_t rhs = 0;
        if (!expression(binding_power(k), rhs)) return false;
        compare_op op = k == token_kind::eq   ? compare_op::eq
                        : k == token_kind::ne ? compare_op::ne
                        : k == token_kind::lt ? compare_op::lt
                        : k == token_kind::le ? compare_op::le
                        : k == token_kind::gt ? compare_op::gt
                                              : compare_op::ge;
        left = add(node_kind::compare, left, rhs);
        p_.nodes[left].sub = static_cast<std::uint8_t>(op);
        return true;
      }
      case token_kind::lparen: return function_call(at, left);
      case token_kind::filter: return filter(left, left);
      case token_kind::flatten: {
        std::uint32_t rhs = 0;
        if (!projection_rhs(binding_power(token_kind::flatten), rhs)) return false;
        left = add(node_kind::list_projection, add(node_kind::flatten, left), rhs);
        return true;
      }
      case token_kind::lbracket: {
        if (kind() == token_kind::number || kind() == token_kind::colon) {
          std::uint32_t index = 0;
          if (!index_expression(index)) return false;
          return project_if_slice(left, index, left);
        }
        if (kind() != token_kind::star) return unexpected("a number, ':' or '*' after '['");
        advance();
        if (!match(token_kind::rbracket)) return false;
        std::uint32_t rhs = 0;
        if (!projection_rhs(binding_power(token_kind::star), rhs)) return false;
        left = add(node_kind::list_projection, left, rhs);
        return true;
      }
      default: break;
    }
    pos_ = at;
    return unexpected("an operator or the end of the expression");
  }

  bool function_call(std::size_t lparen_at, std::uint32_t& left) {
    token const& name_token = tokens_[lparen_at - 1];
    if (p_.nodes[left].kind != node_kind::field || name_token.kind != token_kind::unquoted_identifier) {
      return fail_at(tokens_[lparen_at], "'(' must follow a function name");
    }
    std::string name = p_.names[p_.nodes[left].a];  // a copy: parsing the arguments adds names
    function_id id{};
    function_info const* fn = find_function(name, id);
    if (!fn && !semantic_error_) {
      auto& e = semantic_error_.emplace();
      e.type = error::kind::unknown_function;
      e.column = column_of(p_.text, name_token.offset);
      e.message = "unknown function " + name + "() (column " + std::to_string(e.column) + " in '" + p_.text + "')";
    }
    std::vector<std::uint32_t> args;
    if (kind() != token_kind::rparen) {
      while (true) {
        std::uint32_t arg = 0;
        if (!expression(0, arg)) return false;
        args.push_back(arg);
        if (kind() == token_kind::rparen) break;
        if (kind() != token_kind::comma) return unexpected("',' or ')'");
        advance();
      }
    }
    advance();  // ')'
    bool arity_ok = !fn || (fn->variadic ? args.size() >= fn->arity : args.size() == fn->arity);
    if (!arity_ok && !semantic_error_) {
      auto& e = semantic_error_.emplace();
      e.type = error::kind::invalid_arity;
      e.column = column_of(p_.text, name_token.offset);
      e.message = name + "() takes " + (fn->variadic ? "at least " : "") + std::to_string(fn->arity) +
                  (fn->arity == 1 ? " argument" : " arguments") + ", got " + std::to_string(args.size()) +
                  " (column " + std::to_string(e.column) + " in '" + p_.text + "')";
    }
    left = add(node_kind::function_call, add_children(args), static_cast<std::uint32_t>(args.size()));
    p_.nodes[left].sub = static_cast<std::uint8_t>(id);
    return true;
  }

  bool filter(std::uint32_t left, std::uint32_t& out) {
    std::uint32_t condition = 0;
    if (!expression(0, condition)) return false;
    if (!match(token_kind::rbracket)) return false;
    std::uint32_t rhs = 0;
    if (kind() == token_kind::flatten) {
      rhs = identity();
    } else if (!projection_rhs(binding_power(token_kind::filter), rhs)) {
      return false;
    }
    out = add(node_kind::filter_projection, left, rhs, condition);
    return true;
  }

  // After '[', with a number or ':' next: an index or a slice, through the closing ']'.
  bool index_expression(std::uint32_t& out) {
    if (kind() != token_kind::colon && kind(1) != token_kind::colon) {
      if (kind() != token_kind::number) return unexpected("a number or ':'");
      std::uint32_t n = add(node_kind::index);
      p_.nodes[n].number = current().number;
      advance();
      if (!match(token_kind::rbracket)) return false;
      out = n;
      return true;
    }
    token const& open = tokens_[pos_ - 1];
    std::optional<std::int64_t> parts[3];
    int part = 0;
    while (kind() != token_kind::rbracket) {
      if (kind() == token_kind::colon) {
        if (++part == 3) return unexpected("a number or ']'");
        advance();
      } else if (kind() == token_kind::number && !parts[part]) {
        parts[part] = current().number;
        advance();
      } else {
        return unexpected(parts[part] ? "':' or ']'" : "a number, ':' or ']'");
      }
    }
    advance();
    if (parts[2] && *parts[2] == 0 && !semantic_error_) {
      auto& e = semantic_error_.emplace();
      e.type = error::kind::invalid_value;
      e.column = column_of(p_.text, open.offset);
      e.message = "slice step cannot be 0 (column " + std::to_string(e.column) + " in '" + p_.text + "')";
    }
    slice_spec s;
    s.start = parts[0];
    s.stop = parts[1];
    s.step = parts[2].value_or(1);
    p_.slices.push_back(s);
    out = add(node_kind::slice, static_cast<std::uint32_t>(p_.slices.size() - 1));
    return true;
  }

  bool project_if_slice(std::uint32_t left, std::uint32_t index, std::uint32_t& out) {
    std::uint32_t indexed = left == identity() ? index : add(node_kind::chain, left, index);
    if (p_.nodes[index].kind != node_kind::slice) {
      out = indexed;
      return true;
    }
    std::uint32_t rhs = 0;
    if (!projection_rhs(binding_power(token_kind::star), rhs)) return false;
    out = add(node_kind::list_projection, indexed, rhs);
    return true;
  }

  bool projection_rhs(int bp, std::uint32_t& out) {
    token_kind k = kind();
    if (binding_power(k) < projection_stop) {
      out = identity();
      return true;
    }
    if (k == token_kind::lbracket || k == token_kind::filter) return expression(bp, out);
    if (k == token_kind::dot) {
      advance();
      return dot_rhs(bp, out);
    }
    return unexpected("'.', '[', '[?', '[]', '|', a comparison or the end of the projection");
  }

  bool dot_rhs(int bp, std::uint32_t& out) {
    token_kind k = kind();
    if (k == token_kind::unquoted_identifier || k == token_kind::quoted_identifier || k == token_kind::star) {
      return expression(bp, out);
    }
    if (k == token_kind::lbracket) {
      advance();
      return multiselect_list(out);
    }
    if (k == token_kind::lbrace) {
      advance();
      return multiselect_hash(out);
    }
    return unexpected("an identifier, '*', '[' or '{' after '.'");
  }

  // After '['.
  bool multiselect_list(std::uint32_t& out) {
    std::vector<std::uint32_t> items;
    while (true) {
      std::uint32_t item = 0;
      if (!expression(0, item)) return false;
      items.push_back(item);
      if (kind() == token_kind::rbracket) break;
      if (kind() != token_kind::comma) return unexpected("',' or ']'");
      advance();
    }
    advance();
    out = add(node_kind::multiselect_list, add_children(items), static_cast<std::uint32_t>(items.size()));
    return true;
  }

  // After '{'.
  bool multiselect_hash(std::uint32_t& out) {
    std::vector<std::uint32_t> pairs;
    while (true) {
      if (kind() != token_kind::unquoted_identifier && kind() != token_kind::quoted_identifier) {
        return unexpected("a key (an identifier)");
      }
      std::uint32_t key = add_name(current().text);
      advance();
      if (!match(token_kind::colon)) return false;
      std::uint32_t value = 0;
      if (!expression(0, value)) return false;
      pairs.push_back(key);
      pairs.push_back(value);
      if (kind() == token_kind::rbrace) break;
      if (kind() != token_kind::comma) return unexpected("',' or '}'");
      advance();
    }
    advance();
    out = add(node_kind::multiselect_hash, add_children(pairs), static_cast<std::uint32_t>(pairs.size() / 2));
    return true;
  }

  program& p_;
  std::vector<token> tokens_;
  error& err_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::optional<std::uint32_t> identity_;
  // The first unknown function, wrong arity or zero slice step, reported once the whole text
  // has parsed.
  std::optional<error> semantic_error_;
};

}  // namespace

std::string_view to_string(error::kind k) noexcept {
  switch (k) {
    case error::kind::syntax: return "syntax";
    case error::kind::invalid_type: return "invalid-type";
    case error::kind::invalid_arity: return "invalid-arity";
    case error::kind::invalid_value: return "invalid-value";
    case error::kind::unknown_function: return "unknown-function";
  }
  return "unknown";
}

std::string_view expression::text() const noexcept { return program_ ? std::string_view(program_->text) : ""; }

boost::system::result<expression, error> compile(std::string_view text) {
  auto p = std::make_shared<program>();
  p->text.assign(text);
  error err;
  std::vector<token> tokens;
  if (!tokenize(p->text, tokens, p->literals, err)) return err;
  if (!parser(*p, std::move(tokens), err).run()) return err;
  p->nodes.shrink_to_fit();
  return expression(std::move(p));
}

}  // namespace awscoro::detail::jmespath
