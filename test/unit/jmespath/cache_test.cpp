#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "jmespath/expression.hpp"

namespace jp = awscoro::detail::jmespath;
namespace json = boost::json;

TEST_CASE("the cache compiles a text once and hands out the same program") {
  jp::clear_cache();
  auto a = jp::compile_cached("Contents[].Key");
  auto b = jp::compile_cached(std::string("Contents[].") + "Key");
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());
  CHECK(a->get() == b->get());
  CHECK(jp::cache_size() == 1);
  auto c = jp::compile_cached("NextToken");
  REQUIRE(c.has_value());
  CHECK(c->get() != a->get());
  CHECK(jp::cache_size() == 2);
}

TEST_CASE("the cache does not keep errors") {
  jp::clear_cache();
  auto bad = jp::compile_cached("foo[");
  REQUIRE(!bad);
  CHECK(bad.error().type == jp::error::kind::syntax);
  CHECK(jp::cache_size() == 0);
  auto r = jp::search("nope(@)", json::value());
  REQUIRE(!r);
  CHECK(r.error().type == jp::error::kind::unknown_function);
}

TEST_CASE("expressions stay valid after the cache is cleared") {
  auto e = jp::compile_cached("a.b");
  REQUIRE(e.has_value());
  jp::clear_cache();
  CHECK(jp::cache_size() == 0);
  auto r = jp::evaluate(*e, json::parse(R"({"a": {"b": 7}})"));
  REQUIRE(r.has_value());
  CHECK(*r == 7);
}

TEST_CASE("search compiles through the cache and evaluates") {
  jp::clear_cache();
  json::value doc = json::parse(R"({"Reservations": [{"Instances": [{"Id": "i-1"}, {"Id": "i-2"}]}]})");
  auto r = jp::search("Reservations[].Instances[].Id", doc);
  REQUIRE(r.has_value());
  CHECK(json::serialize(*r) == R"(["i-1","i-2"])");
  CHECK(jp::cache_size() == 1);
  r = jp::search("Reservations[].Instances[].Id", doc);
  CHECK(jp::cache_size() == 1);
}

TEST_CASE("threads share the cache and evaluate concurrently") {
  jp::clear_cache();
  json::value doc = json::parse(R"({"items": [{"v": 1}, {"v": 2}, {"v": 3}]})");
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        std::string text = "sum(items[?v > `" + std::to_string(i % 3) + "`].v)";
        auto r = jp::search(text, doc);
        int expected = i % 3 == 0 ? 6 : i % 3 == 1 ? 5 : 3;
        if (!r || *r != expected) ++wrong;
        if (t == 0 && i % 50 == 0) (void)jp::compile_cached("items[" + std::to_string(i) + "]");
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(wrong == 0);
  CHECK(jp::cache_size() == 3 + 4);
}
