#include <doctest/doctest.h>

#include <algorithm>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "credentials/credential_cache.hpp"
#include "run_sync.hpp"

using namespace awscoro::detail;
namespace asio = boost::asio;
using std::chrono::minutes;
using clock_type = std::chrono::system_clock;

namespace {

// A loader that takes a little while, counts its runs and answers what it is told.
struct slow_loader {
  int runs = 0;
  bool fail = false;
  clock_type::time_point expiry;
  std::string key = "AKIDFIRST";

  credential_cache::loader make() {
    return [this]() -> asio::awaitable<credential_result> {
      ++runs;
      auto ex = co_await asio::this_coro::executor;
      asio::steady_timer pause(ex, std::chrono::milliseconds(20));
      co_await pause.async_wait(asio::use_awaitable);
      if (fail) co_return make_error_info(awscoro::error::credential_provider, "refresh failed");
      awscoro::credentials c;
      c.access_key = key;
      c.secret_key = "cachesecretvalue";
      c.expiry = expiry;
      co_return std::optional<awscoro::credentials>(c);
    };
  }
};

// Asks the cache once and counts the answer when it carries `expect`.
asio::awaitable<void> ask(credential_cache& cache, std::string expect, int* matched, std::vector<std::string>* keys) {
  auto r = co_await cache.get();
  if (r && *r) {
    if ((*r)->access_key == expect) ++*matched;
    if (keys) keys->push_back((*r)->access_key);
  }
}

}  // namespace

TEST_CASE("a thousand concurrent awaits share one refresh") {
  asio::io_context ioc;
  auto now = clock_type::now();
  slow_loader loader;
  loader.expiry = now + minutes(60);
  credential_cache cache(loader.make(), [&now] { return now; });
  int ok = 0;
  for (int i = 0; i < 1000; ++i) asio::co_spawn(ioc, ask(cache, "AKIDFIRST", &ok, nullptr), asio::detached);
  ioc.run_for(std::chrono::seconds(10));
  CHECK(ok == 1000);
  CHECK(loader.runs == 1);
  CHECK(cache.refresh_count() == 1);

  // Fresh credentials are served from the cache.
  auto again = awscoro::test::run_sync(ioc, cache.get());
  CHECK(again.value()->access_key == "AKIDFIRST");
  CHECK(loader.runs == 1);

  // Inside the mandatory window: a thousand callers again, one refresh, all get the new keys.
  now += minutes(55);
  loader.key = "AKIDSECOND";
  int second = 0;
  for (int i = 0; i < 1000; ++i) asio::co_spawn(ioc, ask(cache, "AKIDSECOND", &second, nullptr), asio::detached);
  ioc.restart();
  ioc.run_for(std::chrono::seconds(10));
  CHECK(second == 1000);
  CHECK(loader.runs == 2);
}

TEST_CASE("advisory window: a failed refresh keeps the still-valid credentials") {
  asio::io_context ioc;
  auto now = clock_type::now();
  slow_loader loader;
  loader.expiry = now + minutes(60);
  credential_cache cache(loader.make(), [&now] { return now; });
  REQUIRE(awscoro::test::run_sync(ioc, cache.get()).value()->access_key == "AKIDFIRST");

  now += minutes(47);  // 13 minutes left: advisory
  loader.fail = true;
  auto r = awscoro::test::run_sync(ioc, cache.get());
  REQUIRE(r.has_value());
  CHECK(r.value()->access_key == "AKIDFIRST");
  CHECK(loader.runs == 2);

  // Mandatory window: the failure is the caller's.
  now += minutes(5);  // 8 minutes left
  r = awscoro::test::run_sync(ioc, cache.get());
  REQUIRE(r.has_error());
  CHECK(r.error().message == "refresh failed");

  // And a later success replaces the credentials.
  loader.fail = false;
  loader.key = "AKIDTHIRD";
  loader.expiry = now + minutes(60);
  CHECK(awscoro::test::run_sync(ioc, cache.get()).value()->access_key == "AKIDTHIRD");
}

TEST_CASE("advisory window with a refresh in flight: others use the current credentials") {
  asio::io_context ioc;
  auto now = clock_type::now();
  slow_loader loader;
  loader.expiry = now + minutes(60);
  credential_cache cache(loader.make(), [&now] { return now; });
  REQUIRE(awscoro::test::run_sync(ioc, cache.get()).value()->access_key == "AKIDFIRST");
  now += minutes(47);
  loader.key = "AKIDSECOND";
  std::vector<std::string> keys;
  int seconds = 0;
  for (int i = 0; i < 5; ++i) asio::co_spawn(ioc, ask(cache, "AKIDSECOND", &seconds, &keys), asio::detached);
  ioc.restart();
  ioc.run_for(std::chrono::seconds(5));
  REQUIRE(keys.size() == 5);
  CHECK(std::count(keys.begin(), keys.end(), "AKIDFIRST") == 4);  // did not wait
  CHECK(seconds == 1);  // the refresher
  CHECK(loader.runs == 2);
}

TEST_CASE("credentials without expiry are kept; an empty answer is asked again") {
  asio::io_context ioc;
  int runs = 0;
  credential_cache cache([&runs]() -> asio::awaitable<credential_result> {
    ++runs;
    co_return std::optional<awscoro::credentials>{};
  });
  CHECK_FALSE(awscoro::test::run_sync(ioc, cache.get()).value().has_value());
  CHECK_FALSE(awscoro::test::run_sync(ioc, cache.get()).value().has_value());
  CHECK(runs == 2);
  credential_cache keys([&runs]() -> asio::awaitable<credential_result> {
    ++runs;
    awscoro::credentials c;
    c.access_key = "AKIDFOREVER";
    c.secret_key = "foreversecretvalue";
    co_return std::optional<awscoro::credentials>(c);
  });
  CHECK(awscoro::test::run_sync(ioc, keys.get()).value()->access_key == "AKIDFOREVER");
  CHECK(awscoro::test::run_sync(ioc, keys.get()).value()->access_key == "AKIDFOREVER");
  CHECK(runs == 3);
}
