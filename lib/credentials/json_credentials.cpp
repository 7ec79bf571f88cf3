#include "credentials/json_credentials.hpp"

#include "util/timestamp.hpp"

namespace awscoro::detail {

credential_result credentials_from_json(boost::json::object const& obj, std::string_view key_name,
                                        std::string_view secret_name, std::string_view token_name,
                                        std::string_view expiry_name, std::string_view method,
                                        std::string_view prefix) {
  auto text = [&obj](std::string_view name) -> std::optional<std::string> {
    if (name.empty()) return std::nullopt;
    auto v = obj.if_contains(name);
    if (!v || !v->is_string()) return std::nullopt;
    return std::string(v->as_string().data(), v->as_string().size());
  };
  credentials c;
  c.method = method;
  for (auto [name, into] : {std::pair{key_name, &c.access_key}, std::pair{secret_name, &c.secret_key}}) {
    auto v = text(name);
    if (!v || v->empty())
      return make_error_info(error::credential_provider, std::string(prefix) + "missing required key " +
                                                             std::string(name) + " in the response");
    *into = *v;
  }
  if (auto v = text(token_name)) c.token = *v;
  if (!expiry_name.empty()) {
    if (auto v = obj.if_contains(expiry_name)) {
      auto t = timestamp_from_json(*v);
      if (!t)
        return make_error_info(error::credential_provider,
                               std::string(prefix) + std::string(expiry_name) + " is not a valid timestamp");
      c.expiry = std::chrono::system_clock::time_point(std::chrono::microseconds(*t));
    }
  }
  if (auto v = text("AccountId")) c.account_id = *v;
  return std::optional<credentials>(std::move(c));
}

}  // namespace awscoro::detail
