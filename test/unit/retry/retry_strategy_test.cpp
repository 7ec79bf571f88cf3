#include <doctest/doctest.h>

#include "model/model_registry.hpp"
#include "retry/retry_strategy.hpp"

using namespace awscoro::detail;

namespace {
boost::json::object const& retry_model() {
  load_error err{};
  static auto data = model_registry::instance().data("_retry", &err);
  REQUIRE(data);
  return data->as_object();
}
random_source half() {
  return [] { return 0.5; };
}
}  // namespace

TEST_CASE("standard mode retries transient, throttling and connection errors up to max attempts") {
  auto quota = std::make_shared<retry_quota>();
  auto s = make_standard_retry(3, quota, half());
  attempt_outcome throttled{.http_status = 400, .error_code = "ThrottlingException"};
  auto d1 = s->decide(1, throttled);
  CHECK(d1.retry);
  CHECK(d1.delay_seconds == doctest::Approx(0.5));
  auto d2 = s->decide(2, throttled);
  CHECK(d2.retry);
  CHECK(d2.delay_seconds == doctest::Approx(1.0));
  auto d3 = s->decide(3, throttled);
  CHECK_FALSE(d3.retry);
  CHECK(d3.max_attempts_reached);
  CHECK(s->decide(1, {.http_status = 503}).retry);
  CHECK(s->decide(1, {.connection_error = true}).retry);
  CHECK_FALSE(s->decide(1, {.http_status = 501}).retry);
  CHECK_FALSE(s->decide(1, {.http_status = 400, .error_code = "ValidationException"}).retry);
  CHECK_FALSE(s->decide(1, {.http_status = 404}).max_attempts_reached);
}

TEST_CASE("standard mode's retry quota drains and refills") {
  auto quota = std::make_shared<retry_quota>(12);
  auto s = make_standard_retry(10, quota, half());
  CHECK(s->decide(1, {.http_status = 500}).quota_acquired == 5);
  CHECK(quota->available() == 7);
  CHECK(s->decide(1, {.timeout = true}).retry == false);  // a timeout costs 10
  auto d = s->decide(2, {.http_status = 500});
  CHECK(d.retry);
  CHECK(quota->available() == 2);
  auto exhausted = s->decide(3, {.http_status = 500});
  CHECK_FALSE(exhausted.retry);
  CHECK(exhausted.quota_exhausted);
  s->on_success(5);
  CHECK(quota->available() == 7);
  s->on_success(0);
  CHECK(quota->available() == 8);
}

TEST_CASE("legacy mode follows _retry.json: global defaults and service sections") {
  auto s = make_legacy_retry(retry_model(), "sqs", "SendMessage", -1, half());
  CHECK(s->max_attempts() == 5);
  CHECK(s->decide(1, {.http_status = 500}).retry);
  CHECK(s->decide(1, {.http_status = 429}).retry);
  CHECK(s->decide(1, {.http_status = 400, .error_code = "Throttling"}).retry);
  CHECK_FALSE(s->decide(1, {.http_status = 400, .error_code = "AccessDenied"}).retry);
  CHECK(s->decide(1, {.connection_error = true}).retry);
  CHECK(s->decide(3, {.http_status = 503}).delay_seconds == doctest::Approx(2.0));
  CHECK(s->decide(5, {.http_status = 503}).max_attempts_reached);

  auto ddb = make_legacy_retry(retry_model(), "dynamodb", "GetItem", -1, half());
  CHECK(ddb->max_attempts() == 10);
  auto d = ddb->decide(2, {.http_status = 400, .error_code = "ProvisionedThroughputExceededException"});
  CHECK(d.retry);
  CHECK(d.delay_seconds == doctest::Approx(0.1));  // base 0.05 * 2^1
  CHECK(ddb->decide(1, {.http_status = 409, .error_code = "ReplicatedWriteConflictException"}).retry);
  CHECK(ddb->decide(1, {.crc32_mismatch = true}).retry);

  auto limited = make_legacy_retry(retry_model(), "dynamodb", "GetItem", 2, half());
  CHECK(limited->max_attempts() == 2);
}
