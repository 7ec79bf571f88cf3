// lib/http: the transport stage. Takes a signed http_request, sends it over a pooled HTTP/1.1
// connection (plain TCP or TLS) and returns the whole response: status, headers in the order the
// server sent them, body. Failures are data (an http_failure), never exceptions.
//
// Connections are pooled per (scheme, host, port): kept alive and reused, at most
// max_pool_connections per host (further sends queue FIFO for a free one), dropped after
// idle_timeout, closed after any error or `Connection: close`. A pooled connection the server
// closed while it sat idle is detected when nothing of the request can have been processed (the
// write fails, or the connection ends before the first response byte) and the request is sent
// once more on a fresh connection.
//
// Beast and OpenSSL stay behind the pimpl: this header is cheap to include.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/system/error_code.hpp>

#include <awscoro/error.hpp>

#include "http/http_message.hpp"
#include "http/proxy.hpp"

namespace awscoro::detail {

struct http_client_options {
  // Covers name resolution, TCP connect and the TLS handshake together.
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(60)};
  // Bounds each wait for the socket: every read of response bytes, and writing the request.
  std::chrono::milliseconds read_timeout{std::chrono::seconds(60)};
  std::size_t max_pool_connections = 10;  // per (scheme, host, port); 0 is taken as 1
  bool verify = true;                     // verify the server certificate and host name
  std::string ca_bundle;                  // PEM file of trusted CAs; empty: the system's
  std::string client_cert;                // PEM file with a client certificate and its key; empty: none
  bool tcp_keepalive = false;             // SO_KEEPALIVE on every connection
  // An unused pooled connection is closed after this long (servers drop idle ones anyway).
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(30)};
  proxy_settings proxy;  // none: direct connections
};

// Why a send failed. `code` is an awscoro::error: dns_failure, connect_failed, tls_failure,
// connect_timeout, read_timeout, connection_closed, cancelled, or serialization (a header field
// that cannot be sent). `message` names host:port and the reason, never a header value or body.
struct http_failure {
  boost::system::error_code code;
  std::string message;
  bool maybe_sent = false;  // false: the request certainly did not reach the server

  explicit operator bool() const noexcept { return static_cast<bool>(code); }
};

struct http_client_stats {
  std::uint64_t connections_opened = 0;  // connect attempts that produced a usable connection
  std::uint64_t connections_reused = 0;  // sends that ran on a pooled (previously used) connection
  std::uint64_t requests_retried = 0;    // sends repeated on a fresh connection after a stale one
  std::size_t idle_connections = 0;      // pooled now, all hosts
  std::size_t active_connections = 0;    // in use or being opened now, all hosts
  std::size_t waiting_sends = 0;         // queued for a free connection now, all hosts
};

// The body of a response still arriving, read piece by piece. It holds its connection until the
// body has been read to its end (the connection then goes back to the pool) or until it is
// destroyed or closed (the connection is then closed: what is left of the body is never read).
class http_body {
 public:
  http_body();
  http_body(http_body&&) noexcept;
  http_body& operator=(http_body&&) noexcept;
  ~http_body();

  // Whether the whole body has been read (or there was none).
  bool done() const;
  // Appends the next part of the body to `out` (at least one byte unless the body ends). False
  // with `failure` set on a connection failure or timeout; the body is then done.
  boost::asio::awaitable<bool> read(std::string& out, http_failure& failure);
  // Abandons the rest of the body and closes the connection.
  void close();

  struct state;

 private:
  friend class http_client;
  explicit http_body(std::unique_ptr<state> s);
  std::unique_ptr<state> state_;
};

// Sends HTTP/1.1 requests over pooled connections.
//
// Thread safety: use from one executor (the one given at construction); no strand is needed.
// Cancellation: send() honours what the awaiting coroutine's cancellation state lets through (by
// default terminal, which is what asio's awaitable operator || emits): the connection in use is
// closed and the failure is error::cancelled; a send cancelled while queued for a connection was
// certainly not sent.
// Lifetimes: the request passed to send() must stay alive until send() completes. Sends in flight
// keep the client's state alive, so the http_client may be destroyed while they run (which
// closes its connections, failing them).
class http_client {
 public:
  explicit http_client(boost::asio::any_io_executor executor, http_client_options options = {});
  ~http_client();
  http_client(http_client const&) = delete;
  http_client& operator=(http_client const&) = delete;

  // Sends `request` and reads the whole response. On failure the returned response is empty
  // (status 0) and `failure` says why; on success `failure` is cleared. Sets Host (unless the
  // request has one) and Content-Length; interim 1xx responses are skipped.
  boost::asio::awaitable<http_response> send(http_request const& request, http_failure& failure);

  // Sends `request` and reads the head of the response (status, headers) into `response`, whose
  // body holds what arrived with the head; the returned http_body reads the rest. On failure the
  // response is empty, `failure` says why and the body is done.
  boost::asio::awaitable<http_body> open(http_request const& request, http_response& response, http_failure& failure);

  // Closes every connection: idle ones at once, those in use by failing their sends, and wakes
  // queued sends with error::cancelled. The client stays usable: later sends open new connections.
  void close();

  http_client_stats stats() const;
  http_client_options const& options() const;

  class impl;

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace awscoro::detail
