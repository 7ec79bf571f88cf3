#include "http/http_connection.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <tuple>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_suffix.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "http/request_head.hpp"

namespace awscoro::detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::deferred);
constexpr std::size_t read_chunk = 64 * 1024;
constexpr std::uint32_t header_limit = 256 * 1024;

}  // namespace

// Fills an http_response straight from the wire: fields in the order received (Beast's fields
// container would move a repeated name next to its first occurrence); body bytes are appended to
// whichever string is the target at the time, so a body can be taken whole or piece by piece.
class response_reader final : public http::basic_parser<false> {
 public:
  explicit response_reader(http_response& out) : out_(out), body_(&out.body) {}
  unsigned status() const { return out_.status; }
  http_response& out() { return out_; }
  void body_target(std::string& target) { body_ = &target; }

 private:
  void on_request_impl(http::verb, beast::string_view, beast::string_view, int, error_code&) override {}
  void on_response_impl(int code, beast::string_view, int, error_code&) override {
    out_.status = static_cast<unsigned>(code);
    out_.headers.clear();
    out_.body.clear();
  }
  void on_field_impl(http::field, beast::string_view name, beast::string_view value, error_code&) override {
    out_.headers.add(std::string_view(name.data(), name.size()), std::string(value.data(), value.size()));
  }
  void on_header_impl(error_code&) override {}
  void on_body_init_impl(boost::optional<std::uint64_t> const& length, error_code&) override {
    // Trust a declared length for the allocation only up to a point.
    if (length) body_->reserve(static_cast<std::size_t>(std::min<std::uint64_t>(*length, 64u << 20)));
  }
  std::size_t on_body_impl(beast::string_view body, error_code&) override {
    body_->append(body.data(), body.size());
    return body.size();
  }
  void on_chunk_header_impl(std::uint64_t, beast::string_view, error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view body, error_code&) override {
    body_->append(body.data(), body.size());
    return body.size();
  }
  void on_finish_impl(error_code&) override {}

  http_response& out_;
  std::string* body_;
};

namespace {

using stream_variant = std::variant<tcp::socket, asio::ssl::stream<tcp::socket>,
                                    asio::ssl::stream<asio::ssl::stream<tcp::socket>>>;

stream_variant make_stream(asio::any_io_executor const& executor, asio::ssl::context* tls, asio::ssl::context* proxy_tls) {
  if (tls && proxy_tls)
    return stream_variant(std::in_place_index<2>, asio::ssl::stream<tcp::socket>(executor, *proxy_tls), *tls);
  if (tls || proxy_tls) return stream_variant(std::in_place_index<1>, executor, tls ? *tls : *proxy_tls);
  return stream_variant(std::in_place_index<0>, executor);
}

std::string exception_text(std::exception_ptr const& error) {
  try {
    std::rethrow_exception(error);
  } catch (std::exception const& e) {
    return e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

bool cancel_requested(asio::cancellation_state const& state) {
  return state.cancelled() != asio::cancellation_type::none;
}

// The peer went away: an orderly close, a reset, or TLS without close_notify.
bool is_disconnect(error_code const& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::connection_aborted ||
         ec == asio::error::broken_pipe || ec == asio::error::not_connected || ec == asio::ssl::error::stream_truncated;
}

std::unique_ptr<response_reader> make_reader(http_response& out, bool head) {
  auto parser = std::make_unique<response_reader>(out);
  parser->eager(true);
  parser->header_limit(header_limit);
  parser->body_limit(std::numeric_limits<std::uint64_t>::max());
  if (head) parser->skip(true);
  return parser;
}

// Checks the certificate names like asio's host_name_verification, and records a mismatch as
// such, so the handshake error can say "hostname mismatch" rather than a bare failure.
struct host_verifier {
  asio::ssl::host_name_verification check;
  bool operator()(bool preverified, asio::ssl::verify_context& ctx) {
    bool ok = check(preverified, ctx);
    if (!ok && preverified) X509_STORE_CTX_set_error(ctx.native_handle(), X509_V_ERR_HOSTNAME_MISMATCH);
    return ok;
  }
};

struct resolve_state {
  explicit resolve_state(asio::any_io_executor const& ex) : resolver(ex), timer(ex) {}
  tcp::resolver resolver;
  asio::steady_timer timer;
  error_code ec;
  tcp::resolver::results_type results;
  bool done = false;
};

}  // namespace

// A steady_timer racing the socket operations: past the deadline it cancels them and records
// that it did. One wait covers a whole exchange: moving the deadline later (each read gets the
// full read timeout) costs nothing until the timer fires early and re-arms, so an exchange
// arms the timer once rather than once per read.
struct http_connection::watchdog {
  explicit watchdog(asio::any_io_executor const& ex) : timer(ex) {}

  asio::steady_timer timer;
  tcp::socket* socket = nullptr;
  std::chrono::steady_clock::time_point deadline;
  std::uint64_t generation = 0;  // tells a stale handler (of a replaced wait) to do nothing
  bool watching = false;         // an operation is bounded now
  bool waiting = false;          // the timer has a wait pending
  bool fired = false;            // the deadline passed and the operation was cancelled

  static void arm(std::shared_ptr<watchdog> const& self) {
    self->waiting = true;
    self->timer.expires_at(self->deadline);
    self->timer.async_wait([self, generation = ++self->generation](error_code ec) {
      if (generation != self->generation) return;
      self->waiting = false;
      if (ec || !self->watching) return;
      if (std::chrono::steady_clock::now() < self->deadline) {
        arm(self);
        return;
      }
      self->fired = true;
      error_code ignored;
      self->socket->cancel(ignored);
    });
  }

  static void watch(std::shared_ptr<watchdog> const& self, std::chrono::steady_clock::time_point until) {
    self->deadline = until;
    self->watching = true;
    self->fired = false;
    if (!self->waiting || self->timer.expiry() > until) arm(self);
  }

  void stop() {
    watching = false;
    if (waiting) {
      waiting = false;
      ++generation;
      timer.cancel();
    }
  }
};

namespace {

// Stops the watchdog however the coroutine leaves the scope.
template <class Watchdog>
struct stop_on_exit {
  Watchdog& w;
  ~stop_on_exit() { w.stop(); }
};

}  // namespace

http_connection::http_connection(asio::any_io_executor executor, std::shared_ptr<asio::ssl::context> tls,
                                 std::shared_ptr<asio::ssl::context> proxy_tls)
    : tls_context_(std::move(tls)),
      proxy_tls_context_(std::move(proxy_tls)),
      stream_(make_stream(executor, tls_context_.get(), proxy_tls_context_.get())),
      watchdog_(std::make_shared<watchdog>(executor)) {
  watchdog_->socket = &socket();
}

http_connection::~http_connection() { watchdog_->stop(); }

tcp::socket& http_connection::socket() {
  if (auto* plain = std::get_if<0>(&stream_)) return *plain;
  if (auto* tls = std::get_if<1>(&stream_)) return tls->next_layer();
  return std::get<2>(stream_).next_layer().next_layer();
}

void http_connection::close() {
  watchdog_->stop();
  error_code ignored;
  socket().shutdown(tcp::socket::shutdown_both, ignored);
  socket().close(ignored);
  keep_alive_ = false;
}

void http_connection::fail(http_failure& failure, error code, bool maybe_sent, char const* what,
                           std::string const& reason) const {
  failure.code = make_error_code(code);
  failure.maybe_sent = maybe_sent;
  failure.message = what;
  failure.message += ' ';
  failure.message += peer_;
  failure.message += ": ";
  failure.message += reason;
}

asio::awaitable<bool> http_connection::connect(std::string const& target_host, std::uint16_t target_port,
                                               http_client_options const& options, http_failure& failure,
                                               proxy_route const* proxy) {
  auto state = co_await asio::this_coro::cancellation_state;
  auto executor = co_await asio::this_coro::executor;
  auto deadline = std::chrono::steady_clock::now() + options.connect_timeout;
  peer_ = target_host + ':' + std::to_string(target_port);
  if (proxy) peer_ += " through " + proxy->display;
  // The TCP connection goes to the proxy when there is one.
  std::string const& host = proxy ? proxy->host : target_host;
  std::uint16_t port = proxy ? proxy->port : target_port;
  forwarding_.reset();
  if (proxy && !proxy->tunnel) forwarding_ = forwarding_proxy{proxy->authorization};

  std::vector<tcp::endpoint> endpoints;
  error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (!ec) {
    endpoints.emplace_back(address, port);
  } else {
    // The resolver runs getaddrinfo on a private thread and ignores cancellation slots, so the
    // coroutine waits on a timer the resolution cancels; the deadline or the caller's cancellation
    // end the wait and abandon the lookup.
    auto rs = std::make_shared<resolve_state>(executor);
    rs->timer.expires_at(deadline);
    rs->resolver.async_resolve(host, std::to_string(port),
                               [rs](error_code e, tcp::resolver::results_type results) {
                                 rs->ec = e;
                                 rs->results = std::move(results);
                                 rs->done = true;
                                 rs->timer.cancel();
                               });
    if (cancel_requested(state)) {
      rs->resolver.cancel();
      fail(failure, error::cancelled, false, "cancelled while resolving", "the operation was cancelled");
      co_return false;
    }
    co_await rs->timer.async_wait(use_tuple);
    if (!rs->done) {
      rs->resolver.cancel();
      if (cancel_requested(state))
        fail(failure, error::cancelled, false, "cancelled while resolving", "the operation was cancelled");
      else
        fail(failure, error::connect_timeout, false, "timed out resolving", "no answer within the connect timeout");
      co_return false;
    }
    if (rs->ec || rs->results.empty()) {
      fail(failure, error::dns_failure, false, "cannot resolve", rs->ec ? rs->ec.message() : "no addresses");
      co_return false;
    }
    for (auto const& entry : rs->results) endpoints.push_back(entry.endpoint());
  }

  watchdog::watch(watchdog_, deadline);
  stop_on_exit<watchdog> unwatch{*watchdog_};
  error_code connect_ec;
  for (auto const& endpoint : endpoints) {
    if (cancel_requested(state)) break;
    if (socket().is_open()) socket().close(connect_ec);
    std::tie(connect_ec) = co_await socket().async_connect(endpoint, use_tuple);
    if (!connect_ec || watchdog_->fired) break;
  }
  if (cancel_requested(state) || connect_ec) {
    watchdog_->stop();
    if (watchdog_->fired)
      fail(failure, error::connect_timeout, false, "timed out connecting to", "no connection within the connect timeout");
    else if (cancel_requested(state))
      fail(failure, error::cancelled, false, "cancelled connecting to", "the operation was cancelled");
    else
      fail(failure, error::connect_failed, false, "cannot connect to", connect_ec.message());
    close();
    co_return false;
  }
  error_code ignored;
  socket().set_option(tcp::no_delay(true), ignored);
  if (options.tcp_keepalive) socket().set_option(asio::socket_base::keep_alive(true), ignored);

  auto cancelled = [&] {
    if (!cancel_requested(state)) return false;
    fail(failure, error::cancelled, false, "cancelled connecting to", "the operation was cancelled");
    return true;
  };
  bool ok = true;
  if (proxy && proxy->tls) {
    // TLS with the proxy, on the bottom layer; a tunnel then carries the service's TLS inside it.
    auto& proxy_layer = std::holds_alternative<tls_in_tls_stream>(stream_) ? std::get<2>(stream_).next_layer()
                                                                            : std::get<1>(stream_);
    ok = !cancelled() &&
         co_await handshake(proxy_layer, proxy->host, proxy_verified(options.proxy, options.verify),
                            "TLS handshake failed with the proxy for", failure) &&
         (!proxy->tunnel || co_await open_tunnel(proxy_layer, target_host, target_port, *proxy, failure));
  } else if (proxy && proxy->tunnel) {
    ok = co_await open_tunnel(socket(), target_host, target_port, *proxy, failure);
  }
  if (ok && tls_context_) {
    ok = !cancelled();
    if (ok && std::holds_alternative<tls_in_tls_stream>(stream_))
      ok = co_await handshake(std::get<2>(stream_), target_host, options.verify, "TLS handshake failed with", failure);
    else if (ok)
      ok = co_await handshake(std::get<1>(stream_), target_host, options.verify, "TLS handshake failed with", failure);
  }
  if (!ok) {
    close();
    co_return false;
  }
  watchdog_->stop();
  co_return true;
}

template <class Stream>
asio::awaitable<bool> http_connection::open_tunnel(Stream& stream, std::string const& host, std::uint16_t port,
                                                   proxy_route const& proxy, http_failure& failure) {
  auto state = co_await asio::this_coro::cancellation_state;
  std::string authority = host.find(':') != std::string::npos ? '[' + host + ']' : host;
  authority += ':' + std::to_string(port);
  std::string connect = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n";
  if (!proxy.authorization.empty()) connect += "Proxy-Authorization: " + proxy.authorization + "\r\n";
  connect += "\r\n";
  auto [write_ec, written] = co_await asio::async_write(stream, asio::buffer(connect), use_tuple);
  (void)written;
  http::response_parser<http::empty_body> answer;
  answer.skip(true);  // a 2xx answer to CONNECT has no body: the tunnel starts after the head
  answer.header_limit(header_limit);
  buffer_.clear();
  error_code read_ec;
  if (!write_ec) std::tie(read_ec, std::ignore) = co_await http::async_read_header(stream, buffer_, answer, use_tuple);
  if (write_ec || read_ec) {
    auto ec = write_ec ? write_ec : read_ec;
    if (watchdog_->fired)
      fail(failure, error::connect_timeout, false, "timed out opening a tunnel to", "no answer from the proxy");
    else if (cancel_requested(state))
      fail(failure, error::cancelled, false, "cancelled opening a tunnel to", "the operation was cancelled");
    else
      fail(failure, error::connect_failed, false, "cannot open a tunnel to", "the proxy failed: " + ec.message());
    co_return false;
  }
  auto status = answer.get().result_int();
  if (status < 200 || status >= 300) {
    fail(failure, error::connect_failed, false, "cannot open a tunnel to",
         "the proxy answered CONNECT with HTTP " + std::to_string(status) +
             (status == 407 || status == 401 ? " (the proxy wants other credentials)" : ""));
    co_return false;
  }
  if (buffer_.size() != 0) {
    fail(failure, error::connect_failed, false, "cannot open a tunnel to", "the proxy sent data after its answer");
    co_return false;
  }
  co_return true;
}

template <class TlsStream>
asio::awaitable<bool> http_connection::handshake(TlsStream& stream, std::string const& host, bool verify,
                                                 char const* with, http_failure& failure) {
  auto state = co_await asio::this_coro::cancellation_state;
  error_code ec;
  asio::ip::make_address(host, ec);
  // RFC 6066: SNI carries host names only, never address literals.
  if (ec && !SSL_set_tlsext_host_name(stream.native_handle(), host.c_str())) {
    fail(failure, error::tls_failure, false, "cannot set the TLS server name for", "invalid host name");
    co_return false;
  }
  if (verify) stream.set_verify_callback(host_verifier{asio::ssl::host_name_verification(host)});

  auto [hs_ec] = co_await stream.async_handshake(asio::ssl::stream_base::client, use_tuple);
  if (!hs_ec) co_return true;
  if (hs_ec == asio::error::operation_aborted && watchdog_->fired) {
    fail(failure, error::connect_timeout, false, "timed out in the TLS handshake with",
         "no handshake within the connect timeout");
  } else if (hs_ec == asio::error::operation_aborted && cancel_requested(state)) {
    fail(failure, error::cancelled, false, "cancelled in the TLS handshake with", "the operation was cancelled");
  } else {
    long verify_result = SSL_get_verify_result(stream.native_handle());
    std::string reason = hs_ec.message();
    if (verify && verify_result != X509_V_OK) {
      reason = "certificate verify failed: ";
      reason += X509_verify_cert_error_string(verify_result);
    }
    fail(failure, error::tls_failure, false, with, reason);
  }
  co_return false;
}

bool http_connection::body_done() const { return finished_; }

asio::awaitable<exchange_result> http_connection::start(http_request const& request, http_client_options const& options,
                                                        http_response& response, http_failure& failure) {
  return std::visit([&](auto& stream) { return start_on(stream, request, options, response, failure); }, stream_);
}

asio::awaitable<bool> http_connection::read_body(http_client_options const& options, std::string& out,
                                                 http_failure& failure) {
  return std::visit([&](auto& stream) { return read_body_on(stream, options, out, failure); }, stream_);
}

asio::awaitable<exchange_result> http_connection::exchange(http_request const& request,
                                                           http_client_options const& options,
                                                           http_response& response, http_failure& failure) {
  auto result = co_await start(request, options, response, failure);
  while (result == exchange_result::ok && !body_done())
    if (!co_await read_body(options, response.body, failure)) result = exchange_result::failed;
  co_return result;
}

bool http_connection::parse_buffered(http_failure& failure) {
  // A read may hold more than one message part (an interim 100 Continue followed by the real
  // response), so everything buffered is parsed before reading more.
  while (buffer_.size() > 0) {
    error_code parse_ec;
    std::size_t used = parser_->put(buffer_.data(), parse_ec);
    buffer_.consume(used);
    if (parse_ec == http::error::need_more) break;
    if (parse_ec) {
      fail(failure, error::connection_closed, true, "malformed response from", parse_ec.message());
      return false;
    }
    if (parser_->is_done()) {
      unsigned status = parser_->status();
      if (status >= 100 && status < 200 && status != 101) {
        http_response& out = parser_->out();
        parser_ = make_reader(out, head_request_);
        continue;
      }
      break;
    }
    if (used == 0) break;
  }
  if (parser_->is_done()) finish_exchange();
  return true;
}

void http_connection::finish_exchange() {
  if (finished_) return;
  finished_ = true;
  watchdog_->stop();
  keep_alive_ = parser_->keep_alive() && buffer_.size() == 0 && !close_requested_;
  ++exchanges_;
}

template <class Stream>
asio::awaitable<http_connection::read_result> http_connection::read_more(Stream& stream,
                                                                          http_client_options const& options,
                                                                          http_failure& failure) {
  auto state = co_await asio::this_coro::cancellation_state;
  if (cancel_requested(state)) {
    watchdog_->stop();
    fail(failure, error::cancelled, true, "cancelled waiting for the response from", "the operation was cancelled");
    co_return read_result::failed;
  }
  watchdog::watch(watchdog_, std::chrono::steady_clock::now() + options.read_timeout);
  auto [read_ec, n] = co_await stream.async_read_some(buffer_.prepare(read_chunk), use_tuple);
  buffer_.commit(n);
  received_ += n;
  if (!read_ec) co_return read_result::data;
  watchdog_->stop();
  if (is_disconnect(read_ec)) {
    if (buffer_.size() == 0 && parser_->is_header_done()) {
      error_code eof_ec;
      parser_->put_eof(eof_ec);
      if (!eof_ec && parser_->is_done()) {  // a body delimited by the end of the connection
        finish_exchange();
        co_return read_result::ended;
      }
    }
    if (received_ == 0 && reused()) co_return read_result::stale;
    fail(failure, error::connection_closed, true,
         received_ == 0 ? "connection closed before any response from" : "connection closed mid-response from",
         read_ec.message());
  } else if (read_ec == asio::error::operation_aborted && watchdog_->fired) {
    fail(failure, error::read_timeout, true, "timed out waiting for the response from",
         "no data within the read timeout");
  } else if (read_ec == asio::error::operation_aborted && cancel_requested(state)) {
    fail(failure, error::cancelled, true, "cancelled waiting for the response from", "the operation was cancelled");
  } else if (read_ec == asio::error::operation_aborted || read_ec == asio::error::bad_descriptor) {
    fail(failure, error::cancelled, true, "connection closed by the client to", "the client was closed");
  } else {
    fail(failure, error::connection_closed, true, "connection failed reading from", read_ec.message());
  }
  co_return read_result::failed;
}

template <class Stream>
asio::awaitable<exchange_result> http_connection::start_on(Stream& stream, http_request const& request,
                                                           http_client_options const& options,
                                                           http_response& response, http_failure& failure) {
  auto state = co_await asio::this_coro::cancellation_state;
  keep_alive_ = false;
  bool reused_connection = reused();

  std::string error_text;
  if (!write_request_head(request, head_, error_text, forwarding_ ? &*forwarding_ : nullptr)) {
    fail(failure, error::serialization, false, "cannot send the request to", error_text);
    co_return exchange_result::failed;
  }
  if (cancel_requested(state)) {
    fail(failure, error::cancelled, false, "cancelled before sending to", "the operation was cancelled");
    co_return exchange_result::failed;
  }
  watchdog::watch(watchdog_, std::chrono::steady_clock::now() + options.read_timeout);
  stop_on_exit<watchdog> unwatch{*watchdog_};
  std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(request.body)};
  if (request.body_stream) buffers[1] = asio::const_buffer();
  // On plain TCP the request usually fits the socket's send buffer: one non-blocking send
  // completes it without a trip through the scheduler, which an asynchronous write that
  // completes at once still takes. Whatever is left goes the asynchronous way.
  std::size_t sent_now = 0;
  if constexpr (std::is_same_v<Stream, socket_type>) {
    error_code try_ec;
    if (!stream.non_blocking()) stream.non_blocking(true, try_ec);
    if (!try_ec) sent_now = stream.write_some(buffers, try_ec);
    if (try_ec) sent_now = 0;  // would block, or a failure the asynchronous write reports
  }
  error_code write_ec;
  std::size_t written = sent_now;
  if (sent_now < asio::buffer_size(buffers)) {
    beast::buffers_suffix<std::array<asio::const_buffer, 2>> rest(buffers);
    rest.consume(sent_now);
    std::size_t n = 0;
    std::tie(write_ec, n) = co_await asio::async_write(stream, rest, use_tuple);
    written += n;
  }
  if (!write_ec && request.body_stream) {
    std::string source_error;
    write_ec = co_await write_body_stream(stream, request.body_stream, options, written, source_error);
    if (!source_error.empty()) {
      watchdog_->stop();
      fail(failure, error::serialization, true, "cannot send the request body to", source_error);
      co_return exchange_result::failed;
    }
  }
  if (write_ec) {
    watchdog_->stop();
    if (write_ec == asio::error::operation_aborted && watchdog_->fired) {
      fail(failure, error::read_timeout, written > 0, "timed out sending to", "the socket did not accept the request within the read timeout");
    } else if (write_ec == asio::error::operation_aborted && cancel_requested(state)) {
      fail(failure, error::cancelled, written > 0, "cancelled sending to", "the operation was cancelled");
    } else {
      // A write error on a reused connection means the server had closed it: the request is
      // incomplete at best, so it cannot have been processed.
      if (reused_connection && is_disconnect(write_ec)) co_return exchange_result::stale;
      fail(failure, error::connection_closed, written > 0, "connection closed while sending to", write_ec.message());
    }
    co_return exchange_result::failed;
  }

  head_request_ = request.method == "HEAD";
  auto const* connection = request.headers.find("Connection");
  close_requested_ = connection && iequals(*connection, "close");
  parser_ = make_reader(response, head_request_);
  finished_ = false;
  received_ = 0;
  buffer_.clear();
  for (;;) {
    if (!parse_buffered(failure)) co_return exchange_result::failed;
    if (parser_->is_header_done()) co_return exchange_result::ok;
    auto more = co_await read_more(stream, options, failure);
    if (more == read_result::stale) co_return exchange_result::stale;
    if (more == read_result::failed) co_return exchange_result::failed;
  }
}

template <class Stream>
asio::awaitable<error_code> http_connection::write_body_stream(Stream& stream, body_source const& source,
                                                              http_client_options const& options,
                                                              std::size_t& written, std::string& source_error) {
  auto executor = co_await asio::this_coro::executor;
  // One fixed buffer, whatever the body's size; room on both sides for a chunk's framing.
  constexpr std::size_t frame_room = 32;
  auto storage = std::make_unique<char[]>(read_chunk + 2 * frame_room);
  char* data = storage.get() + frame_room;
  std::optional<std::uint64_t> const declared = source.size();
  bool const chunked = !declared;
  std::uint64_t sent = 0;
  for (;;) {
    // The source's exception comes back as a value: with GCC 12, a co_await inside a try block
    // here left the coroutine suspended for good.
    auto [read_error, n] = co_await asio::co_spawn(executor, source.read_some(asio::buffer(data, read_chunk)), use_tuple);
    if (read_error) {
      source_error = "the body source failed after " + std::to_string(sent) + " bytes: " + exception_text(read_error);
      co_return error_code{};
    }
    if (declared && (n == 0 ? sent != *declared : sent + n > *declared)) {
      source_error = "the body source " + std::string(n == 0 ? "ended after " : "gave more than ") +
                     std::to_string(n == 0 ? sent : *declared) + " of its declared " + std::to_string(*declared) +
                     " bytes";
      co_return error_code{};
    }
    if (n == 0 && !chunked) co_return error_code{};
    sent += n;
    // Chunked framing (RFC 9112 7.1): size line, data, CRLF; a zero-size chunk ends the body.
    char* begin = data;
    std::size_t length = n;
    if (chunked) {
      char size_line[24];
      int line = std::snprintf(size_line, sizeof size_line, "%zx\r\n", n);
      begin -= line;
      std::memcpy(begin, size_line, static_cast<std::size_t>(line));
      std::memcpy(data + n, "\r\n", 2);
      length += static_cast<std::size_t>(line) + 2;
    }
    watchdog::watch(watchdog_, std::chrono::steady_clock::now() + options.read_timeout);
    auto [ec, w] = co_await asio::async_write(stream, asio::buffer(begin, length), use_tuple);
    written += w;
    if (ec) co_return ec;
    if (n == 0) co_return error_code{};
  }
}

template <class Stream>
asio::awaitable<bool> http_connection::read_body_on(Stream& stream, http_client_options const& options,
                                                    std::string& out, http_failure& failure) {
  stop_on_exit<watchdog> unwatch{*watchdog_};
  parser_->body_target(out);
  std::size_t before = out.size();
  for (;;) {
    if (!parse_buffered(failure)) co_return false;
    if (parser_->is_done() || out.size() > before) co_return true;
    auto more = co_await read_more(stream, options, failure);
    if (more == read_result::ended) co_return true;
    if (more != read_result::data) {
      if (more == read_result::stale)
        fail(failure, error::connection_closed, true, "connection closed mid-response from", "end of stream");
      co_return false;
    }
  }
}

}  // namespace awscoro::detail
