// The process's client TLS contexts: one per (verify, ca_bundle, client certificate), made on first use, so the CA
// bundle is parsed once however many clients and connections use it.
#pragma once

#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

namespace awscoro::detail {

// The shared context for these settings, or nullptr with `error` saying why (an unreadable or
// malformed CA bundle, named by path). Thread-safe. Making one reads files: call it off the
// event loop.
// `client_cert`, when not empty, is a PEM file holding the client certificate (chain) and its
// private key, presented to servers that ask for one (mutual TLS).
std::shared_ptr<boost::asio::ssl::context> shared_tls_context(bool verify, std::string const& ca_bundle,
                                                               std::string const& client_cert, std::string& error);

}  // namespace awscoro::detail
