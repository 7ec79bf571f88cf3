#include "auth/sigv2_signer.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "util/crypto.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {
namespace {

using param_list = std::vector<std::pair<std::string, std::string>>;

// Pairs of a form body or query; a repeated key keeps its last value (a Python dict).
void parse_form(param_list& out, std::string_view text) {
  while (!text.empty()) {
    auto amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    std::string key = form_decode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? std::string() : form_decode(pair.substr(eq + 1));
    auto it = std::find_if(out.begin(), out.end(), [&](auto const& p) { return p.first == key; });
    if (it != out.end())
      it->second = std::move(value);
    else
      out.emplace_back(std::move(key), std::move(value));
  }
}

void set_param(param_list& params, std::string key, std::string value) {
  auto it = std::find_if(params.begin(), params.end(), [&](auto const& p) { return p.first == key; });
  if (it != params.end())
    it->second = std::move(value);
  else
    params.emplace_back(std::move(key), std::move(value));
}

std::string encode(param_list const& params) {
  std::string out;
  for (auto const& [k, v] : params) {
    if (!out.empty()) out += '&';
    percent_encode_to(out, k);
    out += '=';
    percent_encode_to(out, v);
  }
  return out;
}

}  // namespace

std::string sigv2_sign(http_request& request, credentials const& creds, timestamp_us now,
                       std::string* string_to_sign) {
  if (creds.access_key.empty()) return "sigv2: the credentials have no access key";
  if (creds.secret_key.empty()) return "sigv2: the credentials have no secret key";
  bool in_body = !request.body.empty();
  param_list params;
  parse_form(params, in_body ? std::string_view(request.body) : std::string_view(request.query));
  set_param(params, "AWSAccessKeyId", creds.access_key);
  set_param(params, "SignatureVersion", "2");
  set_param(params, "SignatureMethod", "HmacSHA256");
  set_param(params, "Timestamp", format_iso8601(now - now % 1000000));
  if (!creds.token.empty()) set_param(params, "SecurityToken", creds.token);
  std::erase_if(params, [](auto const& p) { return p.first == "Signature"; });

  std::string sts = request.method;
  sts += '\n';
  sts += request.authority();
  sts += '\n';
  sts += request.path.empty() ? "/" : request.path;
  sts += '\n';
  param_list sorted = params;
  std::sort(sorted.begin(), sorted.end(), [](auto const& a, auto const& b) { return a.first < b.first; });
  sts += encode(sorted);

  auto mac = hmac_sha256(creds.secret_key, sts);
  params.emplace_back("Signature", base64_encode(as_view(mac)));
  if (in_body)
    request.body = encode(params);
  else
    request.query = encode(params);
  if (string_to_sign) *string_to_sign = std::move(sts);
  return {};
}

}  // namespace awscoro::detail
