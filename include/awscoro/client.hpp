// A service client: every operation of one service's model, as awaitable calls.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <awscoro/body_source.hpp>
#include <awscoro/config.hpp>
#include <awscoro/error.hpp>
#include <awscoro/events.hpp>
#include <awscoro/streaming_body.hpp>

namespace awscoro {

namespace detail {
class client_impl;
struct access;
}  // namespace detail

// What botocore's client.meta holds.
struct client_meta {
  std::string service_name;   // botocore's name: "s3"
  std::string service_id;     // the model's serviceId: "S3"
  std::string api_version;
  std::string protocol;       // the protocol this client speaks
  std::string region_name;
  std::string endpoint_url;   // the configured or default endpoint
  client_config config;       // the merged configuration
  std::vector<std::string> operation_names() const;
  event_emitter& events() const;

 private:
  friend struct detail::access;
  detail::client_impl* impl_ = nullptr;  // the client_impl this meta belongs to
};

class paginator;
class waiter;

class client {
 public:
  using executor_type = boost::asio::any_io_executor;

  client() = default;

  // Calls `operation` (the model's name, "ListObjectsV2") with `params` and returns botocore's
  // parsed result, ResponseMetadata included.
  //
  // Throws client_error when AWS answers with an error, param_validation_error before any I/O
  // when params do not match the input shape, unknown_operation_error for a name the model
  // does not have, no_credentials_error, endpoint_error, http_error (connection, TLS,
  // timeouts, after retries) and parse_error. Cancellation: terminal, through the awaiting
  // coroutine's cancellation slot.
  boost::asio::awaitable<boost::json::object> call(std::string operation, boost::json::object params = {}) const;

  // call() for an operation whose input payload is a blob (S3 PutObject and UploadPart's Body,
  // Lambda Invoke's Payload): that member's bytes are read from `body` as the request is sent,
  // in constant memory, instead of from params (which must not hold it). A body whose size is
  // unknown goes with Transfer-Encoding: chunked.
  //
  // S3 sends it aws-chunked: over https with a flexible checksum (the default) as
  // STREAMING-UNSIGNED-PAYLOAD-TRAILER, the checksum in the trailer, as botocore does; over
  // http with signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD, -TRAILER with a checksum),
  // which need the body's size: an unknown size over http needs s3.payload_signing_enabled =
  // false (an unsigned checksum trailer, as over https), else invalid_config. Other services need an operation with an unsigned payload. Retries re-read `body` after
  // rewinding it; when it cannot rewind (body_source::from_callback), a failure after it was
  // read ends the call, and the error says the source could not be rewound.
  //
  // Throws as call() does, and invalid_config for an operation without a blob input payload.
  // Lifetimes: `body` is shared, and kept until the call completes.
  boost::asio::awaitable<boost::json::object> call(std::string operation, boost::json::object params,
                                                   body_source body) const;

  // For an operation whose output payload is a blob (S3 GetObject, Lambda Invoke, Glacier
  // GetJobOutput: what botocore returns as a StreamingBody): returns once the response head has
  // arrived, with the body still on the wire. Errors and retries happen
  // as in call(), before anything is returned. Throws invalid_config for an operation without a
  // blob output payload.
  boost::asio::awaitable<streaming_result> call_streaming(std::string operation,
                                                          boost::json::object params = {}) const;

  // For an operation whose output is an event stream: returns once the response head has
  // arrived; the events are read with result.events.next(). Throws invalid_config for an
  // operation without event-stream output.
  boost::asio::awaitable<event_stream_result> call_event_stream(std::string operation,
                                                                boost::json::object params = {}) const;

  // The universal form: completion signature void(std::exception_ptr, boost::json::object).
  // Works with callbacks, use_future, deferred, use_awaitable and as_tuple.
  template <class CompletionToken>
  auto async_call(std::string operation, boost::json::object params, CompletionToken&& token) const {
    return boost::asio::co_spawn(get_executor(), call(std::move(operation), std::move(params)),
                                 std::forward<CompletionToken>(token));
  }

  // A URL that performs `client_method` (the operation's name, "GetObject", or botocore's
  // snake form, "get_object") with `params` for whoever holds it, until `expires_in` has passed
  // (1 s .. 7 days with SigV4). `http_method` replaces the operation's method when not empty.
  // The call is not sent. Throws as call() does before any I/O.
  boost::asio::awaitable<std::string> generate_presigned_url(std::string client_method,
                                                             boost::json::object params = {},
                                                             std::chrono::seconds expires_in = std::chrono::seconds(3600),
                                                             std::string http_method = {}) const;
  // S3 only: the URL and form fields of a browser upload (HTTP POST) of `key` into `bucket`:
  // {"url": ..., "fields": {...}}. `fields` and `conditions` extend the policy as in botocore;
  // a key ending in "${filename}" allows any name with that prefix.
  boost::asio::awaitable<boost::json::object> generate_presigned_post(std::string bucket, std::string key,
                                                                      boost::json::object fields = {},
                                                                      boost::json::array conditions = {},
                                                                      std::chrono::seconds expires_in = std::chrono::seconds(3600)) const;

  client_meta const& meta() const;
  executor_type get_executor() const;
  // Closes pooled connections; calls after close() fail.
  void close();
  // Whether `operation` (the model's name or its snake_case form) has a paginator.
  bool can_paginate(std::string_view operation) const;
  // The paginator of `operation`; throws unknown_operation_error listing the pageable ones.
  paginator get_paginator(std::string_view operation) const;
  // The waiter `name` ("BucketExists" or "bucket_exists"); throws unknown_operation_error
  // listing the service's waiters.
  waiter get_waiter(std::string_view name) const;

  explicit operator bool() const noexcept { return impl_ != nullptr; }

 private:
  friend struct detail::access;
  explicit client(std::shared_ptr<detail::client_impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<detail::client_impl> impl_;
};

}  // namespace awscoro
