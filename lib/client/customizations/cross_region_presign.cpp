#include "client/customizations/cross_region_presign.hpp"

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "auth/signer.hpp"
#include "client/customizations/customizations.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

constexpr std::string_view plan_key = "cross_region_presign";
// botocore presigns these URLs with its default expiry.
constexpr std::chrono::seconds presigned_url_expiry{3600};

// One field of an x-www-form-urlencoded body: where it is and what it says.
struct form_field {
  std::size_t begin = 0;  // the key's first byte
  std::size_t end = 0;    // one past the value's last byte
  std::string value;
};

std::optional<form_field> find_form_field(std::string_view body, std::string_view name) {
  std::size_t begin = 0;
  while (begin <= body.size()) {
    std::size_t end = body.find('&', begin);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(begin, end - begin);
    std::size_t eq = pair.find('=');
    if (form_decode(pair.substr(0, eq)) == name) {
      std::string value = eq == std::string_view::npos ? std::string() : form_decode(pair.substr(eq + 1));
      return form_field{begin, end, std::move(value)};
    }
    begin = end + 1;
  }
  return std::nullopt;
}

void erase_form_field(std::string& body, form_field const& field) {
  std::size_t begin = field.begin;
  std::size_t end = field.end;
  if (end < body.size()) ++end;  // the '&' after it
  else if (begin > 0) --begin;   // the last field: the '&' before it
  body.erase(begin, end - begin);
}

// Replaces the value of `name` where it stands, or appends the field (a Python dict's order).
void set_form_field(std::string& body, std::string_view name, std::string_view value) {
  std::string encoded;
  percent_encode_to(encoded, name);
  encoded += '=';
  percent_encode_to(encoded, value);
  if (auto field = find_form_field(body, name)) {
    body.replace(field->begin, field->end - field->begin, encoded);
    return;
  }
  if (!body.empty()) body += '&';
  body += encoded;
}

std::string string_at(json::object const& o, std::string_view key) {
  if (auto const* v = o.if_contains(key); v && v->is_string()) return std::string(v->get_string());
  return {};
}

bool is_presign_request(json::object const& context) {
  auto const* flag = context.if_contains("is_presign_request");
  return flag && flag->is_bool() && flag->get_bool();
}

// RDS and its siblings: SourceRegion is an SDK-only member (sdk-extras), never sent.
void plan_rds_presigned_url(event_args& a) {
  // botocore presigns without before-call, so SourceRegion stays a plain member there.
  if (is_presign_request(*a.context)) return;
  auto source = find_form_field(a.request->body, "SourceRegion");
  if (!source) return;
  erase_form_field(a.request->body, *source);
  if (a.params->contains("PreSignedUrl")) return;
  (*a.context)[plan_key] = json::object{{"source_region", source->value}, {"url_member", "PreSignedUrl"}};
}

// EC2: SourceRegion is modeled and sent; DestinationRegion goes with the URL.
void plan_ec2_presigned_url(event_args& a) {
  if (is_presign_request(*a.context)) return;
  if (a.params->contains("PresignedUrl")) return;
  auto source = find_form_field(a.request->body, "SourceRegion");
  if (!source) return;
  (*a.context)[plan_key] = json::object{
      {"source_region", source->value}, {"url_member", "PresignedUrl"}, {"send_destination_region", true}};
}

// botocore moves the URL to the source region by replacing the region's name in it.
void replace_all(std::string& text, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

bool wants_cross_region_presigned_url(json::object const& context) { return context.contains(plan_key); }

std::string add_cross_region_presigned_url(json::object const& context, http_request& request,
                                           cross_region_signing const& signing) {
  auto const* plan_value = context.if_contains(plan_key);
  if (!plan_value || !plan_value->is_object()) return {};
  json::object const& plan = plan_value->get_object();
  std::string const source_region = string_at(plan, "source_region");

  http_request source = request;
  set_form_field(source.body, "DestinationRegion", signing.destination_region);
  replace_all(source.host, signing.destination_region, source_region);
  replace_all(source.path, signing.destination_region, source_region);
  source.method = "GET";
  source.headers.clear();
  if (signing.creds) {
    signing_params sp;
    sp.scheme = "v4";
    sp.creds = signing.creds;
    sp.region = source_region;
    sp.signing_name = std::string(signing.signing_name);
    sp.time = signing.now;
    sp.expires = presigned_url_expiry;
    if (auto err = sign_request(source, sp); !err.empty()) return err;
  }
  set_form_field(request.body, string_at(plan, "url_member"), source.url());
  if (auto const* dest = plan.if_contains("send_destination_region"); dest && dest->is_bool() && dest->get_bool())
    set_form_field(request.body, "DestinationRegion", signing.destination_region);
  return {};
}

void register_cross_region_presign_handlers(event_emitter& events, service_model const& model) {
  static constexpr std::array<std::string_view, 5> rds_operations = {
      "CopyDBClusterSnapshot", "CreateDBCluster", "CopyDBSnapshot", "CreateDBInstanceReadReplica",
      "StartDBInstanceAutomatedBackupsReplication"};
  static constexpr std::array<std::string_view, 2> cluster_operations = {"CopyDBClusterSnapshot", "CreateDBCluster"};
  std::string const& service = model.service_name;
  auto plan_for = [&](auto const& operations) {
    for (auto op : operations)
      events.register_handler("before-call." + service + "." + std::string(op), plan_rds_presigned_url,
                              "inject-presigned-url");
  };
  if (service == "rds") plan_for(rds_operations);
  if (service == "neptune" || service == "docdb") plan_for(cluster_operations);
  if (service == "ec2")
    events.register_handler("before-call.ec2.CopySnapshot", plan_ec2_presigned_url, "inject-presigned-url");
}

}  // namespace awscoro::detail
