// The process-wide cache of compiled expressions behind compile_cached() and search().
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "jmespath/expression.hpp"

namespace awscoro::detail::jmespath {

namespace {

// Every paginator and waiter expression of every model fits many times over; past this an
// arbitrary entry makes room, so a caller compiling unbounded distinct texts cannot grow it.
constexpr std::size_t cache_capacity = 4096;

struct text_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

struct expression_cache {
  std::shared_mutex mutex;
  std::unordered_map<std::string, expression, text_hash, std::equal_to<>> entries;
};

expression_cache& cache() {
  static expression_cache c;
  return c;
}

}  // namespace

boost::system::result<expression, error> compile_cached(std::string_view text) {
  auto& c = cache();
  {
    std::shared_lock lock(c.mutex);
    if (auto it = c.entries.find(text); it != c.entries.end()) return it->second;
  }
  auto compiled = compile(text);
  if (!compiled) return compiled;
  std::unique_lock lock(c.mutex);
  if (auto it = c.entries.find(text); it != c.entries.end()) return it->second;
  if (c.entries.size() >= cache_capacity) c.entries.erase(c.entries.begin());
  c.entries.emplace(std::string(text), *compiled);
  return compiled;
}

boost::system::result<boost::json::value, error> search(std::string_view text, boost::json::value const& document,
                                                        boost::json::storage_ptr sp) {
  auto compiled = compile_cached(text);
  if (!compiled) return compiled.error();
  return evaluate(*compiled, document, std::move(sp));
}

std::size_t cache_size() noexcept {
  auto& c = cache();
  std::shared_lock lock(c.mutex);
  return c.entries.size();
}

void clear_cache() noexcept {
  auto& c = cache();
  std::unique_lock lock(c.mutex);
  c.entries.clear();
}

}  // namespace awscoro::detail::jmespath
