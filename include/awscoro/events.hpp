// The event emitter: botocore's hierarchical event system.
//
// Events have dotted names, most general part first: "before-call.s3.PutObject". A handler
// registered for "before-call.s3" receives every S3 before-call; one registered for
// "before-call" receives all of them. Handlers registered for a more specific name run before
// more general ones; among handlers of one name, registration order holds. A handler may carry
// a unique id: registering the same unique id twice keeps the first.
//
// Events a call emits, in order (names as botocore's):
//   provide-client-params.<service>.<Op>    params may be edited
//   before-parameter-build.<service>.<Op>   params may be edited
//   before-endpoint-resolution.<service>
//   before-call.<service>.<Op>              request may be edited; a handler may set `response`
//   request-created.<service>.<Op>
//   before-sign.<service>.<Op>
//   before-send.<service>.<Op>              a handler may set `http_response` to answer instead
//   needs-retry.<service>.<Op>              after each attempt: its response, or its `exception`
//   after-call.<service>.<Op>               the final response (a result or a service error);
//                                           the parsed result may be edited
//   after-call-error.<service>.<Op>         instead of after-call when the call fails without a
//                                           final response (a connection failure after the
//                                           retries, a parse error...): `exception` says why
//
// A before-send handler that throws fails the attempt with its exception, as a transport failure
// would: an awscoro::http_error with a connection code (connect_failed, connection_closed, a
// timeout...) is retried like one; any other exception ends the call.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include <awscoro/http_message.hpp>

namespace awscoro {

// What a handler sees. Pointers are null where the event has no such data.
struct event_args {
  std::string_view event_name;
  std::string_view service_name;
  std::string_view operation_name;
  boost::json::object* params = nullptr;        // the call's input parameters
  boost::json::object* context = nullptr;       // per-call scratch space shared by handlers
  http_request* request = nullptr;              // the request being built or sent
  http_response const* raw_response = nullptr;  // the HTTP response received
  boost::json::object* parsed = nullptr;        // the parsed result or error
  // before-endpoint-resolution: the endpoint rule set's built-in values by built-in name
  // ("AWS::Region": "us-east-1"); a handler may change, add or remove them.
  boost::json::object* builtins = nullptr;
  int attempt = 0;                              // 1 for the first attempt
  // needs-retry: why the attempt has no response; after-call-error: the exception ending the call.
  std::exception_ptr exception;
  // Set by a before-call handler to end the call with this result, skipping the network.
  std::optional<boost::json::object> response;
  // Set by a before-send handler to use this HTTP response instead of sending the request.
  std::optional<http_response> http_response_override;
};

using event_handler = std::function<void(event_args&)>;

class event_emitter {
 public:
  using handler_id = std::uint64_t;

  event_emitter();
  ~event_emitter();
  event_emitter(event_emitter&&) noexcept;
  event_emitter& operator=(event_emitter&&) noexcept;

  // Registers `handler` for `event_name` and every event below it. With a non-empty
  // `unique_id`, a second registration of the same id is ignored and returns the first's id.
  handler_id register_handler(std::string_view event_name, event_handler handler, std::string_view unique_id = {});
  // Like register_handler, but runs before the handlers already registered for that name.
  handler_id register_first(std::string_view event_name, event_handler handler, std::string_view unique_id = {});
  // Removes a handler by id, or by unique id; returns whether one was removed.
  bool unregister(std::string_view event_name, handler_id id);
  bool unregister(std::string_view event_name, std::string_view unique_id);

  // Runs every handler for `args.event_name`, most specific name first. Exceptions propagate.
  void emit(event_args& args) const;
  // True when some handler would receive `event_name`: lets callers skip building args.
  bool has_handlers(std::string_view event_name) const;

  // A copy with the same handlers; later registrations on either do not affect the other.
  event_emitter copy() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace awscoro
