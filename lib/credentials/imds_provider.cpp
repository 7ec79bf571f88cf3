#include "credentials/imds_provider.hpp"

#include <boost/json/parse.hpp>

#include "credentials/json_credentials.hpp"
#include "credentials/metadata_http.hpp"
#include "util/log.hpp"

namespace awscoro::detail {
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

struct imds_settings {
  url_parts base;
  std::chrono::milliseconds timeout{1000};
  int attempts = 1;
  bool v1_disabled = false;
};

http_request imds_request(imds_settings const& s, std::string method, std::string path) {
  http_request r;
  r.method = std::move(method);
  r.scheme = s.base.scheme;
  r.host = s.base.host;
  r.port = s.base.port;
  std::string base_path = s.base.path;
  while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
  r.path = base_path + path;
  return r;
}

// GET with retries on failures and non-200 answers, as botocore's _get_request.
asio::awaitable<std::optional<std::string>> imds_get(imds_settings const& s, std::string path,
                                                     std::optional<std::string> const& token) {
  auto request = imds_request(s, "GET", std::move(path));
  if (token) request.headers.set("x-aws-ec2-metadata-token", *token);
  for (int i = 0; i < s.attempts; ++i) {
    http_failure failure;
    auto sending = metadata_send(request, s.timeout, failure);
    auto response = co_await std::move(sending);
    if (failure) {
      log_debug("instance metadata " + request.path + ": " + failure.message);
      continue;
    }
    if (response.status == 200 && !response.body.empty()) co_return response.body;
    log_debug("instance metadata " + request.path + ": status " + std::to_string(response.status));
  }
  co_return std::nullopt;
}

}  // namespace

asio::awaitable<credential_result> imds_provider::load() {
  auto const& env = config_->env();
  if (auto d = env_get(env, "AWS_EC2_METADATA_DISABLED")) {
    std::string v(*d);
    for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (v == "true") co_return std::optional<credentials>{};
  }
  imds_settings s;
  std::string endpoint = "http://169.254.169.254/";
  if (auto e = config_->get("ec2_metadata_service_endpoint"); e && !e->empty()) {
    endpoint = *e;
  } else if (auto mode = config_->get("ec2_metadata_service_endpoint_mode"); mode && !mode->empty()) {
    std::string m = *mode;
    for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (m == "ipv6") {
      endpoint = "http://[fd00:ec2::254]/";
    } else if (m != "ipv4") {
      co_return make_error_info(error::invalid_config, "ec2_metadata_service_endpoint_mode must be IPv4 or IPv6, got \"" +
                                                           *mode + "\"");
    }
  }
  auto base = split_url(endpoint);
  if (!base)
    co_return make_error_info(error::invalid_config, "ec2_metadata_service_endpoint is not a valid URL: " + endpoint);
  s.base = *base;
  if (auto t = config_->get("metadata_service_timeout")) {
    try {
      s.timeout = std::chrono::milliseconds(static_cast<long long>(std::stod(*t) * 1000));
    } catch (std::exception const&) {
      co_return make_error_info(error::invalid_config, "metadata_service_timeout is not a number: " + *t);
    }
  }
  auto attempts = config_->get_int("metadata_service_num_attempts");
  if (!attempts) co_return attempts.error();
  if (*attempts) s.attempts = static_cast<int>(std::max<long long>(1, std::min<long long>(**attempts, 10)));
  s.v1_disabled = config_->get_bool("ec2_metadata_v1_disabled").value_or(false);

  // The session token (IMDSv2). Refused or timed out: fall back to IMDSv1.
  std::optional<std::string> token;
  auto token_request = imds_request(s, "PUT", "/latest/api/token");
  token_request.headers.set("x-aws-ec2-metadata-token-ttl-seconds", "21600");
  for (int i = 0; i < s.attempts; ++i) {
    http_failure failure;
    auto sending = metadata_send(token_request, s.timeout, failure);
    auto response = co_await std::move(sending);
    if (failure) {
      log_debug("instance metadata token: " + failure.message);
      if (failure.code == make_error_code(error::read_timeout)) break;
      continue;
    }
    if (response.status == 200) {
      token = response.body;
      break;
    }
    if (response.status == 404 || response.status == 403 || response.status == 405) break;
    if (response.status == 400)
      co_return make_error_info(error::credential_provider, "the instance metadata service rejected the token request");
  }
  if (!token && s.v1_disabled) {
    co_return make_error_info(error::credential_provider,
                              "no instance metadata token and IMDSv1 is disabled (ec2_metadata_v1_disabled)");
  }
  std::string const roles_path = "/latest/meta-data/iam/security-credentials/";
  auto asking = imds_get(s, roles_path, token);
  auto roles = co_await std::move(asking);
  if (!roles) co_return std::optional<credentials>{};
  auto role = roles->substr(0, roles->find('\n'));
  auto role_path = roles_path + role;
  auto fetching = imds_get(s, role_path, token);
  auto doc_text = co_await std::move(fetching);
  if (!doc_text) co_return std::optional<credentials>{};
  boost::system::error_code ec;
  auto doc = json::parse(*doc_text, ec);
  if (ec || !doc.is_object()) {
    log_debug("instance metadata credentials are not a JSON object");
    co_return std::optional<credentials>{};
  }
  auto found = credentials_from_json(doc.as_object(), "AccessKeyId", "SecretAccessKey", "Token", "Expiration",
                                     "iam-role", "instance metadata: ");
  if (!found) {
    log_debug(found.error().message);
    co_return std::optional<credentials>{};
  }
  co_return found;
}

}  // namespace awscoro::detail
