#include "test_server.hpp"

#include <atomic>
#include <cstdio>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace awscoro::test {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

bool iequal(std::string const& a, std::string const& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// ---- certificates, made in memory at start ----

struct pkey_free {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct x509_free {
  void operator()(X509* x) const { X509_free(x); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;
using x509_ptr = std::unique_ptr<X509, x509_free>;

void check(bool ok, char const* what) {
  if (!ok) throw std::runtime_error(std::string("test_server: ") + what + " failed");
}

void add_extension(X509* cert, X509* issuer, int nid, char const* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  check(ext != nullptr, "X509V3_EXT_conf_nid");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// A certificate for `key`, signed by `signer_key` as `issuer` (itself when issuer is null).
x509_ptr make_certificate(EVP_PKEY* key, EVP_PKEY* signer_key, X509* issuer, char const* common_name, bool ca,
                          std::vector<std::string> const& names, char const* usage = "serverAuth") {
  x509_ptr cert(X509_new());
  check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  unsigned char serial[8];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 7 * 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<unsigned char const*>(common_name), -1, -1, 0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
  X509* issuer_cert = issuer ? issuer : cert.get();
  add_extension(cert.get(), issuer_cert, NID_subject_key_identifier, "hash");
  if (ca) {
    add_extension(cert.get(), issuer_cert, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_extension(cert.get(), issuer_cert, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), issuer_cert, NID_key_usage, "critical,digitalSignature");
    add_extension(cert.get(), issuer_cert, NID_ext_key_usage, usage);
    std::string alt;
    for (auto const& n : names) {
      error_code ec;
      asio::ip::make_address(n, ec);
      if (!alt.empty()) alt += ',';
      alt += (ec ? "DNS:" : "IP:") + n;
    }
    if (!alt.empty()) add_extension(cert.get(), issuer_cert, NID_subject_alt_name, alt.c_str());
  }
  check(X509_sign(cert.get(), signer_key, EVP_sha256()) > 0, "X509_sign");
  return cert;
}

std::string key_to_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return pem;
}

std::string to_pem(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return pem;
}

}  // namespace

std::string received_request::header(std::string const& name) const {
  for (auto const& [n, v] : headers)
    if (iequal(n, name)) return v;
  return {};
}

// Members used by connection coroutines come before the io_context: destroying it destroys the
// coroutines still suspended, and they touch these on the way out.
struct test_server::state {
  test_server_options options;
  handler on_request;
  std::unique_ptr<asio::ssl::context> tls;
  std::string ca_pem;
  pkey_ptr ca_key;  // signs client certificates too
  x509_ptr ca;
  std::vector<std::string> temp_files;

  mutable std::mutex mutex;
  std::vector<received_request> requests;
  std::atomic<std::size_t> accepted{0};
  std::atomic<std::size_t> open{0};
  std::atomic<std::size_t> max_open{0};
  std::atomic<std::uint16_t> port{0};

  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::thread thread;
  bool stopped = false;

  ~state() {
    for (auto const& f : temp_files) std::remove(f.c_str());
  }
};

namespace {

using state = test_server::state;

struct open_count {
  explicit open_count(state& s) : s_(s) {
    std::size_t now = ++s_.open;
    std::size_t seen = s_.max_open.load();
    while (now > seen && !s_.max_open.compare_exchange_weak(seen, now)) {
    }
  }
  ~open_count() { --s_.open; }
  state& s_;
};

asio::awaitable<void> stall_forever() {
  asio::steady_timer timer(co_await asio::this_coro::executor, asio::steady_timer::time_point::max());
  co_await timer.async_wait(use_tuple);
}

asio::awaitable<void> sleep_for(std::chrono::milliseconds d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  co_await timer.async_wait(use_tuple);
}

template <class Stream>
void close_stream(Stream& stream) {
  error_code ignored;
  beast::get_lowest_layer(stream).shutdown(tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(stream).close(ignored);
}

void format_response(test_response const& r, bool head, std::string& out) {
  out += "HTTP/1.1 " + std::to_string(r.status) + ' ';
  out += http::obsolete_reason(static_cast<http::status>(r.status));
  out += "\r\n";
  bool has_length = false;
  for (auto const& [n, v] : r.headers) {
    if (iequal(n, "Content-Length") || iequal(n, "Transfer-Encoding")) has_length = true;
    out += n + ": " + v + "\r\n";
  }
  bool bodiless_status = r.status < 200 || r.status == 204 || r.status == 304;
  if (r.chunked) out += "Transfer-Encoding: chunked\r\n";
  else if (!has_length && !bodiless_status) out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  out += "\r\n";
  if (head || bodiless_status) return;
  if (!r.chunked) {
    out += r.body;
    return;
  }
  std::size_t piece = r.chunk_size == 0 ? r.body.size() : r.chunk_size;
  char hex[32];
  for (std::size_t at = 0; at < r.body.size(); at += piece) {
    std::size_t n = std::min(piece, r.body.size() - at);
    std::snprintf(hex, sizeof hex, "%zx\r\n", n);
    out += hex;
    out.append(r.body, at, n);
    out += "\r\n";
  }
  out += "0\r\n\r\n";
}

template <class Stream>
asio::awaitable<void> serve(state& s, Stream& stream, std::size_t connection) {
  beast::flat_buffer buffer;
  std::string out;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, use_tuple);
    if (ec) co_return;
    auto& msg = parser.get();
    received_request request;
    request.method = std::string(msg.method_string());
    request.target = std::string(msg.target());
    for (auto const& f : msg) request.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    request.body = std::move(msg.body());
    request.connection = connection;
    bool keep_alive = msg.keep_alive();
    {
      std::lock_guard lock(s.mutex);
      s.requests.push_back(request);
    }
    test_response r;
    if (s.on_request) r = s.on_request(request);
    else r.body = "ok";

    if (r.delay.count() > 0) co_await sleep_for(r.delay);
    if (r.close_without_answer) {
      close_stream(stream);
      co_return;
    }
    if (r.stall_without_answer) {
      co_await stall_forever();
      co_return;
    }
    out.clear();
    if (r.stall_after_partial_headers) {
      out = "HTTP/1.1 200 OK\r\nContent-Type: text/pl";
      co_await asio::async_write(stream, asio::buffer(out), use_tuple);
      co_await stall_forever();
      co_return;
    }
    if (r.interim_continue) out += "HTTP/1.1 100 Continue\r\n\r\n";
    if (!r.raw.empty()) out += r.raw;
    else format_response(r, request.method == "HEAD", out);
    auto [write_ec, written] = co_await asio::async_write(stream, asio::buffer(out), use_tuple);
    if (write_ec) co_return;
    if (r.close_after_answer || !keep_alive) {
      close_stream(stream);
      co_return;
    }
  }
}

asio::awaitable<void> serve_connection(state& s, tcp::socket socket, std::size_t connection) {
  open_count counted(s);
  if (!s.tls) {
    co_await serve(s, socket, connection);
    co_return;
  }
  asio::ssl::stream<tcp::socket> stream(std::move(socket), *s.tls);
  if (s.options.stall_tls_handshake) {
    co_await stall_forever();
    co_return;
  }
  auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, use_tuple);
  if (ec) co_return;
  co_await serve(s, stream, connection);
}

asio::awaitable<void> accept_loop(state& s) {
  for (;;) {
    auto [ec, socket] = co_await s.acceptor.async_accept(use_tuple);
    if (ec) {
      if (!s.acceptor.is_open() || ec == asio::error::operation_aborted) co_return;
      continue;
    }
    std::size_t id = ++s.accepted;
    asio::co_spawn(s.ioc, serve_connection(s, std::move(socket), id), asio::detached);
  }
}

void set_up_tls(state& s) {
  pkey_ptr ca_key(EVP_EC_gen("P-256"));
  pkey_ptr leaf_key(EVP_EC_gen("P-256"));
  check(ca_key && leaf_key, "EVP_EC_gen");
  x509_ptr ca = make_certificate(ca_key.get(), ca_key.get(), nullptr, "awscoro test CA", true, {});
  x509_ptr leaf = make_certificate(leaf_key.get(), ca_key.get(), ca.get(), "awscoro test server", false,
                                   s.options.certificate_names);
  s.ca_pem = to_pem(ca.get());
  s.tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  check(SSL_CTX_use_certificate(s.tls->native_handle(), leaf.get()) == 1, "SSL_CTX_use_certificate");
  check(SSL_CTX_use_PrivateKey(s.tls->native_handle(), leaf_key.get()) == 1, "SSL_CTX_use_PrivateKey");
  if (s.options.require_client_certificate) {
    // Clients must present a certificate this test CA signed.
    check(X509_STORE_add_cert(SSL_CTX_get_cert_store(s.tls->native_handle()), ca.get()) == 1, "X509_STORE_add_cert");
    s.tls->set_verify_mode(asio::ssl::verify_peer | asio::ssl::verify_fail_if_no_peer_cert);
  }
  s.ca_key = std::move(ca_key);
  s.ca = std::move(ca);
}

}  // namespace

std::string new_private_key_pem() {
  pkey_ptr key(EVP_EC_gen("P-256"));
  check(key != nullptr, "EVP_EC_gen");
  return key_to_pem(key.get());
}

test_server::test_server(test_server_options options, handler on_request) : state_(std::make_shared<state>()) {
  state_->options = std::move(options);
  state_->on_request = std::move(on_request);
  if (state_->options.tls) set_up_tls(*state_);
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  state_->acceptor.open(endpoint.protocol());
  state_->acceptor.set_option(asio::socket_base::reuse_address(true));
  state_->acceptor.bind(endpoint);
  state_->acceptor.listen();
  state_->port = state_->acceptor.local_endpoint().port();
  asio::co_spawn(state_->ioc, accept_loop(*state_), asio::detached);
  state_->thread = std::thread([s = state_.get()] { s->ioc.run(); });
}

test_server::~test_server() { stop(); }

void test_server::stop() {
  if (state_->stopped) return;
  state_->stopped = true;
  asio::post(state_->ioc, [s = state_.get()] {
    error_code ignored;
    s->acceptor.close(ignored);
    s->ioc.stop();
  });
  state_->thread.join();
}

std::uint16_t test_server::port() const { return state_->port; }

std::string test_server::url() const {
  return std::string(state_->options.tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port());
}

std::string const& test_server::ca_pem() const { return state_->ca_pem; }

// Writes `content` to a new temporary file removed with the server; returns its path.
std::string test_server::write_temp_file(char const* kind, std::string const& content) {
  std::string path = std::string("/tmp/awscoro-test-") + kind + "-XXXXXX";
  int fd = ::mkstemp(path.data());
  check(fd >= 0, "mkstemp");
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  check(done == content.size(), "writing a temporary file");
  state_->temp_files.push_back(path);
  return path;
}

std::string test_server::write_ca_bundle() { return write_temp_file("ca", state_->ca_pem); }

std::string test_server::write_issued_certificate(char const* kind, char const* common_name,
                                                  std::vector<std::string> const& names, char const* usage) {
  check(state_->ca != nullptr, "issuing a certificate needs a TLS server");
  pkey_ptr key(EVP_EC_gen("P-256"));
  check(key != nullptr, "EVP_EC_gen");
  x509_ptr cert = make_certificate(key.get(), state_->ca_key.get(), state_->ca.get(), common_name, false, names, usage);
  return write_temp_file(kind, to_pem(cert.get()) + key_to_pem(key.get()));
}

std::string test_server::write_client_certificate() {
  return write_issued_certificate("client", "awscoro test client", {}, "clientAuth");
}

std::string test_server::write_server_certificate(std::vector<std::string> const& names) {
  return write_issued_certificate("server", "awscoro test server", names, "serverAuth");
}

std::vector<received_request> test_server::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests;
}

std::size_t test_server::request_count() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests.size();
}

std::size_t test_server::connections_accepted() const { return state_->accepted; }
std::size_t test_server::connections_open() const { return state_->open; }
std::size_t test_server::max_connections_open() const { return state_->max_open; }

}  // namespace awscoro::test
