#include <doctest/doctest.h>

#include <awscoro/events.hpp>

#include <string>
#include <vector>

using awscoro::event_args;
using awscoro::event_emitter;

namespace {
void fire(event_emitter const& em, std::string_view name) {
  event_args a;
  a.event_name = name;
  em.emit(a);
}
}  // namespace

TEST_CASE("handlers receive their event and every event below it, most specific first") {
  event_emitter em;
  std::vector<std::string> seen;
  em.register_handler("before-call", [&](event_args&) { seen.push_back("all"); });
  em.register_handler("before-call.s3", [&](event_args&) { seen.push_back("s3"); });
  em.register_handler("before-call.s3.PutObject", [&](event_args&) { seen.push_back("put"); });
  em.register_handler("before-call.s3", [&](event_args&) { seen.push_back("s3-second"); });
  em.register_handler("before-call.dynamodb", [&](event_args&) { seen.push_back("ddb"); });
  fire(em, "before-call.s3.PutObject");
  CHECK(seen == std::vector<std::string>{"put", "s3", "s3-second", "all"});
  seen.clear();
  fire(em, "before-call.s3.GetObject");
  CHECK(seen == std::vector<std::string>{"s3", "s3-second", "all"});
  seen.clear();
  fire(em, "after-call.s3.PutObject");
  CHECK(seen.empty());
  CHECK_FALSE(em.has_handlers("after-call.s3"));
  CHECK(em.has_handlers("before-call.sqs"));
}

TEST_CASE("a wildcard part matches any one part") {
  event_emitter em;
  int n = 0;
  em.register_handler("before-call.*.PutItem", [&](event_args&) { ++n; });
  fire(em, "before-call.dynamodb.PutItem");
  fire(em, "before-call.dynamodb.GetItem");
  CHECK(n == 1);
}

TEST_CASE("unique ids register once and unregister by id or unique id") {
  event_emitter em;
  int n = 0;
  auto id1 = em.register_handler("x.y", [&](event_args&) { ++n; }, "u1");
  auto id2 = em.register_handler("x.y", [&](event_args&) { n += 100; }, "u1");
  CHECK(id1 == id2);
  fire(em, "x.y");
  CHECK(n == 1);
  CHECK(em.unregister("x.y", std::string_view("u1")));
  fire(em, "x.y");
  CHECK(n == 1);
  auto id3 = em.register_handler("x", [&](event_args&) { n += 10; });
  fire(em, "x.y.z");
  CHECK(n == 11);
  CHECK(em.unregister("x", id3));
  CHECK_FALSE(em.unregister("x", id3));
  fire(em, "x.y.z");
  CHECK(n == 11);
}

TEST_CASE("register_first runs before earlier handlers; copies are independent") {
  event_emitter em;
  std::string order;
  em.register_handler("e", [&](event_args&) { order += "b"; });
  em.register_first("e", [&](event_args&) { order += "a"; });
  auto copy = em.copy();
  copy.register_handler("e", [&](event_args&) { order += "c"; });
  fire(em, "e");
  CHECK(order == "ab");
  order.clear();
  fire(copy, "e");
  CHECK(order == "abc");
}

TEST_CASE("handlers may edit the arguments they are given") {
  event_emitter em;
  em.register_handler("before-parameter-build.s3", [](event_args& a) { (*a.params)["Bucket"] = "changed"; });
  boost::json::object params{{"Bucket", "original"}};
  event_args a;
  a.event_name = "before-parameter-build.s3.ListObjects";
  a.params = &params;
  em.emit(a);
  CHECK(params.at("Bucket").as_string() == "changed");
}
