// The public streaming_body and event_stream over an http_body left unread by a call, and the
// client's call_streaming() / call_event_stream() that produce them.
#include <awscoro/streaming_body.hpp>

#include <algorithm>
#include <cstring>

#include <awscoro/client.hpp>
#include <awscoro/error.hpp>

#include "client/client_impl.hpp"
#include "parse/event_stream_decoder.hpp"

namespace awscoro {
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

[[noreturn]] void throw_failure(detail::http_failure const& failure, std::string const& operation) {
  diagnostics d;
  d.message = failure.message;
  d.operation = operation;
  throw_error(failure.code, std::move(d));
}

[[noreturn]] void throw_parse(std::string message, std::string const& operation) {
  diagnostics d;
  d.message = operation + ": " + message;
  d.operation = operation;
  throw_error(make_error_code(error::parse), std::move(d));
}

}  // namespace

struct streaming_body::state {
  std::shared_ptr<detail::client_impl> client;  // keeps the connection's pool alive
  std::string operation;
  detail::http_body body;
  std::string piece;        // the piece being handed out
  std::size_t offset = 0;   // how much of `piece` was handed out
  std::optional<std::uint64_t> content_length;
  std::uint64_t read = 0;
  detail::response_checksum_check checksum;  // of the whole body, checked at its end

  // Makes `piece` hold unread bytes; false at the end of the body.
  asio::awaitable<bool> fill() {
    while (offset == piece.size()) {
      if (body.done()) co_return false;
      piece.clear();
      offset = 0;
      detail::http_failure failure;
      if (!co_await body.read(piece, failure)) throw_failure(failure, operation);
      checksum.update(piece);
      if (body.done()) check_at_end();
    }
    co_return true;
  }

  void check_at_end() {
    auto mismatch = checksum.finish();
    if (!mismatch) return;
    diagnostics d;
    d.message = mismatch->message;
    d.operation = operation;
    throw_error(make_error_code(mismatch->kind), std::move(d));
  }
};

struct event_stream::state {
  streaming_body body;
  std::string operation;
  detail::service_model const* model = nullptr;
  detail::shape_id stream_shape = detail::no_shape;
  detail::event_stream_decoder decoder;
};

namespace detail {

struct streaming_access {
  static streaming_body make_body(std::shared_ptr<client_impl> client, std::string operation, body_capture capture) {
    streaming_body b;
    b.state_ = std::make_unique<streaming_body::state>();
    auto& s = *b.state_;
    s.client = std::move(client);
    s.operation = std::move(operation);
    s.body = std::move(capture.body);
    s.piece = std::move(capture.first);
    s.content_length = capture.content_length;
    s.checksum = std::move(capture.checksum);
    if (s.body.done()) s.check_at_end();  // the whole body came with the head
    return b;
  }

  static event_stream make_events(streaming_body body, service_model const& model, shape_id stream_shape) {
    event_stream e;
    e.state_ = std::make_unique<event_stream::state>();
    e.state_->operation = body.state_->operation;
    e.state_->body = std::move(body);
    e.state_->model = &model;
    e.state_->stream_shape = stream_shape;
    return e;
  }
};

bool has_blob_payload(service_model const& model, operation_model const& op) {
  if (op.output == no_shape) return false;
  auto const& out = model.at(op.output);
  if (out.payload_index < 0) return false;
  return model.target(out.members[static_cast<std::size_t>(out.payload_index)]).type == shape_type::blob;
}

}  // namespace detail

streaming_body::streaming_body() = default;
streaming_body::streaming_body(streaming_body&&) noexcept = default;
streaming_body& streaming_body::operator=(streaming_body&&) noexcept = default;
streaming_body::~streaming_body() = default;

asio::awaitable<std::optional<std::string_view>> streaming_body::read_some() {
  if (!state_ || !co_await state_->fill()) co_return std::nullopt;
  auto& s = *state_;
  std::string_view out(s.piece.data() + s.offset, s.piece.size() - s.offset);
  s.offset = s.piece.size();
  s.read += out.size();
  co_return out;
}

asio::awaitable<std::size_t> streaming_body::read_some(asio::mutable_buffer buffer) {
  if (buffer.size() == 0 || !state_ || !co_await state_->fill()) co_return 0;
  auto& s = *state_;
  std::size_t n = std::min(buffer.size(), s.piece.size() - s.offset);
  std::memcpy(buffer.data(), s.piece.data() + s.offset, n);
  s.offset += n;
  s.read += n;
  co_return n;
}

asio::awaitable<std::string> streaming_body::read_all() {
  std::string all;
  if (state_ && state_->content_length) all.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(*state_->content_length, 64u << 20)));
  while (auto piece = co_await read_some()) all.append(*piece);
  co_return all;
}

bool streaming_body::done() const { return !state_ || (state_->offset == state_->piece.size() && state_->body.done()); }

std::optional<std::uint64_t> streaming_body::content_length() const {
  return state_ ? state_->content_length : std::nullopt;
}

std::uint64_t streaming_body::bytes_read() const { return state_ ? state_->read : 0; }

void streaming_body::close() {
  if (!state_) return;
  state_->body.close();
  state_->piece.clear();
  state_->offset = 0;
}

event_stream::event_stream() = default;
event_stream::event_stream(event_stream&&) noexcept = default;
event_stream& event_stream::operator=(event_stream&&) noexcept = default;
event_stream::~event_stream() = default;

asio::awaitable<std::optional<json::object>> event_stream::next() {
  if (!state_) co_return std::nullopt;
  auto& s = *state_;
  std::string const& operation = s.operation;
  for (;;) {
    detail::event_message message;
    switch (s.decoder.next(message)) {
      case detail::event_stream_decoder::status::error:
        throw_parse("corrupt event stream: " + s.decoder.error(), operation);
      case detail::event_stream_decoder::status::need_more: {
        auto piece = co_await s.body.read_some();
        if (!piece) {
          if (!s.decoder.at_boundary()) throw_parse("the event stream ended in the middle of a message", operation);
          co_return std::nullopt;
        }
        s.decoder.feed(*piece);
        continue;
      }
      case detail::event_stream_decoder::status::message:
        break;
    }
    detail::parsed_event event;
    std::string why;
    if (!detail::parse_event_message(*s.model, s.stream_shape, message, event, why))
      throw_parse("event " + std::string(message.header_text(":event-type")) + ": " + why, operation);
    using kind = detail::parsed_event::kind_t;
    // An event the model does not know (a json protocol's initial-response among them) parses
    // to nothing, and botocore's iteration skips it; so do messages that are neither events nor
    // errors.
    if (event.kind == kind::unknown || (event.kind == kind::event && event.value.empty())) continue;
    if (event.kind == kind::event) co_return std::move(event.value);
    diagnostics d;
    d.operation = operation;
    if (auto const* e = event.value.if_contains("Error"); e && e->is_object()) {
      auto const& err = e->get_object();
      if (auto const* c = err.if_contains("Code"); c && c->is_string()) d.code = c->get_string();
      if (auto const* m = err.if_contains("Message"); m && m->is_string()) d.message = m->get_string();
    }
    d.response = std::move(event.value);
    s.body.close();
    throw client_error(std::move(d));
  }
}

void event_stream::close() {
  if (state_) state_->body.close();
}

asio::awaitable<streaming_result> client::call_streaming(std::string operation, json::object params) const {
  if (!impl_) throw config_error(make_error_code(error::invalid_config), "call on an empty client");
  auto impl = impl_;
  detail::body_capture capture;
  streaming_result out;
  out.result = co_await impl->call_streaming(operation, std::move(params), capture);
  out.body = detail::streaming_access::make_body(impl, std::move(operation), std::move(capture));
  co_return out;
}

asio::awaitable<event_stream_result> client::call_event_stream(std::string operation, json::object params) const {
  if (!impl_) throw config_error(make_error_code(error::invalid_config), "call on an empty client");
  auto impl = impl_;
  auto const& model = impl->model();
  auto const* op = model.find_operation(operation);
  if (op && !op->has_event_stream_output(model)) {
    diagnostics d;
    d.message = operation + " has no event-stream output";
    d.operation = operation;
    throw_error(make_error_code(error::invalid_config), std::move(d));
  }
  detail::body_capture capture;
  event_stream_result out;
  out.result = co_await impl->call_streaming(operation, std::move(params), capture);
  op = model.find_operation(operation);
  auto const& member = model.at(op->output).members[static_cast<std::size_t>(op->event_stream_output_member(model))];
  auto body = detail::streaming_access::make_body(impl, std::move(operation), std::move(capture));
  out.events = detail::streaming_access::make_events(std::move(body), model, member.target);
  co_return out;
}

}  // namespace awscoro
