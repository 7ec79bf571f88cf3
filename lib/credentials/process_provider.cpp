#include "credentials/process_provider.hpp"

#include <boost/json/parse.hpp>

#include "credentials/child_process.hpp"
#include "credentials/json_credentials.hpp"

namespace awscoro::detail {
namespace json = boost::json;

credential_result parse_process_credentials(std::string_view output, std::string_view method) {
  boost::system::error_code ec;
  auto doc = json::parse(output, ec);
  std::string const prefix = "Error when retrieving credentials from " + std::string(method) + ": ";
  if (ec || !doc.is_object())
    return make_error_info(error::credential_provider, prefix + "the process did not print a JSON object");
  auto const& obj = doc.as_object();
  auto version = obj.if_contains("Version");
  if (!version || !version->is_int64() || version->as_int64() != 1)
    return make_error_info(error::credential_provider,
                           prefix + "unsupported Version for the credential process, supported versions: 1");
  return credentials_from_json(obj, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", method, prefix);
}

boost::asio::awaitable<credential_result> process_provider::load() {
  auto const* section = files_->profile(profile_);
  if (!section) co_return std::optional<credentials>{};
  auto it = section->find("credential_process");
  if (it == section->end() || it->second.nested) co_return std::optional<credentials>{};
  auto argv = shell_split(it->second.text);
  if (!argv || argv->empty())
    co_return make_error_info(error::credential_provider,
                              "credential_process in profile " + profile_ + " is not a valid command line");
  auto running = run_child_process(std::move(*argv), limit_);
  auto ran = co_await std::move(running);
  if (!ran) co_return ran.error();
  if (ran->exit_code != 0) {
    // The program's stderr is its own error message: it is not where credentials go.
    co_return make_error_info(error::credential_provider,
                              "Error when retrieving credentials from custom-process (profile " + profile_ +
                                  ", exit status " + std::to_string(ran->exit_code) + "): " + ran->err);
  }
  co_return parse_process_credentials(ran->out, "custom-process");
}

}  // namespace awscoro::detail
