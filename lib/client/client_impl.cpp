#include "client/client_impl.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>

#include "auth/signer.hpp"
#include "auth/streaming_signer.hpp"
#include "client/builtin_handlers.hpp"
#include "client/customizations/cross_region_presign.hpp"
#include "client/idempotency.hpp"
#include "client/request_compression.hpp"
#include "client/session_impl.hpp"
#include "http/http_client.hpp"
#include "model/model_registry.hpp"
#include "parse/parser.hpp"
#include "retry/retry_strategy.hpp"
#include "serialize/serializer.hpp"
#include "util/crypto.hpp"
#include "util/log.hpp"
#include "util/timestamp.hpp"
#include "validate/param_validator.hpp"

namespace awscoro::detail {
namespace asio = boost::asio;
namespace json = boost::json;

event_names::event_names(std::string_view service, std::string_view op) {
  auto name = [&](std::string_view event) {
    std::string s;
    s.reserve(event.size() + service.size() + op.size() + 2);
    s.append(event).append(".").append(service).append(".").append(op);
    return s;
  };
  provide_client_params = name("provide-client-params");
  before_parameter_build = name("before-parameter-build");
  before_call = name("before-call");
  request_created = name("request-created");
  before_sign = name("before-sign");
  before_send = name("before-send");
  needs_retry = name("needs-retry");
  after_call = name("after-call");
  after_call_error = name("after-call-error");
}

event_names const& client_impl::names_for(operation_model const& op) {
  std::lock_guard lock(names_mutex_);
  auto& slot = names_[&op];
  if (!slot) slot = std::make_unique<event_names const>(model_->service_name, op.name);
  return *slot;
}

namespace {

[[noreturn]] void fail(error e, std::string message, std::string const& operation = {}) {
  diagnostics d;
  d.message = std::move(message);
  d.operation = operation;
  throw_error(make_error_code(e), std::move(d));
}

std::string string_at(json::object const& o, std::string_view key) {
  if (auto const* v = o.if_contains(key); v && v->is_string()) return std::string(v->get_string());
  return {};
}

// The error code of a parsed error response ("" when the result is no error).
std::string error_code_of(json::object const& parsed) {
  if (auto const* e = parsed.if_contains("Error"); e && e->is_object()) return string_at(e->get_object(), "Code");
  return {};
}

// Whether the operation models `code` as a retryable error (botocore's ModeledRetryableChecker).
void classify_modeled(service_model const& model, operation_model const& op, std::string_view code,
                      attempt_outcome& outcome) {
  if (code.empty()) return;
  for (auto id : op.errors) {
    auto const& s = model.at(id);
    if (s.retryable && s.error_code == code) {
      outcome.modeled_retryable = true;
      outcome.modeled_throttling = s.retryable_throttling;
    }
  }
}

// DynamoDB's x-amz-crc32: the CRC32 of the body as a decimal number.
bool crc32_mismatch(http_response const& resp, std::uint32_t body_crc) {
  auto const* header = resp.headers.find("x-amz-crc32");
  if (!header) return false;
  return std::to_string(body_crc) != *header;
}

// Errors that mean the signature's time was too far from the server's.
bool is_clock_skew_code(std::string_view code) {
  static constexpr std::string_view codes[] = {"RequestTimeTooSkewed",      "RequestExpired",
                                               "InvalidSignatureException", "SignatureDoesNotMatch",
                                               "AuthFailure",               "RequestInTheFuture"};
  return std::find(std::begin(codes), std::end(codes), code) != std::end(codes);
}

// botocore's choice of a signed or UNSIGNED-PAYLOAD body hash (SigV4Auth and S3SigV4Auth's
// _should_sha256_sign_payload): always signed over plain http; S3 over https leaves streaming
// uploads unsigned when a checksum header protects them; an explicit payload_signing_enabled wins.
// `checksum_header` is the header the resolved flexible checksum went into, else Content-MD5.
bool should_sign_payload_impl(bool s3, std::optional<bool> s3_payload_signing, operation_model const& op,
                              service_model const& model, http_request const& request,
                              std::string_view checksum_header) {
  if (s3 && s3_payload_signing) return *s3_payload_signing;
  if (request.scheme != "https") return true;
  if (s3) {
    if (!request.headers.contains(checksum_header)) return true;
    if (op.has_streaming_input(model)) return false;
  }
  return !op.unsigned_payload;
}

// botocore's _urljoin: the endpoint's path, then the operation's.
std::string join_endpoint_path(std::string const& endpoint_path, std::string const& op_path) {
  if (op_path.empty() || op_path == "/") return endpoint_path.empty() ? "/" : endpoint_path;
  if (!endpoint_path.empty() && endpoint_path.back() == '/' && op_path.front() == '/')
    return endpoint_path.substr(0, endpoint_path.size() - 1) + op_path;
  return endpoint_path + op_path;
}

}  // namespace

client_impl::client_impl(asio::any_io_executor ex, std::shared_ptr<session_impl> session,
                         std::shared_ptr<service_model const> model, client_settings settings, client_config config,
                         std::optional<credentials> static_credentials, event_emitter events)
    : executor_(std::move(ex)),
      session_(std::move(session)),
      model_(std::move(model)),
      settings_(std::move(settings)),
      static_credentials_(std::move(static_credentials)),
      events_(std::move(events)),
      endpoints_(model_, settings_, config),
      quota_(std::make_shared<retry_quota>()) {
  meta_.service_name = model_->service_name;
  meta_.service_id = model_->metadata.service_id;
  meta_.api_version = model_->metadata.api_version;
  meta_.protocol = model_->protocol;
  meta_.region_name = settings_.region;
  meta_.endpoint_url = settings_.endpoint_url;
  meta_.config = std::move(config);
  access::set_impl(meta_, this);
  register_builtin_handlers(events_, *model_);
  discovery_ = discovery_mode_for(*model_, settings_.endpoint_discovery, settings_.endpoint_url_argument);
  if (auto const* describe = endpoint_operation_of(*model_)) endpoint_operation_ = describe->name;

  http_client_options http;
  if (meta_.config.connect_timeout) http.connect_timeout = *meta_.config.connect_timeout;
  if (meta_.config.read_timeout) http.read_timeout = *meta_.config.read_timeout;
  if (meta_.config.max_pool_connections) http.max_pool_connections = *meta_.config.max_pool_connections;
  if (meta_.config.tcp_keepalive) http.tcp_keepalive = *meta_.config.tcp_keepalive;
  http.verify = settings_.verify;
  http.ca_bundle = settings_.ca_bundle;
  http.proxy = settings_.proxy;
  http.client_cert = meta_.config.client_cert.value_or("");
  http_ = std::make_unique<http_client>(executor_, http);

  if (settings_.retry_mode == "legacy") {
    load_error err{};
    retry_model_ = model_registry::instance().data("_retry", &err);
  }
}

client_impl::~client_impl() = default;

void client_impl::close() {
  closed_ = true;
  http_->close();
}

operation_model const& client_impl::find_operation(std::string const& name) const {
  if (auto const* op = model_->find_operation(name)) return *op;
  std::string hint;
  for (auto const& n : model_->closest_operations(name)) hint += (hint.empty() ? "" : ", ") + n;
  fail(error::unknown_operation, "unknown operation \"" + name + "\" for service \"" + model_->service_name + "\"" +
                                     (hint.empty() ? "" : "; did you mean: " + hint + "?"));
}

asio::awaitable<credentials> client_impl::current_credentials() {
  if (static_credentials_) co_return *static_credentials_;
  co_return co_await session_->get_credentials();
}

void client_impl::emit(call_state& st, std::string const& name) {
  st.args.event_name = name;
  events_.emit(st.args);
}

asio::awaitable<void> client_impl::prepare(call_state& st) {
  if (closed_) fail(error::invalid_config, "the client is closed");
  service_model const& model = *model_;
  operation_model const& op = *st.op;
  st.args.service_name = model.service_name;
  st.args.operation_name = op.name;
  st.args.params = &st.params;
  st.args.context = &st.context;

  // 1. Params: handlers, idempotency tokens, validation.
  emit(st, st.names.provide_client_params);
  checksum_settings const checksums = checksum_settings_for(st);
  default_validation_mode(op, checksums, st.params);
  emit(st, st.names.before_parameter_build);
  if (auto refusal = endpoint_discovery_refusal(op, discovery_, settings_.endpoint_url_argument); !refusal.empty())
    fail(error::invalid_config, std::move(refusal), op.name);
  fill_idempotency_tokens(model, op, st.params);
  if (settings_.parameter_validation) {
    if (auto report = validate_params(model, op.input, st.params); !report.empty())
      fail(error::param_validation, "Parameter validation failed:\n" + report, op.name);
  }

  // 2. Endpoint. A rule set that routes by account needs the credentials first.
  bool const have_credentials = !settings_.unsigned_requests && endpoints_.uses_account_id();
  if (have_credentials) st.creds = co_await current_credentials();
  std::string message;
  auto endpoint = endpoints_.resolve(op, st.params, st.creds.account_id, events_, st.args, message);
  if (!endpoint) fail(error::endpoint_resolution, message, op.name);
  st.endpoint = std::move(*endpoint);

  // 3. Serialize, then place the request on the endpoint.
  auto serialized = serialize_request(model, op, st.params, message);
  if (!serialized) fail(error::serialization, op.name + ": " + message, op.name);
  st.request = std::move(*serialized);
  http_request& request = st.request;
  request.body_stream = st.upload;
  std::string path_prefix;
  if (!apply_endpoint_url(st.endpoint.url, request, path_prefix))
    fail(error::endpoint_resolution, "the resolved endpoint \"" + st.endpoint.url + "\" is not an http(s) URL",
         op.name);
  request.path = join_endpoint_path(path_prefix, request.path);
  if (settings_.inject_host_prefix && !request.host_prefix.empty()) request.host = request.host_prefix + request.host;
  for (auto const& [name, value] : st.endpoint.headers) request.headers.set(name, value);
  request.headers.set("User-Agent", settings_.user_agent);
  if (auto failure = resolve_checksum_context(model, op, st.params, request, checksums, st.checksum))
    fail(failure->kind, failure->message, op.name);

  st.args.request = &request;
  emit(st, st.names.before_call);
  if (st.args.response) co_return;
  if (!checksums.presign) {
    compression_settings compression;
    compression.disabled = meta_.config.disable_request_compression.value_or(false);
    compression.min_size_bytes = meta_.config.request_min_compression_size_bytes.value_or(10240);
    compression.signature_version = checksums.signature_version;
    maybe_compress_request(model, op, compression, request);
    apply_request_checksum(st.checksum, request);
  }
  emit(st, st.names.request_created);

  // 4. Credentials, once per call; signing happens per attempt (fresh date).
  st.anonymous = settings_.unsigned_requests || st.endpoint.auth_scheme == "none";
  if (!st.anonymous && !have_credentials) st.creds = co_await current_credentials();
  // A cross-region copy's presigned source URL needs the credentials (cross_region_presign.hpp).
  if (wants_cross_region_presigned_url(st.context)) {
    cross_region_signing signing;
    signing.creds = st.anonymous ? nullptr : &st.creds;
    signing.destination_region = settings_.region;
    signing.signing_name = st.endpoint.signing_name.empty() ? model.metadata.signing_name : st.endpoint.signing_name;
    signing.now = session_->clock_now();
    if (auto err = add_cross_region_presigned_url(st.context, request, signing); !err.empty())
      fail(error::invalid_config, err, op.name);
  }
}

bool client_impl::correct_clock(http_response const& response) {
  // Like the AWS SDKs that correct for skew: the server's Date says what time it is; when the
  // signature's time was off by more than a few minutes, later signatures use the server's.
  auto const* date = response.headers.find("Date");
  if (!date) return false;
  auto server = parse_timestamp(*date);
  if (!server) return false;
  timestamp_us skew = *server - now_us();
  timestamp_us current = session_->clock_now() - now_us();
  constexpr timestamp_us threshold = 4LL * 60 * 1'000'000;
  if (std::llabs(skew - current) < threshold) return false;
  session_->set_clock_skew(skew);
  log_debug("clock skew corrected: the server's clock is " + std::to_string(skew / 1'000'000) + " s ahead");
  return true;
}

bool client_impl::should_sign_payload(service_model const& model, operation_model const& op,
                                      http_request const& request, bool s3, std::string_view checksum_header) const {
  return should_sign_payload_impl(s3, meta_.config.s3.payload_signing_enabled, op, model, request, checksum_header);
}

std::string_view client_impl::effective_signature_version() const {
  if (meta_.config.signature_version) return *meta_.config.signature_version;
  // botocore signs S3 with s3v4 whatever the model's legacy "s3" says.
  std::string const& modeled = model_->metadata.signature_version;
  return modeled == "s3" ? std::string_view("s3v4") : std::string_view(modeled);
}

checksum_settings client_impl::checksum_settings_for(call_state const& st) const {
  checksum_settings s;
  if (meta_.config.request_checksum_calculation) s.request_checksum_calculation = *meta_.config.request_checksum_calculation;
  if (meta_.config.response_checksum_validation) s.response_checksum_validation = *meta_.config.response_checksum_validation;
  s.signature_version = effective_signature_version();
  auto const* presign = st.context.if_contains("is_presign_request");
  s.presign = presign && presign->is_bool() && presign->get_bool();
  return s;
}

void client_impl::sign(call_state& st, http_request& request) {
  bool const trailer = st.checksum.request_algorithm && st.checksum.in_trailer;
  if (st.anonymous) {
    // S3 needs to be told an unsigned request's checksum follows the body.
    if (trailer && request.body_stream) frame_unsigned_stream(request);
    else if (trailer) request.headers.set("X-Amz-Content-SHA256", std::string(streaming_unsigned_payload_trailer));
    return;
  }
  service_model const& model = *model_;
  signing_params sp;
  sp.scheme = st.endpoint.auth_scheme;
  sp.creds = &st.creds;
  sp.region = st.endpoint.signing_region.empty() ? settings_.region : st.endpoint.signing_region;
  sp.signing_name = st.endpoint.signing_name.empty() ? model.metadata.signing_name : st.endpoint.signing_name;
  sp.region_set = st.endpoint.signing_region_set;
  sp.bearer_token = settings_.bearer_token;
  sp.time = session_->clock_now();
  sp.s3 = model.service_name == "s3" || model.service_name == "s3control" ||
          model.metadata.signature_version == "s3v4" || model.metadata.signature_version == "s3";
  sp.disable_double_encoding = st.endpoint.disable_double_encoding || sp.s3;
  std::string checksum_header = st.checksum.header_name();
  sp.unsigned_payload =
      !should_sign_payload(model, *st.op, request, sp.s3, checksum_header.empty() ? "Content-MD5" : checksum_header);
  // A streamed body is framed by the signer; as in botocore, its trailer is unsigned over https,
  // and over http only when payload signing is turned off.
  if (trailer && request.body_stream)
    sp.unsigned_payload = request.scheme == "https" || meta_.config.s3.payload_signing_enabled == false;
  else if (trailer) sp.payload_hash = streaming_unsigned_payload_trailer;
  if (auto err = sign_request(request, sp); !err.empty()) fail(error::invalid_config, err, st.op->name);
}

asio::awaitable<http_request> client_impl::build_signed_request(std::string operation, json::object params) {
  auto self = shared_from_this();
  operation_model const& op = find_operation(operation);
  call_state st(op, std::move(params), names_for(op));
  co_await prepare(st);
  http_request request = st.request;
  st.args.request = &request;
  st.args.attempt = 1;
  emit(st, st.names.before_sign);
  sign(st, request);
  co_return request;
}

asio::awaitable<void> client_impl::receive(http_request const& request, http_response& response,
                                           response_body_parser& parser, body_checks& checks,
                                           checksum_context const& checksum, http_failure& failure,
                                           body_capture* capture) {
  auto body = co_await http_->open(request, response, failure);
  if (failure) co_return;
  if (capture && response.status < 300) {
    // The caller reads this body, and the checksum is checked as it does: the parser sees only
    // the head.
    capture->checksum.begin(checksum, response);
    capture->checksum.update(response.body);
    capture->content_length = declared_content_length(response.headers);
    capture->first = std::move(response.body);
    response.body.clear();
    parser.begin(response);
    capture->body = std::move(body);
    co_return;
  }
  checks.begin(checksum, response);
  parser.begin(response);
  std::string piece;
  while (!body.done()) {
    piece.clear();
    if (!co_await body.read(piece, failure)) co_return;
    parser.feed(piece);
    checks.update(piece);
  }
}

asio::awaitable<json::object> client_impl::call(std::string operation, json::object params) {
  auto self = shared_from_this();  // the call keeps its client alive
  operation_model const& op = find_operation(operation);
  call_state st(op, std::move(params), names_for(op));
  co_await prepare(st);
  if (st.args.response) {
    json::object result = std::move(*st.args.response);
    co_return result;
  }
  co_return co_await run_attempts(st, nullptr);
}

asio::awaitable<json::object> client_impl::call_streaming(std::string operation, json::object params,
                                                          body_capture& capture) {
  auto self = shared_from_this();
  operation_model const& op = find_operation(operation);
  if (!has_blob_payload(*model_, op) && !op.has_event_stream_output(*model_))
    fail(error::invalid_config, op.name + " has no streaming output (its output has no blob payload or event stream)",
         op.name);
  call_state st(op, std::move(params), names_for(op));
  co_await prepare(st);
  if (st.args.response) {
    json::object result = std::move(*st.args.response);
    co_return result;
  }
  co_return co_await run_attempts(st, &capture);
}

asio::awaitable<std::optional<std::string>> client_impl::discovered_address(operation_model const& op) {
  using clock = discovered_endpoints::clock;
  auto cached = [this](bool stale_too) {
    std::lock_guard lock(discovered_mutex_);
    return stale_too ? discovered_.any() : discovered_.fresh(clock::now());
  };
  if (auto address = cached(false)) co_return address;
  bool failed_recently;
  {
    std::lock_guard lock(discovered_mutex_);
    failed_recently = discovered_.recently_failed(clock::now());
  }
  if (!failed_recently && co_await refresh_discovered_endpoints())
    if (auto address = cached(false)) co_return address;
  // Refreshing fails: stale addresses serve meanwhile.
  if (auto address = cached(true)) co_return address;
  if (!op.endpoint_discovery_required) co_return std::nullopt;  // optional: the resolved endpoint
  if (failed_recently && co_await refresh_discovered_endpoints())
    if (auto address = cached(false)) co_return address;
  fail(error::endpoint_resolution, "Endpoint Discovery failed to refresh the required endpoints.", op.name);
}

asio::awaitable<bool> client_impl::refresh_discovered_endpoints() {
  json::object result;
  try {
    result = co_await call(endpoint_operation_, json::object());
  } catch (http_error const&) {
    // Unreachable (botocore's ConnectionError): try again in a minute. A service's error answer
    // propagates.
    std::lock_guard lock(discovered_mutex_);
    discovered_.refresh_failed(discovered_endpoints::clock::now());
    co_return false;
  }
  std::lock_guard lock(discovered_mutex_);
  co_return discovered_.store(result, discovered_endpoints::clock::now());
}

asio::awaitable<json::object> client_impl::run_attempts(call_state& st, body_capture* capture) {
  std::exception_ptr failure;
  try {
    co_return co_await attempt_until_answered(st, capture);
  } catch (...) {
    failure = std::current_exception();
  }
  if (!st.answered) {  // botocore's after-call-error: the call ended without a final response
    st.args.raw_response = nullptr;
    st.args.parsed = nullptr;
    st.args.exception = failure;
    emit(st, st.names.after_call_error);
  }
  std::rethrow_exception(failure);
}

asio::awaitable<json::object> client_impl::attempt_until_answered(call_state& st, body_capture* capture) {
  operation_model const& op = *st.op;
  service_model const& model = *model_;

  std::unique_ptr<retry_strategy> retry;
  if (settings_.retry_mode == "standard" || settings_.retry_mode == "adaptive" || !retry_model_) {
    retry = make_standard_retry(settings_.max_attempts > 0 ? settings_.max_attempts : 3, quota_);
  } else {
    retry = make_legacy_retry(retry_model_->as_object(), model.metadata.endpoint_prefix, op.name,
                              settings_.max_attempts);
  }

  std::string message;
  int attempt = 0;
  int last_quota = 0;
  for (;;) {
    ++attempt;
    st.args.attempt = attempt;
    st.args.raw_response = nullptr;  // the previous attempt's response, result and failure are gone
    st.args.parsed = nullptr;
    st.args.exception = nullptr;
    http_request attempt_request = st.request;  // signing adds headers; each attempt starts clean
    bool sent_to_discovered = false;
    if (discovers(op, discovery_)) {
      if (auto address = co_await discovered_address(op)) {
        std::string prefix;
        sent_to_discovered = apply_endpoint_url(discovered_endpoint_url(*address), attempt_request, prefix);
        if (!sent_to_discovered)
          fail(error::endpoint_resolution, "the discovered endpoint \"" + *address + "\" is not an http(s) address",
               op.name);
        attempt_request.headers.remove("Host");
      }
    }
    st.args.request = &attempt_request;
    emit(st, st.names.before_sign);
    sign(st, attempt_request);

    // The response is parsed as it arrives: a large body is never held whole.
    http_response response;
    http_failure failure;
    response_body_parser body_parser(model, op);
    body_checks checks;
    // Why the attempt has no response: a transport failure, or what a before-send handler threw.
    std::exception_ptr attempt_exception;
    try {
      emit(st, st.names.before_send);
      if (st.args.http_response_override) {
        response = std::move(*st.args.http_response_override);
        st.args.http_response_override.reset();
        checks.begin(st.checksum, response);
        body_parser.begin(response);
      } else {
        log_attempt(op.name, attempt, attempt_request);
        co_await receive(attempt_request, response, body_parser, checks, st.checksum, failure, capture);
      }
    } catch (...) {
      attempt_exception = std::current_exception();
    }

    attempt_outcome outcome;
    json::object parsed;
    std::string error_code;
    bool parse_failed = false;
    if (attempt_exception || failure.code) {
      response = http_response{};
      if (!attempt_exception) attempt_exception = make_exception(failure.code, diagnostics{.message = failure.message});
      classify_attempt_failure(attempt_exception, outcome);
    } else {
      auto result = body_parser.finish(message);
      response.body = body_parser.take_body();
      st.args.raw_response = &response;
      outcome.http_status = response.status;
      if (auto mismatch = checks.checksum.finish()) fail(mismatch->kind, mismatch->message, op.name);
      if (!result) {
        parse_failed = true;
      } else {
        parsed = std::move(*result);
        error_code = error_code_of(parsed);
        outcome.error_code = error_code;
        classify_modeled(model, op, error_code, outcome);
        outcome.crc32_mismatch = response.status < 300 && crc32_mismatch(response, checks.crc32);
        outcome.clock_skew_corrected = is_clock_skew_code(error_code) && correct_clock(response);
      }
    }
    st.args.exception = attempt_exception;
    if (!parse_failed) {
      st.args.parsed = &parsed;
      emit(st, st.names.needs_retry);
    }

    auto decision = retry->decide(attempt, outcome);
    // botocore: the service says the discovered address is wrong; forget it and retry at once,
    // discovering afresh.
    if (sent_to_discovered && !attempt_exception &&
        (response.status == 421 || error_code == "InvalidEndpointException")) {
      {
        std::lock_guard lock(discovered_mutex_);
        discovered_.evict();
      }
      if (attempt < retry->max_attempts()) {
        decision.retry = true;
        decision.delay_seconds = 0;
      }
    }
    // A streamed body read by this attempt must start over; a source that cannot is not resent.
    bool const body_read = !attempt_exception || failure.maybe_sent;
    if (decision.retry && st.request.body_stream && !st.request.body_stream.rewind() && body_read) {
      decision.retry = false;
      failure.message += " (not retried: the request body source cannot be rewound)";
    }
    if (decision.retry && !parse_failed) {
      last_quota = decision.quota_acquired;
      log_retry(op.name, attempt, decision.delay_seconds);
      asio::steady_timer timer(executor_);
      timer.expires_after(std::chrono::microseconds(static_cast<std::int64_t>(decision.delay_seconds * 1e6)));
      co_await timer.async_wait(asio::use_awaitable);
      continue;
    }

    // Final outcome.
    if (failure.code) {
      diagnostics d;
      d.message = failure.message;
      d.operation = op.name;
      d.retry_attempts = attempt - 1;
      d.max_attempts_reached = decision.max_attempts_reached;
      throw_error(failure.code, std::move(d));
    }
    if (attempt_exception) std::rethrow_exception(attempt_exception);
    if (parse_failed) fail(error::parse, message, op.name);

    auto& metadata = parsed["ResponseMetadata"];
    if (!metadata.is_object()) metadata = json::object();
    metadata.get_object()["RetryAttempts"] = attempt - 1;
    if (decision.max_attempts_reached) metadata.get_object()["MaxAttemptsReached"] = true;

    if (!error_code.empty() || parsed.contains("Error")) {
      // botocore hands a service's error to after-call like any final response, then raises.
      st.answered = true;
      st.args.parsed = &parsed;
      emit(st, st.names.after_call);
      diagnostics d;
      d.operation = op.name;
      d.http_status = response.status;
      d.retry_attempts = attempt - 1;
      d.max_attempts_reached = decision.max_attempts_reached;
      if (auto const* e = parsed.if_contains("Error"); e && e->is_object()) {
        d.code = string_at(e->get_object(), "Code");
        d.message = string_at(e->get_object(), "Message");
      }
      if (auto const* m = parsed.if_contains("ResponseMetadata"); m && m->is_object())
        d.request_id = string_at(m->get_object(), "RequestId");
      d.response = std::move(parsed);
      throw client_error(std::move(d));
    }
    // A streaming output payload (GetObject's Body) arrives whole here as raw bytes, unless
    // the caller reads it as it arrives.
    if (op.output != no_shape && !capture) {
      auto const& out = model.at(op.output);
      if (out.payload_index >= 0) {
        auto const& payload = out.members[static_cast<std::size_t>(out.payload_index)];
        if (model.is_streaming(payload)) parsed[payload.name] = json::string(std::move(response.body));
      }
    }
    retry->on_success(last_quota);
    st.answered = true;
    st.args.parsed = &parsed;
    emit(st, st.names.after_call);
    co_return parsed;
  }
}

}  // namespace awscoro::detail
