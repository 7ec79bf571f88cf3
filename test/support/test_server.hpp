// An HTTP/1.1 server on 127.0.0.1 for tests, with fault injection.
//
// It runs on its own thread and io_context, listens on an ephemeral port, keeps connections
// alive, and answers each request with what the handler returns (200 "ok" without a handler).
// With TLS it serves a certificate made at start, signed by a CA made at start: give ca_pem() to a
// client (write_ca_bundle() writes it to a temporary file) to trust it. Every request received is
// recorded. stop() (or the destructor) closes everything and joins the thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace awscoro::test {

using header_fields = std::vector<std::pair<std::string, std::string>>;

struct received_request {
  std::string method;
  std::string target;
  header_fields headers;  // in the order received
  std::string body;
  std::size_t connection = 0;  // which accepted connection carried it, counted from 1

  // The first value of a header (case-insensitive name), or "".
  std::string header(std::string const& name) const;
};

// What the server does with one request.
struct test_response {
  unsigned status = 200;
  header_fields headers;  // Content-Length is added unless present, chunked, or raw is used
  std::string body;

  std::chrono::milliseconds delay{0};    // wait this long before answering
  bool close_without_answer = false;     // close the connection instead of answering
  bool stall_without_answer = false;     // never answer, keep the connection open
  bool close_after_answer = false;       // answer (without saying Connection: close), then close
  bool stall_after_partial_headers = false;  // send the status line and part of a header, then stall
  bool chunked = false;                  // Transfer-Encoding: chunked, in pieces of chunk_size
  std::size_t chunk_size = 0;            // 0: the whole body in one chunk
  bool interim_continue = false;         // send "100 Continue" before the response
  std::string raw;                       // when set, these bytes are sent instead of the response
};

struct test_server_options {
  bool tls = false;
  // Names the certificate is issued for (host names or IP addresses).
  std::vector<std::string> certificate_names{"localhost", "127.0.0.1"};
  // Accept TCP connections but never complete the TLS handshake (only with tls).
  bool stall_tls_handshake = false;
  // Ask for a client certificate signed by this server's CA and refuse the handshake without one
  // (only with tls).
  bool require_client_certificate = false;
};

// A new P-256 private key as PKCS#8 PEM (what `aws login` caches as its DPoP key, for one).
std::string new_private_key_pem();

class test_server {
 public:
  using handler = std::function<test_response(received_request const&)>;

  explicit test_server(test_server_options options = {}, handler on_request = {});
  explicit test_server(handler on_request) : test_server(test_server_options{}, std::move(on_request)) {}
  ~test_server();
  test_server(test_server const&) = delete;
  test_server& operator=(test_server const&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT".
  std::string url() const;

  // PEM of the CA that signed the server's certificate (TLS only).
  std::string const& ca_pem() const;
  // Writes ca_pem() to a temporary file (removed when the server is destroyed) and returns its path.
  std::string write_ca_bundle();
  // Issues a client certificate signed by this server's CA and writes it with its private key
  // (PEM, one file, removed when the server is destroyed); returns its path.
  std::string write_client_certificate();
  // Issues a server certificate for `names` signed by this server's CA and writes it with its
  // private key (PEM, one file, removed when the server is destroyed): for another TLS server the
  // same CA vouches for. Returns its path.
  std::string write_server_certificate(std::vector<std::string> const& names = {"localhost", "127.0.0.1"});

  std::vector<received_request> requests() const;
  std::size_t request_count() const;
  std::size_t connections_accepted() const;
  std::size_t connections_open() const;
  std::size_t max_connections_open() const;  // the most open at once

  void stop();

  struct state;

 private:
  std::string write_temp_file(char const* kind, std::string const& content);
  std::string write_issued_certificate(char const* kind, char const* common_name, std::vector<std::string> const& names,
                                       char const* usage);
  std::shared_ptr<state> state_;
};

}  // namespace awscoro::test
