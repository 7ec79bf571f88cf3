#include "auth/post_policy.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "auth/s3_hmac_signer.hpp"
#include "auth/sha256_context.hpp"
#include "auth/signing_key_cache.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/json_text.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

std::string policy_text(post_policy_request const& post) {
  json::object policy;
  timestamp_us expires = post.now - post.now % 1000000 + post.expires_seconds * 1000000;
  policy["expiration"] = format_iso8601(expires);
  policy["conditions"] = post.conditions;
  return python_json_dumps(policy);
}

}  // namespace

std::string python_json_dumps(json::value const& v) {
  std::string out;
  append_json_value(out, v, json_spacing::python_default);
  return out;
}

std::string sign_post_policy_v4(post_policy_request& post, credentials const& creds, std::string_view region,
                                std::string_view service, signing_key_cache* cache, std::string* policy_json) {
  if (creds.access_key.empty() || creds.secret_key.empty())
    return "s3v4 presigned POST: the credentials have no access key or secret key";
  if (region.empty()) return "s3v4 presigned POST: no signing region";
  std::string amz_date = format_amz_date(post.now - post.now % 1000000);
  std::string date = amz_date.substr(0, 8);
  std::string scope = creds.access_key + "/" + date + "/" + std::string(region) + "/" + std::string(service) +
                      "/aws4_request";
  post.fields["x-amz-algorithm"] = "AWS4-HMAC-SHA256";
  post.fields["x-amz-credential"] = scope;
  post.fields["x-amz-date"] = amz_date;
  post.conditions.push_back(json::object{{"x-amz-algorithm", "AWS4-HMAC-SHA256"}});
  post.conditions.push_back(json::object{{"x-amz-credential", scope}});
  post.conditions.push_back(json::object{{"x-amz-date", amz_date}});
  if (!creds.token.empty()) {
    post.fields["x-amz-security-token"] = creds.token;
    post.conditions.push_back(json::object{{"x-amz-security-token", creds.token}});
  }
  std::string text = policy_text(post);
  std::string policy = base64_encode(text);
  signing_key_cache& keys = cache ? *cache : signing_key_cache::global();
  sha256_digest key = keys.get(creds.secret_key, date, region, service);
  post.fields["policy"] = policy;
  post.fields["x-amz-signature"] = hex_encode(as_view(hmac_sha256(as_view(key), policy)));
  if (policy_json) *policy_json = std::move(text);
  return {};
}

std::string sign_post_policy_v2(post_policy_request& post, credentials const& creds, std::string* policy_json) {
  if (creds.access_key.empty() || creds.secret_key.empty())
    return "s3 presigned POST: the credentials have no access key or secret key";
  post.fields["AWSAccessKeyId"] = creds.access_key;
  if (!creds.token.empty()) {
    post.fields["x-amz-security-token"] = creds.token;
    post.conditions.push_back(json::object{{"x-amz-security-token", creds.token}});
  }
  std::string text = policy_text(post);
  std::string policy = base64_encode(text);
  post.fields["policy"] = policy;
  post.fields["signature"] = hmac_sha1_base64(creds.secret_key, policy);
  if (policy_json) *policy_json = std::move(text);
  return {};
}

}  // namespace awscoro::detail
