#include "auth/s3_hmac_signer.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "util/encoding.hpp"

namespace awscoro::detail {
namespace {

// The query parameters S3 counts as part of the resource (botocore's HmacV1Auth list).
constexpr std::string_view signed_subresources[] = {
    "accelerate", "acl", "cors", "defaultObjectAcl", "location", "logging", "partNumber", "policy",
    "requestPayment", "torrent", "versioning", "versionId", "versions", "website", "uploads", "uploadId",
    "response-content-type", "response-content-language", "response-expires", "response-cache-control",
    "response-content-disposition", "response-content-encoding", "delete", "lifecycle", "tagging", "restore",
    "storageClass", "notification", "replication", "analytics", "metrics", "inventory", "select",
    "select-type", "object-lock"};

bool is_signed_subresource(std::string_view key) {
  return std::find(std::begin(signed_subresources), std::end(signed_subresources), key) !=
         std::end(signed_subresources);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

std::string check(credentials const& creds) {
  if (creds.access_key.empty()) return "s3 (HMAC-SHA1): the credentials have no access key";
  if (creds.secret_key.empty()) return "s3 (HMAC-SHA1): the credentials have no secret key";
  return {};
}

}  // namespace

std::string hmac_sha1_base64(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), reinterpret_cast<unsigned char const*>(data.data()),
       data.size(), out, &size);
  return base64_encode(std::string_view(reinterpret_cast<char const*>(out), size));
}

std::string s3_hmac_string_to_sign(http_request const& request, std::string_view date, std::string_view auth_path) {
  std::string s;
  for (char c : request.method) s += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  s += '\n';
  for (std::string_view name : {"Content-MD5", "Content-Type"}) {
    if (auto const* v = request.headers.find(name)) s += trim(*v);
    s += '\n';
  }
  s += date;
  s += '\n';
  // x-amz-* headers, lowercased and sorted, repeated values joined with ','.
  std::map<std::string, std::string> custom;
  for (auto const& [name, value] : request.headers) {
    std::string key = lower(name);
    if (!key.starts_with("x-amz-")) continue;
    auto [it, fresh] = custom.try_emplace(std::move(key));
    if (!fresh) it->second += ',';
    it->second += trim(value);
  }
  for (auto const& [name, value] : custom) s.append(name).append(":").append(value).append("\n");

  s += auth_path.empty() ? std::string_view(request.path) : auth_path;
  std::vector<std::pair<std::string, std::string>> sub;  // value "\0" marks a key with no '='
  std::string_view q = request.query;
  while (!q.empty()) {
    auto amp = q.find('&');
    std::string_view pair = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
    auto eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    if (!is_signed_subresource(key)) continue;
    if (eq == std::string_view::npos)
      sub.emplace_back(std::string(key), std::string(1, '\0'));
    else
      sub.emplace_back(std::string(key), percent_decode(pair.substr(eq + 1)));
  }
  std::stable_sort(sub.begin(), sub.end(), [](auto const& a, auto const& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < sub.size(); ++i) {
    s += i == 0 ? '?' : '&';
    s += sub[i].first;
    if (sub[i].second != std::string_view("\0", 1)) s.append("=").append(sub[i].second);
  }
  return s;
}

std::string s3_hmac_sign(http_request& request, credentials const& creds, timestamp_us now,
                         std::string_view auth_path, std::string* string_to_sign) {
  if (auto err = check(creds); !err.empty()) return err;
  request.headers.remove("Authorization");
  request.headers.remove("Date");
  if (!creds.token.empty()) request.headers.set("X-Amz-Security-Token", creds.token);
  std::string date = format_rfc822(now - now % 1000000);
  request.headers.set("Date", date);
  std::string sts = s3_hmac_string_to_sign(request, date, auth_path);
  std::string auth = "AWS " + creds.access_key + ":" + hmac_sha1_base64(creds.secret_key, sts);
  request.headers.set("Authorization", std::move(auth));
  if (string_to_sign) *string_to_sign = std::move(sts);
  return {};
}

std::string s3_hmac_presign(http_request& request, credentials const& creds, timestamp_us now,
                            std::int64_t expires_seconds, std::string_view auth_path, std::string* string_to_sign) {
  if (auto err = check(creds); !err.empty()) return err;
  if (expires_seconds < 0) return "s3 (HMAC-SHA1): a presigned URL's expiry cannot be negative";
  request.headers.remove("Authorization");
  request.headers.remove("Date");
  if (!creds.token.empty()) request.headers.set("X-Amz-Security-Token", creds.token);
  std::string expires = std::to_string(now / 1000000 + expires_seconds);
  std::string sts = s3_hmac_string_to_sign(request, expires, auth_path);
  std::string signature = hmac_sha1_base64(creds.secret_key, sts);

  // Signed headers travel in the query, in header order, the token last and Expires after all.
  std::string q = request.query;
  auto add = [&q](std::string_view k, std::string_view v) {
    if (!q.empty()) q += '&';
    percent_encode_to(q, k);
    q += '=';
    percent_encode_to(q, v);
  };
  add("AWSAccessKeyId", creds.access_key);
  add("Signature", signature);
  for (auto const& [name, value] : request.headers) {
    std::string key = lower(name);
    if (key == "x-amz-security-token") continue;
    if (key.starts_with("x-amz-") || key == "content-md5" || key == "content-type") add(key, value);
  }
  if (!creds.token.empty()) add("x-amz-security-token", creds.token);
  add("Expires", expires);
  request.query = std::move(q);
  if (string_to_sign) *string_to_sign = std::move(sts);
  return {};
}

}  // namespace awscoro::detail
