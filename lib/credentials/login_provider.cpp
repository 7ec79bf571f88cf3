#include "credentials/login_provider.hpp"

#include <filesystem>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "credentials/dpop_proof.hpp"
#include "credentials/sso_provider.hpp"
#include "util/crypto.hpp"
#include "util/file_io.hpp"
#include "util/log.hpp"
#include "util/off_loop.hpp"
#include "util/timestamp.hpp"
#include "util/uuid.hpp"

namespace awscoro::detail {
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

// botocore's LoginCredentialFetcher._REFRESH_THRESHOLD: fresher tokens are used as cached, which
// also picks up a refresh another process already wrote.
constexpr auto refresh_threshold = std::chrono::minutes(5);
constexpr std::string_view required_fields[] = {"accessToken", "refreshToken", "dpopKey", "clientId"};

std::string text_member(json::object const& o, std::string_view key) {
  auto v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// In microseconds: cached sessions may expire past 2262, where system_clock's nanoseconds end.
std::optional<timestamp_us> expiry_of(json::object const& access_token) {
  auto v = access_token.if_contains("expiresAt");
  if (!v) return std::nullopt;
  return timestamp_from_json(*v);
}

std::chrono::system_clock::time_point to_time_point(timestamp_us t) {
  using clock = std::chrono::system_clock;
  auto limit = std::chrono::duration_cast<std::chrono::microseconds>(clock::time_point::max().time_since_epoch());
  if (t >= limit.count()) return clock::time_point::max();
  return clock::time_point(std::chrono::duration_cast<clock::duration>(std::chrono::microseconds(t)));
}

credentials to_credentials(json::object const& token) {
  auto const& access = token.at("accessToken").as_object();
  credentials c;
  c.access_key = text_member(access, "accessKeyId");
  c.secret_key = text_member(access, "secretAccessKey");
  c.token = text_member(access, "sessionToken");
  if (auto e = expiry_of(access)) c.expiry = to_time_point(*e);
  c.account_id = text_member(access, "accountId");
  c.method = "login";
  return c;
}

std::string reauthenticate(std::string const& session) {
  return "Unable to load a existing login session for session " + session + ". Please reauthenticate with 'aws login'.";
}

// Why a refresh failed, in botocore's words: signin's AccessDeniedException tells an expired or
// changed login (LoginRefreshRequired) from missing permissions (LoginInsufficientPermissions);
// any other failure names itself.
error_info refresh_failure(std::string const& session, error_info const& failure) {
  auto const* kind = failure.response.if_contains("error");
  auto const* code = failure.response.if_contains("Error");
  bool access_denied = code && code->is_object() && code->as_object().if_contains("Code") &&
                       code->as_object().at("Code") == "AccessDeniedException";
  if (access_denied) {
    if (kind && (*kind == "TOKEN_EXPIRED" || *kind == "USER_CREDENTIALS_CHANGED"))
      return make_error_info(error::credential_provider,
                             "Your session has expired or credentials have changed. Please reauthenticate using "
                             "'aws login'.");
    if (kind && *kind == "INSUFFICIENT_PERMISSIONS")
      return make_error_info(error::credential_provider,
                             "Unable to create or refresh login credentials due to insufficient permissions. You may be "
                             "missing permission for the 'signin:CreateOAuth2Token' action.");
    return make_error_info(error::credential_provider,
                           "An unspecified error happened when resolving AWS credentials or refreshing a login "
                           "session profile.");
  }
  return make_error_info(error::credential_provider, "Unable to refresh the login session " + session + ": " +
                                                         failure.message + ". Please reauthenticate with 'aws login'.");
}

}  // namespace

std::string login_cache_path(std::string const& cache_dir, std::string_view session_name) {
  return (std::filesystem::path(cache_dir) / (sha256_hex(session_name) + ".json")).string();
}

login_provider::login_provider(std::shared_ptr<config_resolver const> config, std::string profile, aws_caller caller,
                               clock_fn now)
    : config_(std::move(config)), profile_(std::move(profile)), caller_(std::move(caller)), now_(std::move(now)) {
  if (!now_) now_ = [] { return std::chrono::system_clock::now(); };
}

asio::awaitable<credential_result> login_provider::load() {
  auto const* section = config_->files().profile(profile_);
  if (!section) co_return std::optional<credentials>{};
  auto it = section->find("login_session");
  if (it == section->end() || it->second.nested || it->second.text.empty()) co_return std::optional<credentials>{};
  std::string const session = it->second.text;

  auto configured_dir = env_get(config_->env(), "AWS_LOGIN_CACHE_DIRECTORY");
  auto cache_dir = expand_path(configured_dir ? *configured_dir : std::string_view("~/.aws/login/cache"), config_->env());
  auto path = login_cache_path(cache_dir, session);
  auto read = [&path] { return read_file(path); };
  auto cached = co_await run_off_loop(read);
  boost::system::error_code ec;
  json::value doc;
  if (cached) doc = json::parse(*cached, ec);
  if (!cached || ec || !doc.is_object()) co_return make_error_info(error::credential_provider, reauthenticate(session));
  auto& token = doc.as_object();
  std::string missing;
  for (auto field : required_fields)
    if (!token.contains(field)) missing += (missing.empty() ? "" : ", ") + std::string(field);
  if (!missing.empty())
    co_return make_error_info(error::credential_provider,
                              "Failed to load access token from token cache, missing required fields: " + missing + ".");
  if (!token.at("accessToken").is_object())
    co_return make_error_info(error::credential_provider, "the cached login token's accessToken is not an object");

  auto now = now_();
  auto expires = expiry_of(token.at("accessToken").as_object());
  auto now_micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  if (expires && *expires - now_micros > std::chrono::microseconds(refresh_threshold).count()) co_return std::optional<credentials>(to_credentials(token));

  auto key = dpop_key::from_pem(text_member(token, "dpopKey"));
  if (!key) co_return key.error();
  aws_call call;
  call.service = "signin";
  call.operation = "CreateOAuth2Token";
  json::object input;
  input["clientId"] = text_member(token, "clientId");
  input["refreshToken"] = text_member(token, "refreshToken");
  input["grantType"] = "refresh_token";
  call.params["tokenInput"] = std::move(input);
  auto issued_at = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  // The proof binds the URL the endpoint resolved to, so it is made on the built request.
  call.edit_request = [key = *key, issued_at](http_request& request) {
    request.headers.set("DPoP", key.proof(request.url(), issued_at, random_uuid4()));
  };
  auto pending = caller_(std::move(call));
  auto refreshed = co_await std::move(pending);
  if (!refreshed) co_return refresh_failure(session, refreshed.error());
  auto const* output = refreshed->if_contains("tokenOutput");
  auto const* access = output && output->is_object() ? output->as_object().if_contains("accessToken") : nullptr;
  auto const* expires_in = output && output->is_object() ? output->as_object().if_contains("expiresIn") : nullptr;
  if (!access || !access->is_object() || !expires_in || !expires_in->is_number())
    co_return make_error_info(error::credential_provider,
                              "Unable to refresh access token due to an invalid service response. Please try running "
                              "'aws login' again. If the issue persists, there may be a temporary signin service "
                              "problem.");
  auto const& out = output->as_object();
  auto whole_now = std::chrono::floor<std::chrono::seconds>(now);
  auto new_expiry = whole_now + std::chrono::seconds(expires_in->to_number<long long>());
  json::object fresh;
  fresh["accessKeyId"] = text_member(access->as_object(), "accessKeyId");
  fresh["secretAccessKey"] = text_member(access->as_object(), "secretAccessKey");
  fresh["sessionToken"] = text_member(access->as_object(), "sessionToken");
  fresh["accountId"] = text_member(token.at("accessToken").as_object(), "accountId");
  fresh["expiresAt"] = format_iso8601(
      std::chrono::duration_cast<std::chrono::microseconds>(new_expiry.time_since_epoch()).count());
  token["accessToken"] = std::move(fresh);
  token["refreshToken"] = text_member(out, "refreshToken");
  std::string text = json::serialize(doc);
  auto write = [&path, &text] { return write_file_atomically(path, text); };
  auto problem = co_await run_off_loop(write);
  if (!problem.empty()) log_debug("login token cache not updated: " + problem);
  co_return std::optional<credentials>(to_credentials(token));
}

}  // namespace awscoro::detail
