// Presigned URLs and POSTs: the call pipeline up to signing (client_impl::prepare), then a
// signature in the query string or a signed POST policy instead of headers, with botocore's
// choice of endpoint and signature version for presigning.
#include <awscoro/client.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>

#include "auth/post_policy.hpp"
#include "auth/signer.hpp"
#include "client/client_impl.hpp"
#include "client/session_impl.hpp"
#include "endpoint/partitions.hpp"
#include "model/model_registry.hpp"
#include "model/naming.hpp"
#include "serialize/uri_template.hpp"
#include "util/encoding.hpp"

namespace awscoro {
namespace asio = boost::asio;
namespace json = boost::json;

asio::awaitable<std::string> client::generate_presigned_url(std::string client_method, json::object params,
                                                            std::chrono::seconds expires_in,
                                                            std::string http_method) const {
  if (!impl_) throw config_error(make_error_code(error::invalid_config), "generate_presigned_url on an empty client");
  auto impl = impl_;
  co_return co_await impl->presign_url(std::move(client_method), std::move(params), expires_in,
                                       std::move(http_method));
}

asio::awaitable<json::object> client::generate_presigned_post(std::string bucket, std::string key,
                                                              json::object fields, json::array conditions,
                                                              std::chrono::seconds expires_in) const {
  if (!impl_) throw config_error(make_error_code(error::invalid_config), "generate_presigned_post on an empty client");
  auto impl = impl_;
  co_return co_await impl->presign_post(std::move(bucket), std::move(key), std::move(fields), std::move(conditions),
                                        expires_in);
}

}  // namespace awscoro

namespace awscoro::detail {
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

[[noreturn]] void fail(error e, std::string message, std::string const& operation = {}) {
  diagnostics d;
  d.message = std::move(message);
  d.operation = operation;
  throw_error(make_error_code(e), std::move(d));
}

std::string string_param(json::object const& params, std::string_view name) {
  if (auto const* v = params.if_contains(name); v && v->is_string()) return std::string(v->get_string());
  return {};
}

// botocore's VALID_HOST_LABEL_RE: 1-63 letters, digits and hyphens, no hyphen at either end.
bool is_host_label(std::string_view s) {
  if (s.empty() || s.size() > 63 || s.front() == '-' || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool is_s3express_bucket(std::string_view b) { return b.ends_with("--x-s3") || b.ends_with("--xa-s3"); }

// Whether endpoints.json lists `region` for S3 with the legacy "s3" signature version: there
// botocore presigns with HMAC-SHA1 unless a signature version was configured.
bool region_accepts_s3_sigv2(std::string_view region) {
  load_error err{};
  auto doc = model_registry::instance().data("endpoints", &err);
  if (!doc || !doc->is_object()) return false;
  auto const* parts = doc->get_object().if_contains("partitions");
  if (!parts || !parts->is_array()) return false;
  for (auto const& p : parts->get_array()) {
    if (!p.is_object()) continue;
    auto const* services = p.get_object().if_contains("services");
    if (!services || !services->is_object()) continue;
    auto const* s3 = services->get_object().if_contains("s3");
    if (!s3 || !s3->is_object()) continue;
    auto const* endpoints = s3->get_object().if_contains("endpoints");
    if (!endpoints || !endpoints->is_object()) continue;
    auto const* ep = endpoints->get_object().if_contains(region);
    if (!ep || !ep->is_object()) continue;
    auto const* versions = ep->get_object().if_contains("signatureVersions");
    if (!versions || !versions->is_array()) return false;
    for (auto const& v : versions->get_array())
      if (v.is_string() && v.get_string() == "s3") return true;
    return false;
  }
  return false;
}

bool in_aws_partition(std::string_view region) {
  std::string message;
  auto parts = partitions::load(&message);
  if (!parts) return false;
  auto const* name = parts->partition_for(region).find("name");
  return name && name->is_string() && name->string == "aws";
}

// botocore's _render_uri_template over the S3 auth path ("/{Bucket}/{Key+}").
std::string render_auth_path(std::string_view tmpl, json::object const& params) {
  std::string path;
  std::string_view literal_query;
  auto missing = expand_uri_template(tmpl, path, literal_query, [&](std::string_view label, bool greedy, std::string& out) {
    auto const* v = params.if_contains(label);
    if (!v || !v->is_string()) return false;
    percent_encode_to(out, v->get_string(), greedy);
    return true;
  });
  return missing.empty() ? path : std::string();
}

// str() of a Python value from a JSON body: what botocore's SigV4 query signer puts in the URL.
std::string python_str(json::value const& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_bool()) return v.get_bool() ? "True" : "False";
  if (v.is_null()) return "None";
  return python_json_dumps(v);
}

// SigV4 presigning moves a body's parameters into the URL: form bodies (the signer does that)
// and JSON objects, as botocore's _get_body_as_dict does.
void move_json_body_to_query(http_request& request) {
  if (request.body.empty() || request.body.front() != '{') return;
  boost::system::error_code ec;
  json::value body = json::parse(request.body, ec);
  if (ec || !body.is_object()) return;
  for (auto const& [k, v] : body.get_object()) {
    if (!request.query.empty()) request.query += '&';
    percent_encode_to(request.query, k);
    request.query += '=';
    percent_encode_to(request.query, python_str(v));
  }
  request.body.clear();
}

}  // namespace

asio::awaitable<void> client_impl::prepare_presign(call_state& st) {
  st.context["is_presign_request"] = true;
  co_await prepare(st);
  // Presigned requests carry no User-Agent (botocore builds them without one).
  st.request.headers.remove("User-Agent");

  service_model const& model = *model_;
  if (model.service_name != "s3" || !settings_.endpoint_url.empty()) co_return;
  // botocore's presigned S3 URLs use the global endpoint (region "aws-global") in the aws
  // partition unless something needs the regional or path-style one.
  auto const& s3 = meta_.config.s3;
  if (!in_aws_partition(settings_.region)) co_return;
  if (s3.use_dualstack_endpoint.value_or(false)) co_return;
  if (s3.us_east_1_regional_endpoint.value_or("legacy") == "regional" && settings_.region == "us-east-1") co_return;
  std::string const addressing = s3.addressing_style.value_or("auto");
  if (addressing == "virtual" || addressing == "path") co_return;
  if (st.op->name == "GetBucketLocation") co_return;
  std::string bucket = string_param(st.params, "Bucket");
  if (st.params.contains("Bucket") && !is_host_label(bucket)) co_return;
  if (bucket.starts_with("arn:") || is_s3express_bucket(bucket)) co_return;
  if (settings_.region == "aws-global") co_return;  // already global

  client_settings global = settings_;
  global.region = "aws-global";
  call_endpoint_resolver resolver(model_, global, meta_.config);
  std::string message;
  auto endpoint = resolver.resolve(*st.op, st.params, st.creds.account_id, events_, st.args, message);
  if (!endpoint) fail(error::endpoint_resolution, message, st.op->name);

  // Move the request from the regional endpoint to the global one: the path the serializer made
  // stays, the endpoint's own path prefix is swapped.
  http_request& request = st.request;
  http_request scratch;
  std::string old_prefix, new_prefix;
  apply_endpoint_url(st.endpoint.url, scratch, old_prefix);
  if (!old_prefix.empty() && old_prefix != "/") co_return;  // path-style after all: keep it
  if (!apply_endpoint_url(endpoint->url, request, new_prefix)) co_return;
  if (!new_prefix.empty() && new_prefix != "/") {
    std::string joined = new_prefix;
    if (joined.back() == '/' && request.path.starts_with('/')) joined.pop_back();
    if (request.path != "/") joined += request.path;
    request.path = std::move(joined);
  }
  if (auto const* host = request.headers.find("Host"); host) request.headers.remove("Host");
  for (auto const& [name, value] : endpoint->headers) request.headers.set(name, value);
  // The client's region still signs (botocore ignores the rule set's signing region here).
  st.endpoint.url = endpoint->url;
  st.endpoint.signing_region = settings_.region;
}

std::string client_impl::presign_scheme(call_state const& st) const {
  service_model const& model = *model_;
  if (st.anonymous || settings_.unsigned_requests) return "none";
  std::string_view auth = st.endpoint.auth_scheme;
  if (auth == "none") return "none";
  if (auth == "bearer") return "bearer";
  bool const s3 = model.service_name == "s3";
  if (auth == "sigv4a") return "v4a";
  if (auto const& configured = meta_.config.signature_version) {
    if (*configured == "s3" || *configured == "s3-query") return "s3";
    if (*configured == "v4a" || *configured == "s3v4a") return "v4a";
    return "v4";
  }
  if (s3 && (settings_.region == "aws-global" || region_accepts_s3_sigv2(settings_.region))) return "s3";
  return "v4";
}

asio::awaitable<std::string> client_impl::presign_url(std::string operation, json::object params,
                                                      std::chrono::seconds expires, std::string http_method) {
  auto self = shared_from_this();
  service_model const& model = *model_;
  operation_model const* op = model.find_operation(operation);
  if (!op) {
    for (auto const& o : model.operations)
      if (xform_name(o.name) == operation) op = &o;
  }
  if (!op) op = &find_operation(operation);  // throws unknown_operation with suggestions
  if (expires.count() < 0) fail(error::invalid_config, "presigned URL expiry cannot be negative", op->name);

  call_state st(*op, std::move(params), names_for(*op));
  co_await prepare_presign(st);
  http_request request = st.request;
  if (!http_method.empty()) request.method = http_method;
  st.args.request = &request;
  st.args.attempt = 1;
  emit(st, st.names.before_sign);

  std::string scheme = presign_scheme(st);
  if (scheme == "none") co_return request.url();
  if (scheme == "bearer") fail(error::invalid_config, "a bearer-token operation cannot be presigned", op->name);

  bool const s3 = model.service_name == "s3" || model.service_name == "s3control" ||
                  model.metadata.signature_version == "s3v4" || model.metadata.signature_version == "s3";
  signing_params sp;
  sp.scheme = scheme;
  sp.creds = &st.creds;
  bool bucket_is_arn = string_param(st.params, "Bucket").starts_with("arn:");
  sp.region = settings_.region;
  if ((!s3 || bucket_is_arn) && !st.endpoint.signing_region.empty()) sp.region = st.endpoint.signing_region;
  sp.region_set = st.endpoint.signing_region_set;
  sp.signing_name = st.endpoint.signing_name.empty() ? model.metadata.signing_name : st.endpoint.signing_name;
  sp.time = session_->clock_now();
  sp.s3 = s3;
  sp.disable_double_encoding = st.endpoint.disable_double_encoding || s3;
  sp.unsigned_payload = s3 || !should_sign_payload(model, *op, request, false);
  sp.expires = expires;
  if (scheme == "s3") {
    sp.auth_path = op->auth_path.empty() ? std::string() : render_auth_path(op->auth_path, st.params);
  } else if (!s3) {
    move_json_body_to_query(request);
  }
  if (auto err = sign_request(request, sp); !err.empty()) fail(error::invalid_config, err, op->name);
  co_return request.url();
}

asio::awaitable<json::object> client_impl::presign_post(std::string bucket, std::string key, json::object fields,
                                                        json::array conditions, std::chrono::seconds expires) {
  auto self = shared_from_this();
  service_model const& model = *model_;
  if (model.service_name != "s3")
    fail(error::invalid_config, "generate_presigned_post is an S3 operation; this client is for \"" +
                                    model.service_name + "\"");
  // CreateBucket's request is the bucket's URL: where the form is posted.
  operation_model const& op = find_operation("CreateBucket");
  json::object params;
  params["Bucket"] = bucket;
  call_state st(op, std::move(params), names_for(op));
  co_await prepare_presign(st);

  post_policy_request post;
  post.fields = std::move(fields);
  post.conditions = std::move(conditions);
  post.conditions.push_back(json::object{{"bucket", bucket}});
  constexpr std::string_view filename = "${filename}";
  if (key.ends_with(filename)) {
    json::array starts;
    starts.emplace_back("starts-with");
    starts.emplace_back("$key");
    starts.emplace_back(std::string_view(key).substr(0, key.size() - filename.size()));
    post.conditions.emplace_back(std::move(starts));
  } else {
    post.conditions.push_back(json::object{{"key", key}});
  }
  post.fields["key"] = key;
  post.now = session_->clock_now();
  post.expires_seconds = expires.count();

  std::string scheme = presign_scheme(st);
  std::string err;
  if (scheme == "s3") {
    err = sign_post_policy_v2(post, st.creds);
  } else if (scheme == "v4") {
    std::string signing_name = st.endpoint.signing_name.empty() ? model.metadata.signing_name : st.endpoint.signing_name;
    std::string region = settings_.region;
    if (bucket.starts_with("arn:") && !st.endpoint.signing_region.empty()) region = st.endpoint.signing_region;
    err = sign_post_policy_v4(post, st.creds, region, signing_name);
  } else if (scheme != "none") {
    err = "a presigned POST cannot be signed with \"" + scheme + "\"";
  }
  if (!err.empty()) fail(error::invalid_config, err, "PutObject");

  json::object result;
  result["url"] = st.request.url();
  result["fields"] = std::move(post.fields);
  co_return result;
}

}  // namespace awscoro::detail
