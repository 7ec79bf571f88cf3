// One HTTP/1.1 connection, plain or TLS: connects within a deadline, then runs request/response
// exchanges, each wait for the socket bounded by the read timeout. Internal to lib/http (it
// includes Asio's SSL stream and Beast's buffer); the pool in http_client.cpp owns these.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "http/http_client.hpp"
#include "http/proxy.hpp"
#include "http/request_head.hpp"

namespace awscoro::detail {

class response_reader;

enum class exchange_result {
  ok,      // the response (its head, or all of it) was read
  failed,  // see the failure; the connection must be closed
  stale,   // the connection had been closed by the server before this request: nothing of it was
           // processed, so it may be sent again on a fresh connection
};

class http_connection {
 public:
  // `tls` is the context for TLS with the service, null for plain HTTP (or when an https:// proxy
  // forwards the request). `proxy_tls` is the context for TLS with an https:// proxy, null
  // otherwise; with both, a tunnel runs the service's TLS inside the proxy's.
  http_connection(boost::asio::any_io_executor executor, std::shared_ptr<boost::asio::ssl::context> tls,
                  std::shared_ptr<boost::asio::ssl::context> proxy_tls = nullptr);
  http_connection(http_connection const&) = delete;
  http_connection& operator=(http_connection const&) = delete;
  ~http_connection();

  // Resolves `host`, connects and, for TLS, handshakes (SNI, certificate and host name checks
  // when options.verify), all within options.connect_timeout. Through a proxy, the connection goes
  // to the proxy (TLS with it first for an https:// one), then a tunnel is opened when the route
  // says so. Returns false with `failure` set.
  boost::asio::awaitable<bool> connect(std::string const& host, std::uint16_t port,
                                       http_client_options const& options, http_failure& failure,
                                       proxy_route const* proxy = nullptr);

  // Writes `request` and reads the head of its response (interim 1xx responses skipped) into
  // `response`. Body bytes that arrived with the head are in response.body already; the rest is
  // read by read_body(). Cancellation through the awaiting coroutine's slot gives failed with
  // error::cancelled.
  boost::asio::awaitable<exchange_result> start(http_request const& request, http_client_options const& options,
                                                http_response& response, http_failure& failure);

  // After start(): appends the next part of the body to `out` (at least one byte, unless the body
  // ends). False with `failure` set when the connection fails or times out mid-body.
  boost::asio::awaitable<bool> read_body(http_client_options const& options, std::string& out, http_failure& failure);

  // Whether the whole response has been read.
  bool body_done() const;

  // start() and read_body() until the end: the whole response into `response`.
  boost::asio::awaitable<exchange_result> exchange(http_request const& request, http_client_options const& options,
                                                   http_response& response, http_failure& failure);

  // Once body_done(): whether the connection may carry another request.
  bool keep_alive() const { return keep_alive_; }
  // Whether a previous exchange completed on this connection.
  bool reused() const { return exchanges_ > 0; }
  void close();

  std::chrono::steady_clock::time_point idle_since;

 private:
  using socket_type = boost::asio::ip::tcp::socket;
  using tls_stream = boost::asio::ssl::stream<socket_type>;
  using tls_in_tls_stream = boost::asio::ssl::stream<tls_stream>;  // a tunnel through an https:// proxy
  struct watchdog;

  enum class read_result { data, ended, stale, failed };

  template <class Stream>
  boost::asio::awaitable<exchange_result> start_on(Stream& stream, http_request const& request,
                                                   http_client_options const& options,
                                                   http_response& response, http_failure& failure);
  // Sends a body_stream after the head: Content-Length framing when its size is known, else
  // chunked; each write bounded by the read timeout. A failing or mis-sized source sets
  // `source_error` (the returned code is then clear).
  template <class Stream>
  boost::asio::awaitable<boost::system::error_code> write_body_stream(Stream& stream, body_source const& source,
                                                                      http_client_options const& options,
                                                                      std::size_t& written, std::string& source_error);
  template <class Stream>
  boost::asio::awaitable<bool> read_body_on(Stream& stream, http_client_options const& options, std::string& out,
                                            http_failure& failure);
  // Reads more bytes into buffer_; `ended` when the end of the connection completed the body.
  template <class Stream>
  boost::asio::awaitable<read_result> read_more(Stream& stream, http_client_options const& options,
                                                http_failure& failure);
  // Feeds buffer_ to the parser (body bytes go to its current target), skipping interim
  // responses. False with `failure` set on a malformed response.
  bool parse_buffered(http_failure& failure);
  void finish_exchange();
  // The TLS handshake of `stream` with `host`; `with` names the peer in messages.
  template <class TlsStream>
  boost::asio::awaitable<bool> handshake(TlsStream& stream, std::string const& host, bool verify, char const* with,
                                         http_failure& failure);
  // Asks the proxy for a tunnel to host:port (CONNECT) over `stream` and reads its answer.
  template <class Stream>
  boost::asio::awaitable<bool> open_tunnel(Stream& stream, std::string const& host, std::uint16_t port,
                                           proxy_route const& proxy, http_failure& failure);
  socket_type& socket();
  void fail(http_failure& failure, error code, bool maybe_sent, char const* what, std::string const& reason) const;

  std::shared_ptr<boost::asio::ssl::context> tls_context_;
  std::shared_ptr<boost::asio::ssl::context> proxy_tls_context_;
  // Plain; TLS (with the service, or with an https:// proxy that forwards); TLS inside TLS.
  std::variant<socket_type, tls_stream, tls_in_tls_stream> stream_;
  // Bounds the socket operation in progress; shared with its timer's handler, which may run
  // after this connection is gone.
  std::shared_ptr<watchdog> watchdog_;
  boost::beast::flat_buffer buffer_;
  std::unique_ptr<response_reader> parser_;  // of the exchange in progress
  std::string head_;
  std::string peer_;  // host:port, for messages
  std::optional<forwarding_proxy> forwarding_;  // requests go to a forwarding proxy
  std::uint64_t exchanges_ = 0;
  std::size_t received_ = 0;  // bytes of the current response read so far
  bool head_request_ = false;
  bool finished_ = true;  // the current response has been read to its end
  bool close_requested_ = false;  // the request said Connection: close
  bool keep_alive_ = false;
};

}  // namespace awscoro::detail
