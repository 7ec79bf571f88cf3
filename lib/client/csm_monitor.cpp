#include "client/csm_monitor.hpp"

#include <chrono>
#include <exception>
#include <memory>
#include <typeinfo>
#include <string_view>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/json/object.hpp>

#include "config/config_resolver.hpp"
#include "retry/retry_strategy.hpp"
#include "util/json_text.hpp"
#include "util/type_name.hpp"

namespace awscoro::detail {
namespace asio = boost::asio;
namespace json = boost::json;
using udp = asio::ip::udp;

namespace {

// botocore's CSMSerializer limits, in characters, and SocketPublisher's datagram limit.
constexpr std::size_t max_client_id_length = 255;
constexpr std::size_t max_exception_class_length = 128;
constexpr std::size_t max_error_code_length = 128;
constexpr std::size_t max_user_agent_length = 256;
constexpr std::size_t max_message_length = 512;
constexpr std::size_t max_datagram_length = 8 * 1024;

// Where the monitor keeps the call and the attempt in flight, in the call's context.
constexpr std::string_view call_key = "csm_api_call";
constexpr std::string_view attempt_key = "csm_api_call_attempt";

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xc0) != 0x80;
  return n;
}

// The first `max_chars` characters, as Python's text[:max_length] cuts them.
std::string truncated(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) == 0x80) continue;
    if (chars++ == max_chars) return std::string(text.substr(0, i));
  }
  return std::string(text);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_'; }
bool is_region_char(char c) { return (c >= 'a' && c <= 'z') || is_digit(c) || c == '-'; }

// Consumes a run of characters accepted by `accept` (at least one) and then `end`.
template <class Accept>
std::optional<std::string_view> take_until(std::string_view& rest, Accept accept, char end) {
  std::size_t i = 0;
  while (i < rest.size() && accept(rest[i])) ++i;
  if (i == 0 || i >= rest.size() || rest[i] != end) return std::nullopt;
  auto run = rest.substr(0, i);
  rest.remove_prefix(i + 1);
  return run;
}

struct signed_by {
  std::string access_key;
  std::string region;  // SigV4 only
};

// The access key (and SigV4's signing region) in an Authorization value, as botocore's
// _AUTH_REGEXS read them.
std::optional<signed_by> parse_authorization(std::string_view value) {
  constexpr std::string_view v4 = "AWS4-HMAC-SHA256 Credential=";
  constexpr std::string_view s3 = "AWS ";
  if (value.starts_with(v4)) {
    std::string_view rest = value.substr(v4.size());
    auto key = take_until(rest, is_word_char, '/');
    auto date = key ? take_until(rest, is_digit, '/') : std::nullopt;
    auto region = date ? take_until(rest, is_region_char, '/') : std::nullopt;
    if (region) return signed_by{std::string(*key), std::string(*region)};
  } else if (value.starts_with(s3)) {
    std::string_view rest = value.substr(s3.size());
    if (auto key = take_until(rest, is_word_char, ':')) return signed_by{std::string(*key), {}};
  }
  return std::nullopt;
}

std::string_view string_or_empty(json::object const& o, std::string_view key) {
  auto const* v = o.if_contains(key);
  return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

// Sends datagrams from one socket, on a strand so calls on any thread may publish.
class csm_publisher : public std::enable_shared_from_this<csm_publisher> {
 public:
  csm_publisher(asio::any_io_executor executor, csm_settings settings)
      : strand_(asio::make_strand(std::move(executor))),
        socket_(strand_),
        resolver_(strand_),
        settings_(std::move(settings)) {}

  void publish(json::object const& event) {
    auto datagram = std::make_shared<std::string>();
    append_json_value(*datagram, event, json_spacing::compact);
    if (datagram->size() > max_datagram_length) return;
    asio::post(strand_, [self = shared_from_this(), datagram] { self->send(datagram); });
  }

 private:
  void send(std::shared_ptr<std::string> const& datagram) {
    if (target_) {
      send_to(*target_, datagram);
      return;
    }
    boost::system::error_code ec;
    auto address = asio::ip::make_address(settings_.host, ec);
    if (!ec) {
      send_to(udp::endpoint(address, settings_.port), datagram);
      return;
    }
    // A host name: resolved without blocking the loop, then kept.
    resolver_.async_resolve(settings_.host, std::to_string(settings_.port),
                            [self = shared_from_this(), datagram](boost::system::error_code ec,
                                                                  udp::resolver::results_type results) {
                              if (!ec && !results.empty()) self->send_to(results.begin()->endpoint(), datagram);
                            });
  }

  void send_to(udp::endpoint const& target, std::shared_ptr<std::string> const& datagram) {
    if (!target_ || target_->protocol() != target.protocol()) {
      boost::system::error_code ec;
      if (socket_.is_open()) socket_.close(ec);
      socket_.open(target.protocol(), ec);
      if (ec) return;
    }
    target_ = target;
    socket_.async_send_to(asio::buffer(*datagram), target, [datagram](boost::system::error_code, std::size_t) {});
  }

  asio::strand<asio::any_io_executor> strand_;
  udp::socket socket_;
  udp::resolver resolver_;
  csm_settings settings_;
  std::optional<udp::endpoint> target_;
};

class csm_monitor {
 public:
  csm_monitor(std::shared_ptr<csm_publisher> publisher, std::string service_id, std::string client_id)
      : publisher_(std::move(publisher)), service_id_(std::move(service_id)), client_id_(std::move(client_id)) {}

  void on_call_start(event_args& args) const {
    if (!args.context) return;
    json::object call;
    call["Timestamp"] = now_ms();
    call["AttemptCount"] = 0;
    (*args.context)[call_key] = std::move(call);
  }

  // Each attempt, once signed. The previous attempt's response and parsed result no longer
  // exist here, so they are cleared for the attempt's later handlers.
  void on_attempt_start(event_args& args) const {
    args.raw_response = nullptr;
    args.parsed = nullptr;
    if (!args.context || !args.request) return;
    auto const& request = *args.request;
    json::object attempt;
    attempt["Timestamp"] = now_ms();
    attempt["Fqdn"] = request.authority();
    auto const* agent = request.headers.find("User-Agent");
    attempt["UserAgent"] = truncated(agent ? *agent : std::string(), max_user_agent_length);
    if (auto const* authorization = request.headers.find("Authorization")) {
      if (auto signer = parse_authorization(*authorization)) {
        attempt["AccessKey"] = signer->access_key;
        if (!signer->region.empty()) attempt["Region"] = signer->region;
      }
    }
    if (auto const* token = request.headers.find("X-Amz-Security-Token")) attempt["SessionToken"] = *token;
    (*args.context)[attempt_key] = std::move(attempt);
  }

  void on_attempt_end(event_args& args) const {
    if (!args.context || !args.context->contains(attempt_key)) return;
    json::object attempt = std::move((*args.context)[attempt_key].as_object());
    args.context->erase(attempt_key);  // moves other members: look the call up after it
    auto* call = call_state(args);
    if (!call) return;

    json::object event = base_event("ApiCallAttempt", args, attempt.at("Timestamp"));
    event["AttemptLatency"] = now_ms() - attempt.at("Timestamp").as_int64();
    for (auto const& [key, value] : attempt)
      if (key != "Timestamp") event[key] = value;

    // The call event reports its last attempt.
    for (auto const* key : {"Region", "UserAgent", "FinalHttpStatusCode", "FinalAwsException",
                            "FinalAwsExceptionMessage", "FinalSdkException", "FinalSdkExceptionMessage"})
      call->erase(key);
    if (auto const* region = attempt.if_contains("Region")) (*call)["Region"] = *region;
    (*call)["UserAgent"] = attempt.at("UserAgent");
    (*call)["AttemptCount"] = call->at("AttemptCount").as_int64() + 1;

    if (auto const* response = args.raw_response) {
      event["HttpStatusCode"] = response->status;
      (*call)["FinalHttpStatusCode"] = response->status;
      for (auto const& [header, entry] : response_header_entries)
        if (auto const* value = response->headers.find(header)) event[entry] = *value;
      if (auto const* error = parsed_error(args)) {
        auto code = truncated(string_or_empty(*error, "Code"), max_error_code_length);
        auto message = truncated(string_or_empty(*error, "Message"), max_message_length);
        event["AwsException"] = code;
        event["AwsExceptionMessage"] = message;
        (*call)["FinalAwsException"] = std::move(code);
        (*call)["FinalAwsExceptionMessage"] = std::move(message);
      }
    } else if (args.exception) {  // no response: the exception that ended the attempt
      auto [name, message] = describe(args.exception);
      event["SdkException"] = name;
      event["SdkExceptionMessage"] = message;
      (*call)["FinalSdkException"] = std::move(name);
      (*call)["FinalSdkExceptionMessage"] = std::move(message);
    }
    publisher_->publish(event);
  }

  void on_call_end(event_args& args) const {
    auto* call = call_state(args);
    if (!call) return;
    json::object event = base_event("ApiCall", args, call->at("Timestamp"));
    for (auto const& [key, value] : *call)
      if (key != "Timestamp") event[key] = value;
    event["Latency"] = now_ms() - call->at("Timestamp").as_int64();
    bool exceeded = false;
    if (args.exception) {
      // after-call-error comes after the retries: a connection error that ends the call has
      // used them all.
      attempt_outcome outcome;
      classify_attempt_failure(args.exception, outcome);
      exceeded = outcome.connection_error;
    } else if (args.parsed) {
      if (auto const* metadata = args.parsed->if_contains("ResponseMetadata"); metadata && metadata->is_object()) {
        auto const* reached = metadata->get_object().if_contains("MaxAttemptsReached");
        exceeded = reached && reached->is_bool() && reached->get_bool();
      }
    }
    event["MaxRetriesExceeded"] = exceeded ? 1 : 0;
    args.context->erase(call_key);
    publisher_->publish(event);
  }

 private:
  static constexpr std::pair<std::string_view, std::string_view> response_header_entries[] = {
      {"x-amzn-requestid", "XAmznRequestId"}, {"x-amz-request-id", "XAmzRequestId"}, {"x-amz-id-2", "XAmzId2"}};

  static json::object* call_state(event_args& args) {
    if (!args.context) return nullptr;
    auto* call = args.context->if_contains(call_key);
    return call && call->is_object() ? &call->get_object() : nullptr;
  }

  // botocore's class name and str() of an exception, truncated as it does.
  static std::pair<std::string, std::string> describe(std::exception_ptr const& failure) {
    try {
      std::rethrow_exception(failure);
    } catch (std::exception const& e) {
      return {truncated(type_name(typeid(e)), max_exception_class_length), truncated(e.what(), max_message_length)};
    } catch (...) {
      return {"unknown", ""};
    }
  }

  static json::object const* parsed_error(event_args const& args) {
    if (!args.parsed) return nullptr;
    auto const* error = args.parsed->if_contains("Error");
    return error && error->is_object() ? &error->get_object() : nullptr;
  }

  json::object base_event(std::string_view type, event_args const& args, json::value const& timestamp) const {
    json::object event;
    event["Version"] = 1;
    event["ClientId"] = client_id_;
    event["Type"] = type;
    event["Service"] = service_id_;
    event["Api"] = args.operation_name;
    event["Timestamp"] = timestamp;
    return event;
  }

  std::shared_ptr<csm_publisher> publisher_;
  std::string service_id_;
  std::string client_id_;
};

}  // namespace

config_result<std::optional<csm_settings>> csm_settings_from(config_resolver const& config) {
  if (!config.get_bool("csm_enabled").value_or(false)) return std::optional<csm_settings>();
  csm_settings settings;
  if (auto host = config.get("csm_host")) settings.host = *host;
  auto port = config.get_int("csm_port");
  if (!port) return port.error();
  if (*port) {
    if (**port < 1 || **port > 65535)
      return make_error_info(error::invalid_config,
                             "csm_port must be between 1 and 65535, got " + std::to_string(**port));
    settings.port = static_cast<std::uint16_t>(**port);
  }
  if (auto id = config.get("csm_client_id")) settings.client_id = *id;
  if (utf8_length(settings.client_id) > max_client_id_length)
    return make_error_info(error::invalid_config, "csm_client_id exceeds the maximum length of " +
                                                      std::to_string(max_client_id_length) + " characters");
  return std::optional<csm_settings>(std::move(settings));
}

void register_csm_monitor(event_emitter& events, asio::any_io_executor executor, std::string service_id,
                          csm_settings settings) {
  std::string client_id = settings.client_id;
  auto publisher = std::make_shared<csm_publisher>(std::move(executor), std::move(settings));
  auto monitor = std::make_shared<csm_monitor const>(std::move(publisher), std::move(service_id), std::move(client_id));
  events.register_handler("before-parameter-build", [monitor](event_args& a) { monitor->on_call_start(a); },
                          "csm-monitor-before-parameter-build");
  events.register_handler("before-send", [monitor](event_args& a) { monitor->on_attempt_start(a); },
                          "csm-monitor-before-send");
  events.register_handler("needs-retry", [monitor](event_args& a) { monitor->on_attempt_end(a); },
                          "csm-monitor-needs-retry");
  events.register_handler("after-call", [monitor](event_args& a) { monitor->on_call_end(a); },
                          "csm-monitor-after-call");
  events.register_handler("after-call-error", [monitor](event_args& a) { monitor->on_call_end(a); },
                          "csm-monitor-after-call-error");
}

}  // namespace awscoro::detail
