#include "http/tls_context.hpp"

#include <mutex>
#include <vector>

#include <boost/asio/error.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace awscoro::detail {
namespace asio = boost::asio;
namespace {

struct cached_context {
  bool verify;
  std::string ca_bundle;
  std::string client_cert;
  std::shared_ptr<asio::ssl::context> context;
};

std::mutex cache_mutex;
std::vector<cached_context> cache;  // a handful of entries at most: a linear search is fastest

std::shared_ptr<asio::ssl::context> make_context(bool verify, std::string const& ca_bundle,
                                                 std::string const& client_cert, std::string& error) {
  auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
  // AWS endpoints require TLS 1.2 or later.
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
  ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_compression);
  if (!client_cert.empty()) {
    // botocore's client_cert given as one path: the certificate (chain) and its private key.
    boost::system::error_code ec;
    ctx->use_certificate_chain_file(client_cert, ec);
    if (!ec) ctx->use_private_key_file(client_cert, asio::ssl::context::pem, ec);
    if (!ec && SSL_CTX_check_private_key(ctx->native_handle()) != 1) ec = asio::error::invalid_argument;
    if (ec) {
      error = "cannot load the client certificate and key from " + client_cert + ": " + ec.message();
      return nullptr;
    }
  }
  if (!verify) {
    ctx->set_verify_mode(asio::ssl::verify_none);
    return ctx;
  }
  boost::system::error_code ec;
  if (ca_bundle.empty()) {
    ctx->set_default_verify_paths(ec);
    if (ec) {
      error = "cannot load the system's trusted certificates: " + ec.message();
      return nullptr;
    }
  } else {
    ctx->load_verify_file(ca_bundle, ec);
    if (ec) {
      error = "cannot load CA bundle " + ca_bundle + ": " + ec.message();
      return nullptr;
    }
  }
  ctx->set_verify_mode(asio::ssl::verify_peer);
  return ctx;
}

}  // namespace

std::shared_ptr<asio::ssl::context> shared_tls_context(bool verify, std::string const& ca_bundle,
                                                       std::string const& client_cert, std::string& error) {
  std::lock_guard lock(cache_mutex);
  for (auto const& c : cache)
    if (c.verify == verify && (!verify || c.ca_bundle == ca_bundle) && c.client_cert == client_cert) return c.context;
  auto ctx = make_context(verify, ca_bundle, client_cert, error);
  if (ctx) cache.push_back({verify, verify ? ca_bundle : std::string(), client_cert, ctx});
  return ctx;
}

}  // namespace awscoro::detail
