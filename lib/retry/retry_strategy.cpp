#include "retry/retry_strategy.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include <awscoro/error.hpp>

namespace awscoro::detail {
namespace json = boost::json;

namespace {

constexpr std::string_view throttling_codes[] = {
    "Throttling",      "ThrottlingException",         "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
    "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
    "PriorRequestNotComplete", "EC2ThrottledException"};
constexpr std::string_view transient_codes[] = {"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"};

class standard_retry final : public retry_strategy {
 public:
  standard_retry(int max_attempts, std::shared_ptr<retry_quota> quota, random_source random)
      : max_attempts_(max_attempts), quota_(std::move(quota)), random_(std::move(random)) {}

  retry_decision decide(int attempt, attempt_outcome const& o) override {
    retry_decision d;
    bool retryable = o.connection_error || o.timeout || o.crc32_mismatch || o.clock_skew_corrected ||
                     (o.http_status >= 500 && o.http_status <= 504 && o.http_status != 501) ||
                     is_transient_code(o.error_code) || is_throttling_code(o.error_code) || o.modeled_retryable;
    if (!retryable) return d;
    if (attempt >= max_attempts_) {
      d.max_attempts_reached = true;
      return d;
    }
    int cost = o.timeout ? 10 : 5;
    if (quota_ && !quota_->acquire(cost)) {
      d.quota_exhausted = true;
      return d;
    }
    d.retry = true;
    d.quota_acquired = quota_ ? cost : 0;
    d.delay_seconds = random_() * std::min(std::pow(2.0, attempt - 1), 20.0);
    return d;
  }

  void on_success(int last_acquired) override {
    if (quota_) quota_->release(last_acquired > 0 ? last_acquired : 1);
  }

  int max_attempts() const override { return max_attempts_; }

 private:
  int max_attempts_;
  std::shared_ptr<retry_quota> quota_;
  random_source random_;
};

// One legacy policy: botocore's applies_when, compiled.
struct legacy_policy {
  enum kind_t { status, service_code, socket, crc32 } kind = status;
  unsigned http_status = 0;
  std::string error_code;
};

class legacy_retry final : public retry_strategy {
 public:
  legacy_retry(std::vector<legacy_policy> policies, int max_attempts, double base, bool random_base, double growth,
               random_source random)
      : policies_(std::move(policies)),
        max_attempts_(max_attempts),
        base_(base),
        random_base_(random_base),
        growth_(growth),
        random_(std::move(random)) {}

  retry_decision decide(int attempt, attempt_outcome const& o) override {
    retry_decision d;
    bool retryable = o.clock_skew_corrected || std::any_of(policies_.begin(), policies_.end(), [&](legacy_policy const& p) {
      switch (p.kind) {
        case legacy_policy::status: return o.http_status == p.http_status;
        case legacy_policy::service_code: return o.http_status == p.http_status && o.error_code == p.error_code;
        case legacy_policy::socket: return o.connection_error || o.timeout;
        case legacy_policy::crc32: return o.crc32_mismatch;
      }
      return false;
    });
    if (!retryable) return d;
    if (attempt >= max_attempts_) {
      d.max_attempts_reached = true;
      return d;
    }
    d.retry = true;
    double base = random_base_ ? random_() : base_;
    d.delay_seconds = base * std::pow(growth_, attempt - 1);
    return d;
  }

  void on_success(int) override {}
  int max_attempts() const override { return max_attempts_; }

 private:
  std::vector<legacy_policy> policies_;
  int max_attempts_;
  double base_;
  bool random_base_;
  double growth_;
  random_source random_;
};

json::object const* object_at(json::object const& o, std::string_view key) {
  auto const* v = o.if_contains(key);
  return v && v->is_object() ? &v->get_object() : nullptr;
}

// A policy value is either {"$ref": name} or {"applies_when": ...}.
void add_policy(json::object const& def, json::object const& definitions, std::vector<legacy_policy>& out) {
  json::object const* policy = &def;
  if (auto const* ref = def.if_contains("$ref"); ref && ref->is_string()) {
    policy = object_at(definitions, ref->get_string());
    if (!policy) return;
  }
  auto const* when = object_at(*policy, "applies_when");
  if (!when) return;
  legacy_policy p;
  if (when->contains("socket_errors")) {
    p.kind = legacy_policy::socket;
  } else if (auto const* resp = object_at(*when, "response")) {
    if (resp->contains("crc32body")) {
      p.kind = legacy_policy::crc32;
    } else {
      if (auto const* st = resp->if_contains("http_status_code"); st && st->is_int64())
        p.http_status = static_cast<unsigned>(st->get_int64());
      if (auto const* code = resp->if_contains("service_error_code"); code && code->is_string()) {
        p.kind = legacy_policy::service_code;
        p.error_code = std::string(code->get_string());
      }
    }
  } else {
    return;
  }
  out.push_back(std::move(p));
}

}  // namespace

bool retry_quota::acquire(int amount) {
  std::lock_guard lock(mutex_);
  if (amount > available_) return false;
  available_ -= amount;
  return true;
}

void retry_quota::release(int amount) {
  std::lock_guard lock(mutex_);
  available_ = std::min(max_, available_ + amount);
}

int retry_quota::available() const {
  std::lock_guard lock(mutex_);
  return available_;
}

random_source default_random() {
  return [] {
    thread_local std::mt19937_64 gen{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
  };
}

bool is_throttling_code(std::string_view code) {
  return !code.empty() && std::find(std::begin(throttling_codes), std::end(throttling_codes), code) != std::end(throttling_codes);
}

bool is_transient_code(std::string_view code) {
  return !code.empty() && std::find(std::begin(transient_codes), std::end(transient_codes), code) != std::end(transient_codes);
}

std::unique_ptr<retry_strategy> make_standard_retry(int max_attempts, std::shared_ptr<retry_quota> quota,
                                                    random_source random) {
  return std::make_unique<standard_retry>(max_attempts, std::move(quota), std::move(random));
}

std::unique_ptr<retry_strategy> make_legacy_retry(json::object const& model, std::string_view endpoint_prefix,
                                                  std::string_view operation, int max_attempts, random_source random) {
  static json::object const empty;
  auto const* definitions = object_at(model, "definitions");
  auto const* retry = object_at(model, "retry");
  if (!definitions) definitions = &empty;
  if (!retry) retry = &empty;
  auto const* global = object_at(*retry, "__default__");
  auto const* service = object_at(*retry, endpoint_prefix);
  auto const* service_default = service ? object_at(*service, "__default__") : nullptr;
  auto const* op = service ? object_at(*service, operation) : nullptr;

  // The service's __default__ is merged over the global one, key by key (botocore merge_dicts):
  // its policies add to (or replace by name) the global policies; its scalars win.
  int attempts = 5;
  double base = 0;
  bool random_base = true;
  double growth = 2;
  auto read_scalars = [&](json::object const* d) {
    if (!d) return;
    if (auto const* m = d->if_contains("max_attempts"); m && m->is_int64()) attempts = static_cast<int>(m->get_int64());
    if (auto const* delay = object_at(*d, "delay")) {
      if (auto const* b = delay->if_contains("base")) {
        if (b->is_string() && b->get_string() == "rand") {
          random_base = true;
        } else if (b->is_number()) {
          random_base = false;
          base = b->to_number<double>();
        }
      }
      if (auto const* g = delay->if_contains("growth_factor"); g && g->is_number()) growth = g->to_number<double>();
    }
  };
  read_scalars(global);
  read_scalars(service_default);

  json::object policies;
  for (auto const* d : {global, service_default, op})
    if (d)
      if (auto const* p = object_at(*d, "policies"))
        for (auto const& [name, def] : *p) policies[name] = def;
  std::vector<legacy_policy> compiled;
  for (auto const& [name, def] : policies)
    if (def.is_object()) add_policy(def.get_object(), *definitions, compiled);
  if (max_attempts >= 0) attempts = max_attempts;
  return std::make_unique<legacy_retry>(std::move(compiled), attempts, base, random_base, growth, std::move(random));
}

void classify_attempt_failure(std::exception_ptr const& failure, attempt_outcome& outcome) {
  boost::system::error_code code;
  try {
    std::rethrow_exception(failure);
  } catch (error_base const& e) {
    code = e.error();
  } catch (...) {
    return;
  }
  if (code.category() != error_category()) return;
  switch (static_cast<error>(code.value())) {
    case error::connect_timeout:
    case error::read_timeout: outcome.timeout = true; [[fallthrough]];
    case error::connect_failed:
    case error::dns_failure:
    case error::connection_closed: outcome.connection_error = true; break;
    default: break;
  }
}

}  // namespace awscoro::detail
