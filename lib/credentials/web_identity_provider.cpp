#include "credentials/web_identity_provider.hpp"

#include <chrono>

#include "credentials/json_credentials.hpp"
#include "util/file_io.hpp"
#include "util/off_loop.hpp"

namespace awscoro::detail {
namespace asio = boost::asio;

credential_result credentials_from_sts(boost::json::object const& result, std::string_view method) {
  std::string const prefix = "Error when retrieving credentials from " + std::string(method) + ": ";
  auto creds = result.if_contains("Credentials");
  if (!creds || !creds->is_object())
    return make_error_info(error::credential_provider, prefix + "the STS result has no Credentials");
  auto found = credentials_from_json(creds->as_object(), "AccessKeyId", "SecretAccessKey", "SessionToken",
                                     "Expiration", method, prefix);
  if (found && *found) {
    // arn:aws:sts::123456789012:assumed-role/name/session
    if (auto user = result.if_contains("AssumedRoleUser"); user && user->is_object()) {
      if (auto arn = user->as_object().if_contains("Arn"); arn && arn->is_string()) {
        // The fifth colon-separated field is the account.
        std::string_view a = arn->as_string();
        for (int i = 0; i < 4 && !a.empty(); ++i) {
          auto colon = a.find(':');
          a = colon == std::string_view::npos ? std::string_view() : a.substr(colon + 1);
        }
        auto end = a.find(':');
        if (end != std::string_view::npos) (*found)->account_id = std::string(a.substr(0, end));
      }
    }
  }
  return found;
}

std::string default_role_session_name() {
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  return "botocore-session-" + std::to_string(secs.count());
}

asio::awaitable<credential_result> web_identity_provider::load() {
  std::string token_file;
  std::string role_arn;
  std::string session_name;
  auto const& env = config_->env();
  auto env_file = use_environment_ ? env_get(env, "AWS_WEB_IDENTITY_TOKEN_FILE") : std::nullopt;
  std::string where;
  if (env_file && !env_file->empty()) {
    token_file = std::string(*env_file);
    if (auto v = env_get(env, "AWS_ROLE_ARN")) role_arn = std::string(*v);
    if (auto v = env_get(env, "AWS_ROLE_SESSION_NAME")) session_name = std::string(*v);
    where = "AWS_ROLE_ARN";
  } else {
    auto const* section = config_->files().profile(profile_);
    if (!section) co_return std::optional<credentials>{};
    auto value = [section](std::string_view key) -> std::string {
      auto it = section->find(key);
      return it == section->end() || it->second.nested ? std::string() : it->second.text;
    };
    token_file = value("web_identity_token_file");
    if (token_file.empty()) co_return std::optional<credentials>{};
    role_arn = value("role_arn");
    session_name = value("role_session_name");
    where = "role_arn in profile " + profile_;
  }
  if (role_arn.empty())
    co_return make_error_info(error::invalid_config,
                              "web identity credentials need a role ARN: " + where + " is not set");
  if (session_name.empty()) session_name = default_role_session_name();
  token_file = expand_path(token_file, env);
  std::string why;
  auto read = [&token_file, &why] { return read_file(token_file, &why); };
  auto token = co_await run_off_loop(read);
  if (!token)
    co_return make_error_info(error::credential_provider,
                              "Error when retrieving credentials from assume-role-with-web-identity: cannot read "
                              "the web identity token file: " + why);
  aws_call call;
  call.service = "sts";
  call.operation = "AssumeRoleWithWebIdentity";
  call.params["RoleArn"] = role_arn;
  call.params["RoleSessionName"] = session_name;
  call.params["WebIdentityToken"] = *token;
  auto pending = caller_(std::move(call));
  auto result = co_await std::move(pending);
  if (!result)
    co_return make_error_info(error::credential_provider,
                              "Error when retrieving credentials from assume-role-with-web-identity: " +
                                  result.error().message);
  co_return credentials_from_sts(*result, "assume-role-with-web-identity");
}

}  // namespace awscoro::detail
