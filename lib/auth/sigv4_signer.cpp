#include "auth/sigv4_signer.hpp"

#include <charconv>
#include <utility>
#include <vector>

#include "auth/canonical_request.hpp"
#include "auth/sha256_context.hpp"
#include "auth/signing_key_cache.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {

// Per-thread working memory: once warm, a signature allocates only the values it hands to the
// request.
struct sigv4_buffers {
  canonical_scratch scratch;
  std::string canonical;
  std::string signed_headers;
  std::string string_to_sign;
  std::string query;
  std::vector<std::pair<std::string, std::string>> params;
  // The last formatted X-Amz-Date: requests made within the same second share it.
  timestamp_us amz_date_second = -1;
  std::string amz_date;
};

namespace {

constexpr std::string_view algorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view empty_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
// botocore drops this Content-Type before presigning: it is the one it adds to query-protocol
// bodies, meaningless once the parameters move into the URL.
constexpr std::string_view form_content_type = "application/x-www-form-urlencoded; charset=utf-8";

sigv4_buffers& local_buffers() {
  thread_local sigv4_buffers buffers;
  return buffers;
}

std::string_view amz_date_of(sigv4_buffers& buf, timestamp_us now) {
  timestamp_us second = now / 1000000 - (now % 1000000 < 0 ? 1 : 0);
  if (second != buf.amz_date_second || buf.amz_date.empty()) {
    buf.amz_date = format_amz_date(second * 1000000);
    buf.amz_date_second = second;
  }
  return buf.amz_date;
}

// The payload hash of a body: the empty-body constant or the body's SHA-256, in `storage`.
std::string_view body_hash(std::string const& body, char (&storage)[64]) {
  if (body.empty()) return empty_sha256;
  hex_digest_to(storage, sha256_context::local().digest(body));
  return {storage, sizeof storage};
}

// Adds the pairs of a query string or form body, a repeated key keeping its first position and
// taking the last source's first value, as botocore's dict of parse_qs results does.
void merge_form_pairs(std::vector<std::pair<std::string, std::string>>& params, std::string_view text,
                      bool override_existing) {
  std::size_t first_new = params.size();
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t amp = text.find('&', start);
    if (amp == std::string_view::npos) amp = text.size();
    std::string_view pair = text.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string key = form_decode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? std::string() : form_decode(pair.substr(eq + 1));
    bool seen = false;
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (params[i].first != key) continue;
      seen = true;
      // Within one source the first value wins; a later source replaces the value.
      if (override_existing && i < first_new) params[i].second = std::move(value);
      break;
    }
    if (!seen) params.emplace_back(std::move(key), std::move(value));
  }
}

}  // namespace

sigv4_signer::sigv4_signer(std::string_view region, std::string_view service, sigv4_options options,
                           signing_key_cache* cache)
    : region_(region), service_(service), options_(options),
      cache_(cache ? cache : &signing_key_cache::global()) {}

std::string sigv4_signer::check_credentials(credentials const& creds) const {
  if (creds.access_key.empty()) return "sigv4: the credentials have no access key";
  if (creds.secret_key.empty()) return "sigv4: the credentials have no secret key";
  if (region_.empty()) return "sigv4: no signing region";
  if (service_.empty()) return "sigv4: no signing name (service)";
  return {};
}

void sigv4_signer::append_scope(std::string& out, std::string_view access_key, std::string_view date,
                                bool encoded) const {
  std::string_view slash = encoded ? "%2F" : "/";
  if (encoded)
    percent_encode_to(out, access_key);
  else
    out += access_key;
  out.append(slash).append(date).append(slash);
  if (encoded)
    percent_encode_to(out, region_);
  else
    out += region_;
  out += slash;
  if (encoded)
    percent_encode_to(out, service_);
  else
    out += service_;
  out.append(slash).append("aws4_request");
}

void sigv4_signer::signature(char* out, http_request const& request, std::string_view secret,
                             std::string_view amz_date, std::string_view payload_hash, sigv4_buffers& buf,
                             sigv4_trace* trace) const {
  std::string& cr = buf.canonical;
  cr.clear();
  for (char c : request.method) cr += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  cr += '\n';
  bool encode = !options_.s3 && !options_.disable_double_encoding;
  append_canonical_uri(cr, request.path, !options_.s3, encode, buf.scratch);
  cr += '\n';
  append_canonical_query(cr, request.query, buf.scratch);
  cr += '\n';
  append_canonical_headers(cr, buf.signed_headers, request.headers, buf.scratch);
  cr += '\n';
  cr += buf.signed_headers;
  cr += '\n';
  cr += payload_hash;

  sha256_context& sha = sha256_context::local();
  std::string_view date = amz_date.substr(0, 8);
  std::string& sts = buf.string_to_sign;
  sts.clear();
  sts.append(algorithm).append("\n").append(amz_date).append("\n").append(date);
  sts.append("/").append(region_).append("/").append(service_).append("/aws4_request\n");
  std::size_t at = sts.size();
  sts.resize(at + 64);
  hex_digest_to(sts.data() + at, sha.digest(cr));

  if (trace) {
    trace->canonical_request = cr;
    trace->string_to_sign = sts;
  }
  sha256_digest key = cache_->get(secret, date, region_, service_);
  hex_digest_to(out, sha.hmac(as_view(key), sts));
}

std::string sigv4_signer::sign(http_request& request, credentials const& creds, timestamp_us now,
                               sigv4_trace* trace) const {
  if (auto err = check_credentials(creds); !err.empty()) return err;
  sigv4_buffers& buf = local_buffers();
  std::string_view amz_date = amz_date_of(buf, now);

  // A retry signs again: the previous attempt's signature must not be signed over.
  request.headers.remove("Authorization");
  if (request.headers.contains("Date")) {
    // A request that carries Date is dated by it alone, in the numeric-zone form Python's
    // email.utils.formatdate writes.
    std::string date = format_rfc822(buf.amz_date_second * 1000000);
    if (date.size() >= 3 && date.compare(date.size() - 3, 3, "GMT") == 0) date.replace(date.size() - 3, 3, "-0000");
    request.headers.set("Date", std::move(date));
    request.headers.remove("X-Amz-Date");
  } else {
    request.headers.set("X-Amz-Date", std::string(amz_date));
  }
  if (!creds.token.empty()) request.headers.set("X-Amz-Security-Token", creds.token);

  char computed[64];
  std::string_view payload = options_.payload_hash;
  if (payload.empty()) payload = options_.unsigned_payload ? unsigned_payload_hash : body_hash(request.body, computed);
  if (options_.s3 || options_.unsigned_payload || !options_.payload_hash.empty())
    request.headers.set("X-Amz-Content-SHA256", std::string(payload));
  // A hash the request already carries (Glacier's tree hash, say) is what the service checks.
  if (std::string const* given = request.headers.find("X-Amz-Content-SHA256")) payload = *given;
  set_host_if_missing(request);

  char sig[64];
  signature(sig, request, creds.secret_key, amz_date, payload, buf, trace);

  std::string auth;
  auth.reserve(algorithm.size() + creds.access_key.size() + region_.size() + service_.size() +
               buf.signed_headers.size() + sizeof sig + 64);
  auth.append(algorithm).append(" Credential=");
  append_scope(auth, creds.access_key, amz_date.substr(0, 8), false);
  auth.append(", SignedHeaders=").append(buf.signed_headers).append(", Signature=").append(sig, sizeof sig);
  request.headers.set("Authorization", std::move(auth));
  return {};
}

std::string sigv4_signer::presign(http_request& request, credentials const& creds, timestamp_us now,
                                  std::int64_t expires_seconds, sigv4_trace* trace) const {
  if (auto err = check_credentials(creds); !err.empty()) return err;
  if (expires_seconds < sigv4_min_expires || expires_seconds > sigv4_max_expires)
    return "sigv4: presigned URL expiry must lie between 1 second and 7 days (604800 s), got " +
           std::to_string(expires_seconds) + " s";
  sigv4_buffers& buf = local_buffers();
  std::string_view amz_date = amz_date_of(buf, now);
  std::string_view date = amz_date.substr(0, 8);

  if (std::string const* ct = request.headers.find("Content-Type"); ct && *ct == form_content_type)
    request.headers.remove("Content-Type");
  set_host_if_missing(request);

  // The signed header names go into the query, so they are known before the canonical request.
  buf.canonical.clear();
  append_canonical_headers(buf.canonical, buf.signed_headers, request.headers, buf.scratch);

  // Operation parameters first, then the authentication parameters, as the service expects.
  buf.params.clear();
  merge_form_pairs(buf.params, request.query, false);
  // Query-protocol bodies are form-encoded; they travel in the URL of a presigned request.
  if (!request.body.empty() && request.body.front() != '{') {
    merge_form_pairs(buf.params, request.body, true);
    request.body.clear();
  }
  std::string& q = buf.query;
  q.clear();
  for (auto const& [k, v] : buf.params) append_query_param(q, k, v);
  if (!q.empty()) q += '&';
  q.append("X-Amz-Algorithm=").append(algorithm);
  q.append("&X-Amz-Credential=");
  append_scope(q, creds.access_key, date, true);
  q.append("&X-Amz-Date=").append(amz_date);
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, expires_seconds);
  (void)ec;
  q.append("&X-Amz-Expires=").append(digits, end);
  q.append("&X-Amz-SignedHeaders=");
  percent_encode_to(q, buf.signed_headers);
  if (!creds.token.empty()) {
    q.append("&X-Amz-Security-Token=");
    percent_encode_to(q, creds.token);
  }
  request.query = q;

  char computed[64];
  std::string_view payload = options_.payload_hash;
  if (std::string const* given = request.headers.find("X-Amz-Content-SHA256")) {
    payload = *given;
  } else if (payload.empty()) {
    // S3 cannot know a presigned URL's payload when the URL is made: UNSIGNED-PAYLOAD.
    payload = options_.s3 || options_.unsigned_payload ? unsigned_payload_hash : body_hash(request.body, computed);
  }

  char sig[64];
  signature(sig, request, creds.secret_key, amz_date, payload, buf, trace);
  request.query.append("&X-Amz-Signature=").append(sig, sizeof sig);
  return {};
}

}  // namespace awscoro::detail
