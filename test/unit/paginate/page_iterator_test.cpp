// Pagination over canned pages: a fake call function plays a service that pages through ten
// items, so every paginators-1 feature is checked without a network.
#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>

#include "paginate/paginator_impl.hpp"
#include "paginate/resume_token.hpp"
#include "run_sync.hpp"

using namespace awscoro;
using namespace awscoro::detail;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr char const* paginators_json = R"({"pagination": {
  "ListThings": {"input_token": "Marker", "output_token": "NextMarker", "limit_key": "Limit",
                 "result_key": ["Items", "Count"], "non_aggregate_keys": ["Meta.Name"]},
  "ListByLastKey": {"input_token": "Marker", "output_token": "NextMarker || Items[-1].Key",
                    "more_results": "Truncated", "result_key": "Items"},
  "ListTwoTokens": {"input_token": ["Marker", "Sub"], "output_token": ["NextMarker", "NextSub"],
                    "result_key": "Items"},
  "ListNoLimit": {"input_token": "Marker", "output_token": "NextMarker", "result_key": "Items"}
}})";

// A service of ten items "k0".."k9", four per page unless Limit says otherwise.
struct fake_service {
  std::vector<json::object> requests;
  bool repeat_token = false;   // always answer NextMarker "4"
  bool slow = false;           // wait 20 ms before answering

  call_function function() {
    return [this](std::string op, json::object params) -> asio::awaitable<json::object> {
      requests.push_back(params);
      if (slow) {
        asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(20));
        co_await t.async_wait(asio::use_awaitable);
      }
      std::size_t start = 0, limit = 4;
      if (auto const* m = params.if_contains("Marker")) {
        std::string s(m->as_string());
        start = op == "ListByLastKey" ? std::stoul(s.substr(1)) + 1 : std::stoul(s);
      }
      if (auto const* l = params.if_contains("Limit")) limit = static_cast<std::size_t>(l->to_number<std::int64_t>());
      json::array items;
      std::size_t end = std::min<std::size_t>(10, start + limit);
      for (std::size_t i = start; i < end; ++i) items.push_back(json::object{{"Key", "k" + std::to_string(i)}});
      json::object page;
      page["Items"] = items;
      page["Count"] = static_cast<std::int64_t>(items.size());
      page["Meta"] = json::object{{"Name", "things"}, {"Page", static_cast<std::int64_t>(requests.size())}};
      if (op == "ListByLastKey") {
        page["Truncated"] = end < 10;
      } else if (end < 10 || repeat_token) {
        page["NextMarker"] = repeat_token ? std::string("4") : std::to_string(end);
        if (op == "ListTwoTokens") page["NextSub"] = "s" + std::to_string(end);
      }
      co_return page;
    };
  }
};

std::shared_ptr<service_paginators const> specs() {
  std::string err;
  auto r = compile_paginators(json::parse(paginators_json), &err);
  REQUIRE_MESSAGE(r, err);
  return *r;
}

std::vector<std::string> keys_of(json::object const& page) {
  std::vector<std::string> out;
  for (auto const& i : page.at("Items").as_array()) out.emplace_back(i.at("Key").as_string());
  return out;
}

struct fixture {
  asio::io_context ioc;
  fake_service svc;
  paginator make(std::string_view op) { return make_paginator(svc.function(), specs(), op, nullptr); }
  std::vector<json::object> all_pages(page_iterator& p) {
    return test::run_sync(ioc, [](page_iterator& p) -> asio::awaitable<std::vector<json::object>> {
      std::vector<json::object> out;
      for (int guard = 0; guard < 50; ++guard) {
        auto page = co_await p.next();
        if (!page) break;
        out.push_back(std::move(*page));
      }
      co_return out;
    }(p));
  }
  json::object full(page_iterator& p) { return test::run_sync(ioc, p.build_full_result()); }
};

}  // namespace

TEST_CASE_FIXTURE(fixture, "pages in order, tokens injected, nothing sent before next()") {
  auto p = make("ListThings").paginate({{"Filter", "x"}});
  CHECK(svc.requests.empty());
  auto pages = all_pages(p);
  REQUIRE(pages.size() == 3);
  CHECK(keys_of(pages[2]) == std::vector<std::string>{"k8", "k9"});
  REQUIRE(svc.requests.size() == 3);
  CHECK(json::value(svc.requests[0]) == json::parse(R"({"Filter":"x"})"));
  CHECK(json::value(svc.requests[2]) == json::parse(R"({"Filter":"x","Marker":"8"})"));
  CHECK_FALSE(p.resume_token());
  // After the end, next() stays at the end without sending.
  CHECK_FALSE(test::run_sync(ioc, p.next()));
  CHECK(svc.requests.size() == 3);
}

TEST_CASE_FIXTURE(fixture, "build_full_result concatenates, adds, and keeps the first page's non-aggregate keys") {
  auto p = make("ListThings").paginate();
  auto r = full(p);
  CHECK(r.at("Items").as_array().size() == 10);
  CHECK(r.at("Count").as_int64() == 10);
  CHECK(json::value(r.at("Meta")) == json::parse(R"({"Name":"things"})"));
  CHECK_FALSE(r.contains("NextToken"));
  CHECK_FALSE(r.contains("NextMarker"));
}

TEST_CASE_FIXTURE(fixture, "MaxItems inside a page truncates it and the resume token carries boto_truncate_amount") {
  auto p = make("ListThings").paginate({}, {.max_items = 6});
  auto pages = all_pages(p);
  REQUIRE(pages.size() == 2);
  CHECK(keys_of(pages[1]) == std::vector<std::string>{"k4", "k5"});
  CHECK(pages[1].at("NextMarker").as_string() == "8");  // the page itself is left as it came
  REQUIRE(p.resume_token());
  CHECK(*p.resume_token() == encode_resume_token(json::parse(R"({"Marker":"4","boto_truncate_amount":2})").get_object()));

  // Resuming fetches the same page again and skips what was handed out.
  auto resumed = make("ListThings").paginate({}, {.max_items = 3, .starting_token = *p.resume_token()});
  auto r = full(resumed);
  std::vector<std::string> keys;
  for (auto const& i : r.at("Items").as_array()) keys.emplace_back(i.at("Key").as_string());
  CHECK(keys == std::vector<std::string>{"k6", "k7", "k8"});
  CHECK(json::value(svc.requests[2]) == json::parse(R"({"Marker":"4"})"));
  // Count of the resumed first page is the server's count (botocore keeps numbers).
  CHECK(r.at("Count").as_int64() == 4 + 2);
  // Truncated again in the second page: amount counted from that page's start.
  CHECK(*resumed.resume_token() == encode_resume_token(json::parse(R"({"Marker":"8","boto_truncate_amount":1})").get_object()));
}

TEST_CASE_FIXTURE(fixture, "MaxItems on a page boundary resumes with the service token") {
  auto p = make("ListThings").paginate({}, {.max_items = 4});
  auto r = full(p);
  CHECK(svc.requests.size() == 1);
  CHECK(r.at("Items").as_array().size() == 4);
  CHECK(r.at("NextToken").as_string() == encode_resume_token(json::parse(R"({"Marker":"4"})").get_object()));
  auto rest = make("ListThings").paginate({}, {.starting_token = std::string(r.at("NextToken").as_string())});
  auto rr = full(rest);
  CHECK(rr.at("Items").as_array().size() == 6);
  CHECK(rr.at("Items").as_array()[0].at("Key").as_string() == "k4");
}

TEST_CASE_FIXTURE(fixture, "PageSize is sent as the limit key; PaginationConfig may sit in the params") {
  auto p = make("ListThings").paginate({{"PaginationConfig", {{"PageSize", 5}, {"MaxItems", "7"}}}});
  auto pages = all_pages(p);
  REQUIRE(pages.size() == 2);
  CHECK(keys_of(pages[1]).size() == 2);
  CHECK(json::value(svc.requests[0]) == json::parse(R"({"Limit":5})"));
  CHECK(json::value(svc.requests[1]) == json::parse(R"({"Limit":5,"Marker":"5"})"));
  CHECK_THROWS_AS(make("ListNoLimit").paginate({}, {.page_size = 3}), pagination_error);
  CHECK_THROWS_AS(make("ListThings").paginate({{"PaginationConfig", {{"Bogus", 1}}}}), pagination_error);
}

TEST_CASE_FIXTURE(fixture, "output token as a JMESPath expression, with more_results") {
  auto p = make("ListByLastKey").paginate();
  auto pages = all_pages(p);
  REQUIRE(pages.size() == 3);
  CHECK(svc.requests[1].at("Marker").as_string() == "k3");
  CHECK(svc.requests[2].at("Marker").as_string() == "k7");
}

TEST_CASE_FIXTURE(fixture, "several input and output tokens travel together") {
  auto p = make("ListTwoTokens").paginate({}, {.max_items = 5});
  auto pages = all_pages(p);
  REQUIRE(pages.size() == 2);
  CHECK(json::value(svc.requests[1]) == json::parse(R"({"Marker":"4","Sub":"s4"})"));
  CHECK(*p.resume_token() ==
        encode_resume_token(json::parse(R"({"Marker":"4","Sub":"s4","boto_truncate_amount":1})").get_object()));
}

TEST_CASE_FIXTURE(fixture, "a service that repeats its token fails on the next page, as botocore does") {
  svc.repeat_token = true;
  auto p = make("ListThings").paginate();
  CHECK(test::run_sync(ioc, p.next()));
  CHECK(test::run_sync(ioc, p.next()));
  try {
    test::run_sync(ioc, p.next());
    FAIL("expected pagination_error");
  } catch (pagination_error const& e) {
    CHECK(std::string(e.what()).find("The same next token was received twice") != std::string::npos);
  }
  CHECK(svc.requests.size() == 2);
}

TEST_CASE_FIXTURE(fixture, "search flattens lists and yields other values as they are") {
  auto p = make("ListThings").paginate();
  auto keys = test::run_sync(ioc, [](search_iterator it) -> asio::awaitable<std::vector<std::string>> {
    std::vector<std::string> out;
    while (auto v = co_await it.next()) out.emplace_back(v->as_string());
    co_return out;
  }(p.search("Items[].Key")));
  CHECK(keys.size() == 10);
  CHECK(keys.back() == "k9");
  auto p2 = make("ListThings").paginate();
  auto counts = test::run_sync(ioc, [](search_iterator it) -> asio::awaitable<std::vector<std::int64_t>> {
    std::vector<std::int64_t> out;
    while (auto v = co_await it.next()) out.push_back(v->as_int64());
    co_return out;
  }(p2.search("Count")));
  CHECK(counts == std::vector<std::int64_t>{4, 4, 2});
  CHECK_THROWS_AS(p2.search("Items[?"), pagination_error);
}

TEST_CASE_FIXTURE(fixture, "unknown paginators and bad starting tokens are clear errors") {
  try {
    make("ListNothing");
    FAIL("expected unknown_operation_error");
  } catch (unknown_operation_error const& e) {
    CHECK(std::string(e.what()).find("ListNothing") != std::string::npos);
    CHECK(std::string(e.what()).find("ListByLastKey, ListNoLimit, ListThings, ListTwoTokens") != std::string::npos);
  }
  CHECK(make("list_things").operation_name() == "ListThings");
  auto p = make("ListTwoTokens").paginate({}, {.starting_token = "a___b___c___d"});
  CHECK_THROWS_AS(test::run_sync(ioc, p.next()), pagination_error);
  CHECK(svc.requests.empty());
}

TEST_CASE_FIXTURE(fixture, "destroying the pager mid-way is clean, even with a request in flight") {
  svc.slow = true;
  {
    auto p = make("ListThings").paginate();
    CHECK(test::run_sync(ioc, p.next()));
  }
  std::optional<json::object> got;
  {
    auto p = make("ListThings").paginate();
    asio::co_spawn(ioc, p.next(), [&](std::exception_ptr, std::optional<json::object> page) { got = std::move(page); });
  }  // the handle is gone; the pending next() keeps what it needs
  ioc.restart();
  ioc.run_for(std::chrono::seconds(5));
  REQUIRE(got);
  CHECK(keys_of(*got).size() == 4);
}
