#include "credentials/container_provider.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>

#include "credentials/json_credentials.hpp"
#include "credentials/metadata_http.hpp"
#include "util/file_io.hpp"
#include "util/log.hpp"
#include "util/off_loop.hpp"

namespace awscoro::detail {
namespace asio = boost::asio;
namespace json = boost::json;

bool container_host_allowed(std::string_view host) {
  for (std::string_view allowed : {"169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost"})
    if (host == allowed) return true;
  boost::system::error_code ec;
  auto address = asio::ip::make_address(std::string(host), ec);
  return !ec && address.is_loopback();
}

asio::awaitable<credential_result> container_provider::load() {
  std::string const prefix = "Error when retrieving credentials from container-role: ";
  std::string url;
  if (auto rel = env_get(env_, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"); rel && !rel->empty()) {
    url = "http://169.254.170.2" + std::string(*rel);
  } else if (auto full = env_get(env_, "AWS_CONTAINER_CREDENTIALS_FULL_URI"); full && !full->empty()) {
    url = std::string(*full);
  } else {
    co_return std::optional<credentials>{};
  }
  auto parts = split_url(url);
  if (!parts) co_return make_error_info(error::credential_provider, prefix + "invalid container credentials URL");
  bool from_full = !env_get(env_, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") ||
                   env_get(env_, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")->empty();
  if (from_full && parts->scheme != "https" && !container_host_allowed(parts->host))
    co_return make_error_info(error::credential_provider,
                              prefix + "Unsupported host '" + parts->host +
                                  "'. Can only retrieve metadata from a loopback address or one of these hosts: "
                                  "169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost");

  std::optional<std::string> token;
  if (auto file = env_get(env_, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); file && !file->empty()) {
    std::string path(*file);
    std::string why;
    auto read = [&path, &why] { return read_file(path, &why); };
    auto text = co_await run_off_loop(read);
    if (!text)
      co_return make_error_info(error::credential_provider,
                                prefix + "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: " + why);
    token = *text;
    while (!token->empty() && (token->back() == '\n' || token->back() == '\r')) token->pop_back();
  } else if (auto t = env_get(env_, "AWS_CONTAINER_AUTHORIZATION_TOKEN"); t && !t->empty()) {
    token = std::string(*t);
  }
  if (token && token->find_first_of("\r\n") != std::string::npos)
    co_return make_error_info(error::credential_provider,
                              prefix + "the container authorization token contains a newline");

  http_request request;
  request.method = "GET";
  request.scheme = parts->scheme;
  request.host = parts->host;
  request.port = parts->port;
  auto q = parts->path.find('?');
  request.path = parts->path.substr(0, q);
  if (q != std::string::npos) request.query = parts->path.substr(q + 1);
  request.headers.set("Accept", "application/json");
  if (token) request.headers.set("Authorization", *token);

  std::string last_problem;
  auto ex = co_await asio::this_coro::executor;
  for (int attempt = 0; attempt < std::max(attempts_, 1); ++attempt) {
    if (attempt > 0) {
      asio::steady_timer pause(ex, std::chrono::milliseconds(100));
      co_await pause.async_wait(asio::use_awaitable);
    }
    http_failure failure;
    auto sending = metadata_send(request, timeout_, failure);
    auto response = co_await std::move(sending);
    if (failure) {
      last_problem = failure.message;
      continue;
    }
    if (response.status != 200) {
      // The body is the endpoint's error message; it carries no credentials.
      last_problem = "Received non 200 response (" + std::to_string(response.status) +
                     ") from container metadata: " + response.body.substr(0, 512);
      if (response.status >= 500) continue;
      break;
    }
    boost::system::error_code ec;
    auto doc = json::parse(response.body, ec);
    if (ec || !doc.is_object()) {
      last_problem = "the container metadata response is not a JSON object";
      continue;
    }
    co_return credentials_from_json(doc.as_object(), "AccessKeyId", "SecretAccessKey", "Token", "Expiration",
                                    "container-role", prefix);
  }
  log_debug("container credentials: " + last_problem);
  co_return make_error_info(error::credential_provider, prefix + last_problem);
}

}  // namespace awscoro::detail
