// The process's client TLS contexts: one per (verify, ca_bundle), made on first use, so the CA
// bundle is parsed once however many clients and connections use it.
#pragma once

#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

namespace awscoro::detail {

// The shared context for these settings, or nullptr with `error` saying why (an unreadable or
// malformed CA bundle, named by path). Thread-safe.
std::shared_ptr<boost::asio::ssl::context> shared_tls_context(bool verify, std::string const& ca_bundle,
                                                               std::string& error);

}  // namespace awscoro::detail
