// The client: the one place that knows the order of the stages of a call.
//
//   params -> events -> validate -> endpoint -> serialize -> events -> sign -> events -> http
//          -> parse -> retry (back to sign) -> events -> result or exception
//
// Each stage is a function of lib/<stage>; this file only sequences them, fires the events
// between them and turns failures into the exception types of <awscoro/error.hpp>.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <awscoro/client.hpp>
#include <awscoro/credentials.hpp>
#include <awscoro/events.hpp>

#include "client/call_endpoint.hpp"
#include "client/endpoint_discovery.hpp"
#include "http/http_client.hpp"
#include "util/crypto.hpp"
#include "client/request_checksum.hpp"
#include "model/service_model.hpp"

namespace awscoro::detail {

class session_impl;
class response_body_parser;
class retry_quota;
class signer_cache;

// "<event>.<service>.<Operation>" for every event a call emits, built once per operation and
// kept by the client.
struct event_names {
  std::string provide_client_params, before_parameter_build, before_call, request_created, before_sign, before_send,
      needs_retry, after_call, after_call_error;
  event_names(std::string_view service, std::string_view op);
};

// One call as it moves through the stages.
struct call_state {
  call_state(operation_model const& o, boost::json::object p, event_names const& n)
      : op(&o), params(std::move(p)), names(n) {}
  call_state(call_state const&) = delete;
  call_state& operator=(call_state const&) = delete;

  operation_model const* op;
  boost::json::object params;
  boost::json::object context;
  event_names const& names;
  event_args args;
  call_endpoint endpoint;
  http_request request;  // serialized and placed on the endpoint, not yet signed
  body_source upload;    // the streamed request body the caller gave, if any
  checksum_context checksum;
  credentials creds;
  bool anonymous = false;
  bool answered = false;  // the final response was handed to after-call
};

// The body of a successful response, left unread for the caller (call_streaming).
struct body_capture {
  http_body body;
  std::string first;  // the part of the body that arrived with the head
  std::optional<std::uint64_t> content_length;  // as the response declared it
  response_checksum_check checksum;  // to finish at the end of the body
};

// What is computed over a response body as it arrives: its CRC32 (DynamoDB's x-amz-crc32) and
// the flexible checksum the call validates.
struct body_checks {
  std::uint32_t crc32 = 0;
  response_checksum_check checksum;

  // Starts with the head, whose body holds the first bytes.
  void begin(checksum_context const& context, http_response const& head) {
    checksum.begin(context, head);
    update(head.body);
  }
  void update(std::string_view piece) {
    crc32 = crc32_of(piece, crc32);
    checksum.update(piece);
  }
};

// Whether the operation's output payload is a blob: botocore's has_streaming_output.
bool has_blob_payload(service_model const& model, operation_model const& op);

// Everything a client resolved at creation: what each call reads and never recomputes.
struct client_settings {
  std::string region;
  std::string endpoint_url;             // explicit endpoint (argument, env, config), or empty
  bool endpoint_url_argument = false;   // endpoint_url came from create_client's options
  bool use_ssl = true;
  bool verify = true;
  std::string ca_bundle;
  bool parameter_validation = true;
  bool inject_host_prefix = true;
  bool unsigned_requests = false;       // signature_version UNSIGNED
  std::string retry_mode = "legacy";
  int max_attempts = -1;                // total attempts; -1: the mode's default
  std::string user_agent;
  std::string sts_regional_endpoints = "regional";  // "legacy" picks the global STS endpoint
  proxy_settings proxy;                 // the config's proxies, else the environment's
  std::string bearer_token;             // from AWS_BEARER_TOKEN_<SIGNING NAME>, or empty
  bool prefer_bearer_token = false;     // the token replaces SigV4 where an operation accepts both
  std::string endpoint_discovery = "auto";  // endpoint_discovery_enabled: auto, true or false
};

class client_impl : public std::enable_shared_from_this<client_impl> {
 public:
  client_impl(boost::asio::any_io_executor ex, std::shared_ptr<session_impl> session,
              std::shared_ptr<service_model const> model, client_settings settings, client_config config,
              std::optional<credentials> static_credentials, event_emitter events);
  ~client_impl();

  boost::asio::awaitable<boost::json::object> call(std::string operation, boost::json::object params);
  // call() with the operation's streaming input member read from `body` (client_upload.cpp).
  boost::asio::awaitable<boost::json::object> call_upload(std::string operation, boost::json::object params,
                                                          body_source body);
  // call() for an operation with a blob payload or an event stream as output: on success the
  // body is left unread in `capture` and the result holds the other members.
  boost::asio::awaitable<boost::json::object> call_streaming(std::string operation, boost::json::object params,
                                                             body_capture& capture);
  // The pipeline stopped after signing: the request as it would be sent (--show-request).
  boost::asio::awaitable<http_request> build_signed_request(std::string operation, boost::json::object params);
  void close();
  // Presigning (presign.cpp): the pipeline stopped after signing into the query string or a
  // POST policy.
  boost::asio::awaitable<std::string> presign_url(std::string operation, boost::json::object params,
                                                  std::chrono::seconds expires, std::string http_method);
  boost::asio::awaitable<boost::json::object> presign_post(std::string bucket, std::string key,
                                                           boost::json::object fields, boost::json::array conditions,
                                                           std::chrono::seconds expires);

  boost::asio::any_io_executor executor() const { return executor_; }
  client_meta& meta() { return meta_; }
  service_model const& model() const { return *model_; }
  event_emitter& events() { return events_; }

 private:
  operation_model const& find_operation(std::string const& name) const;
  boost::asio::awaitable<credentials> current_credentials();
  void emit(call_state& st, std::string const& name);
  // The discovered address a call of the operation is sent to (refreshing the cache through
  // DescribeEndpoints when needed), or nullopt to use the resolved endpoint.
  boost::asio::awaitable<std::optional<std::string>> discovered_address(operation_model const& op);
  // Asks DescribeEndpoints; false when it could not be reached.
  boost::asio::awaitable<bool> refresh_discovered_endpoints();
  // The operation's event names, made on its first call.
  event_names const& names_for(operation_model const& op);
  // Stages 1-4: params, validation, endpoint, serialization, before-call, credentials.
  boost::asio::awaitable<void> prepare(call_state& st);
  // Sends one attempt and feeds its response to `parser` as it arrives; `body_crc` gets the
  // CRC32 of the body (DynamoDB checks it).
  boost::asio::awaitable<void> receive(http_request const& request, http_response& response,
                                       response_body_parser& parser, body_checks& checks,
                                       checksum_context const& checksum, http_failure& failure,
                                       body_capture* capture);
  // The attempts of a prepared call: sign, send, parse, retry; `capture` as in call_streaming().
  // A call that fails without a final response is reported to after-call-error.
  boost::asio::awaitable<boost::json::object> run_attempts(call_state& st, body_capture* capture);
  // The attempts until one is final; after-call then sees the final response.
  boost::asio::awaitable<boost::json::object> attempt_until_answered(call_state& st, body_capture* capture);
  void sign(call_state& st, http_request& request);
  // Adopts the server's clock from a clock-skew error's Date header; true when it changed.
  bool correct_clock(http_response const& response);
  bool should_sign_payload(service_model const& model, operation_model const& op, http_request const& request,
                           bool s3, std::string_view checksum_header = "Content-MD5") const;
  // The flexible checksum and compression settings of this client (request_checksum.hpp,
  // request_compression.hpp).
  checksum_settings checksum_settings_for(call_state const& st) const;
  std::string_view effective_signature_version() const;
  // presign.cpp: stages 1-4 for a presigned request, on botocore's global S3 endpoint when it
  // would use it; then the signature version botocore presigns with.
  boost::asio::awaitable<void> prepare_presign(call_state& st);
  std::string presign_scheme(call_state const& st) const;

  boost::asio::any_io_executor executor_;
  std::shared_ptr<session_impl> session_;
  std::shared_ptr<service_model const> model_;
  client_settings settings_;
  std::optional<credentials> static_credentials_;
  event_emitter events_;
  client_meta meta_;
  call_endpoint_resolver endpoints_;
  std::unique_ptr<http_client> http_;
  std::shared_ptr<retry_quota> quota_;
  std::shared_ptr<boost::json::value const> retry_model_;
  discovery_mode discovery_ = discovery_mode::off;
  std::string endpoint_operation_;      // DescribeEndpoints' name in the model
  std::mutex discovered_mutex_;         // held only between suspensions
  discovered_endpoints discovered_;
  std::mutex names_mutex_;  // a client may be called from several threads
  std::unordered_map<operation_model const*, std::unique_ptr<event_names const>> names_;
  bool closed_ = false;
};

struct access {
  static std::shared_ptr<client_impl> const& impl(client const& c) { return c.impl_; }
  static client make_client(std::shared_ptr<client_impl> impl) { return client(std::move(impl)); }
  static void set_impl(client_meta& m, client_impl* impl) { m.impl_ = impl; }
  static client_impl* impl(client_meta const& m) { return m.impl_; }
};

}  // namespace awscoro::detail
