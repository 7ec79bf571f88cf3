#include "credentials/sso_provider.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <openssl/evp.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "credentials/json_credentials.hpp"
#include "util/encoding.hpp"
#include "util/file_io.hpp"
#include "util/log.hpp"
#include "util/off_loop.hpp"
#include "util/timestamp.hpp"

namespace awscoro::detail {
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr auto token_refresh_window = std::chrono::minutes(15);
constexpr std::string_view expired_message =
    "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session "
    "run aws sso login with the corresponding profile.";

std::string sha1_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha1(), nullptr);
  return hex_encode(std::string_view(reinterpret_cast<char const*>(digest), size));
}

std::string value_of(config_section const* section, std::string_view key) {
  if (!section) return {};
  auto it = section->find(key);
  return it == section->end() || it->second.nested ? std::string() : it->second.text;
}

std::string text_member(json::object const& o, std::string_view key) {
  auto v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<std::chrono::system_clock::time_point> time_member(json::object const& o, std::string_view key) {
  auto v = o.if_contains(key);
  if (!v) return std::nullopt;
  auto t = timestamp_from_json(*v);
  if (!t) return std::nullopt;
  return std::chrono::system_clock::time_point(std::chrono::microseconds(*t));
}

}  // namespace

std::string sso_cache_path(std::string const& cache_dir, std::string_view key) {
  return (std::filesystem::path(cache_dir) / (sha1_hex(key) + ".json")).string();
}

std::string write_file_atomically(std::string const& path, std::string_view text) {
  std::filesystem::path target(path);
  std::error_code ec;
  std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) return "cannot create " + target.parent_path().string() + ": " + ec.message();
  ::chmod(target.parent_path().c_str(), 0700);
  std::string temp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return "cannot write " + temp + ": " + std::strerror(errno);
  ::fchmod(fd, 0600);
  std::size_t done = 0;
  while (done < text.size()) {
    auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      return "cannot write " + temp + ": " + why;
    }
    done += static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    return "cannot replace " + path + ": " + why;
  }
  return {};
}

asio::awaitable<credential_result> sso_provider::load() {
  auto const& files = config_->files();
  auto const* section = files.profile(profile_);
  if (!section) co_return std::optional<credentials>{};
  auto session_name = value_of(section, "sso_session");
  auto start_url = value_of(section, "sso_start_url");
  auto region = value_of(section, "sso_region");
  if (session_name.empty() && start_url.empty() && value_of(section, "sso_account_id").empty() &&
      value_of(section, "sso_role_name").empty())
    co_return std::optional<credentials>{};
  if (!session_name.empty()) {
    auto it = files.sso_sessions.find(session_name);
    if (it == files.sso_sessions.end())
      co_return make_error_info(error::invalid_config,
                                "The specified sso-session does not exist: \"" + session_name + "\"");
    for (auto [key, into] : {std::pair{"sso_start_url", &start_url}, std::pair{"sso_region", &region}}) {
      auto v = value_of(&it->second, key);
      if (!into->empty() && !v.empty() && *into != v)
        co_return make_error_info(error::invalid_config, "The value for " + std::string(key) +
                                                             " is inconsistent between profile (" + profile_ +
                                                             ") and sso-session (" + session_name + ").");
      if (!v.empty()) *into = v;
    }
  }
  auto account = value_of(section, "sso_account_id");
  auto role = value_of(section, "sso_role_name");
  std::string missing;
  for (auto [key, v] : {std::pair{"sso_start_url", &start_url}, std::pair{"sso_region", &region},
                        std::pair{"sso_account_id", &account}, std::pair{"sso_role_name", &role}})
    if (v->empty()) missing += (missing.empty() ? "" : ", ") + std::string(key);
  if (!missing.empty())
    co_return make_error_info(error::invalid_config, "The profile \"" + profile_ +
                                                         "\" is configured to use SSO but is missing required "
                                                         "configuration: " + missing);

  auto cache_dir = expand_path("~/.aws/sso/cache", config_->env());
  auto path = sso_cache_path(cache_dir, session_name.empty() ? start_url : session_name);
  std::string why;
  auto read = [&path, &why] { return read_file(path, &why); };
  auto cached = co_await run_off_loop(read);
  boost::system::error_code ec;
  json::value doc;
  if (cached) doc = json::parse(*cached, ec);
  if (!cached || ec || !doc.is_object() || text_member(doc.as_object(), "accessToken").empty())
    co_return make_error_info(error::credential_provider,
                              "Error loading SSO Token: Token for " + (session_name.empty() ? start_url : session_name) +
                                  " does not exist or is unreadable (" + path + ")");
  auto& token = doc.as_object();
  auto expires = time_member(token, "expiresAt");
  auto now = std::chrono::system_clock::now();

  if (!session_name.empty() && (!expires || *expires - now < token_refresh_window)) {
    auto registration = time_member(token, "registrationExpiresAt");
    bool can_refresh = !text_member(token, "refreshToken").empty() && !text_member(token, "clientId").empty() &&
                       !text_member(token, "clientSecret").empty() && (!registration || *registration > now);
    if (can_refresh) {
      aws_call call;
      call.service = "sso-oidc";
      call.operation = "CreateToken";
      call.region = region;
      call.params["grantType"] = "refresh_token";
      call.params["clientId"] = text_member(token, "clientId");
      call.params["clientSecret"] = text_member(token, "clientSecret");
      call.params["refreshToken"] = text_member(token, "refreshToken");
      auto pending = caller_(std::move(call));
      auto refreshed = co_await std::move(pending);
      if (refreshed && !text_member(*refreshed, "accessToken").empty()) {
        token["accessToken"] = text_member(*refreshed, "accessToken");
        long long expires_in = 0;
        if (auto e = refreshed->if_contains("expiresIn"); e && e->is_int64()) expires_in = e->as_int64();
        auto new_expiry = now + std::chrono::seconds(expires_in);
        token["expiresAt"] = format_iso8601(
            std::chrono::duration_cast<std::chrono::microseconds>(new_expiry.time_since_epoch()).count());
        if (auto r = text_member(*refreshed, "refreshToken"); !r.empty()) token["refreshToken"] = r;
        expires = new_expiry;
        std::string text = json::serialize(doc);
        auto write = [&path, &text] { return write_file_atomically(path, text); };
        auto problem = co_await run_off_loop(write);
        if (!problem.empty()) log_debug("SSO token cache not updated: " + problem);
      } else {
        log_debug("SSO token refresh failed: " +
                  (refreshed ? std::string("no accessToken in the answer") : refreshed.error().message));
      }
    }
  }
  if (!expires || *expires <= now)
    co_return make_error_info(error::credential_provider, std::string(expired_message));

  aws_call call;
  call.service = "sso";
  call.operation = "GetRoleCredentials";
  call.region = region;
  call.params["roleName"] = role;
  call.params["accountId"] = account;
  call.params["accessToken"] = text_member(token, "accessToken");
  auto pending = caller_(std::move(call));
  auto result = co_await std::move(pending);
  if (!result) {
    if (result.error().message.find("Unauthorized") != std::string::npos)
      co_return make_error_info(error::credential_provider, std::string(expired_message));
    co_return make_error_info(error::credential_provider,
                              "Error when retrieving credentials from sso: " + result.error().message);
  }
  auto rc = result->if_contains("roleCredentials");
  if (!rc || !rc->is_object())
    co_return make_error_info(error::credential_provider,
                              "Error when retrieving credentials from sso: the answer has no roleCredentials");
  auto obj = rc->as_object();
  // expiration is epoch milliseconds.
  if (auto e = obj.if_contains("expiration"); e && (e->is_int64() || e->is_uint64() || e->is_double())) {
    double ms = e->to_number<double>();
    obj["expiration"] = ms / 1000.0;
  }
  auto found = credentials_from_json(obj, "accessKeyId", "secretAccessKey", "sessionToken", "expiration", "sso",
                                     "Error when retrieving credentials from sso: ");
  if (found && *found) (*found)->account_id = account;
  co_return found;
}

}  // namespace awscoro::detail
