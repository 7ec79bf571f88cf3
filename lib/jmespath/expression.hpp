// JMESPath (https://jmespath.org/specification.html) over Boost.JSON, for paginators, waiters
// and operationContextParams.
//
// An expression is compiled once into a compact syntax tree and then evaluated any number of
// times, from any number of threads, against documents it never copies: intermediate results
// point into the document and only the final result is copied out.
//
//   auto expr = jmespath::compile("Reservations[].Instances[].InstanceId");
//   if (!expr) log(expr.error().message);
//   auto ids = jmespath::evaluate(*expr, response);   // result<json::value>
//
// Behaviour follows the specification and jmespath.py (the implementation botocore uses),
// except that ordering comparisons (<, <=, >, >=) are defined on numbers only, as the
// specification says; jmespath.py also orders strings.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace awscoro::detail::jmespath {

struct error {
  // The kinds of the JMESPath compliance suite.
  enum class kind : unsigned char {
    syntax,            // the text is not a valid expression (compile time)
    invalid_type,      // a function argument of the wrong type
    invalid_arity,     // a function called with the wrong number of arguments (compile time)
    invalid_value,     // a value out of range, such as a slice step of 0 (compile time)
    unknown_function,  // no function of that name (compile time)
  };
  kind type = kind::syntax;
  // 1-based column (in code points) of the offending token for compile-time errors, else 0.
  std::size_t column = 0;
  // Says what was wrong and where: "syntax error at column 4 in 'foo[': expected ...".
  std::string message;
};

// "syntax", "invalid-type", "invalid-arity", "invalid-value", "unknown-function".
std::string_view to_string(error::kind k) noexcept;

struct program;

// A compiled expression: an immutable program shared by copies, so copying is cheap and one
// expression may be evaluated concurrently.
class expression {
 public:
  expression() = default;  // empty: evaluates to null
  explicit expression(std::shared_ptr<program const> p) noexcept : program_(std::move(p)) {}

  bool empty() const noexcept { return program_ == nullptr; }
  std::string_view text() const noexcept;
  program const* get() const noexcept { return program_.get(); }

 private:
  std::shared_ptr<program const> program_;
};

boost::system::result<expression, error> compile(std::string_view text);

// Evaluates `expr` against `document`; the result is allocated from `sp`.
boost::system::result<boost::json::value, error> evaluate(expression const& expr, boost::json::value const& document,
                                                          boost::json::storage_ptr sp = {});

// Like evaluate(), without copying when the result is a value inside `document` (or a literal of
// `expr`): then the pointer is to that value, valid as long as both are. A result built by the
// expression is materialized into `storage` (with its storage_ptr) and the pointer is &storage.
boost::system::result<boost::json::value const*, error> evaluate_view(expression const& expr,
                                                                      boost::json::value const& document,
                                                                      boost::json::value& storage);

// compile() through a process-wide, thread-safe cache keyed by the text, for callers that see
// the same expressions again and again (paginators, waiters). Errors are not cached.
boost::system::result<expression, error> compile_cached(std::string_view text);

// compile_cached() then evaluate().
boost::system::result<boost::json::value, error> search(std::string_view text, boost::json::value const& document,
                                                        boost::json::storage_ptr sp = {});

// How many expressions the process-wide cache holds; for tests and diagnostics.
std::size_t cache_size() noexcept;
// Empties the cache (for tests); expressions already handed out stay valid.
void clear_cache() noexcept;

}  // namespace awscoro::detail::jmespath
