// What every protocol writer shares during one serialize_request call: the model, the
// operation, the timestamp precision, and the error being reported.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

#include "model/service_model.hpp"
#include "serialize/timestamp_text.hpp"

namespace awscoro::detail {

struct serialize_context {
  service_model const& model;
  operation_model const& op;
  timestamp_precision precision = timestamp_precision::standard;
  // On failure: what was wrong, and the member path to it, built outward as the writers
  // unwind ("Item.tags[2]").
  std::string error_detail;
  std::string error_path;

  bool fail(std::string detail) {
    error_detail = std::move(detail);
    return false;
  }
  // Prefixes the error path with a member name (`key`) or an index (`[3]`); returns false.
  bool fail_in(std::string_view key);
  bool fail_at(std::size_t index);
};

// The member's serialized name as botocore resolves it: the reference's locationName, else the
// target shape's locationName, else empty.
inline std::string_view serialized_name(service_model const& m, member_ref const& ref) {
  if (!ref.location_name.empty()) return ref.location_name;
  return m.target(ref).location_name;
}
inline std::string_view serialized_name_or(service_model const& m, member_ref const& ref, std::string_view fallback) {
  auto n = serialized_name(m, ref);
  return n.empty() ? fallback : n;
}

// The member's xmlNamespace: the reference's, else the target shape's.
struct xml_namespace_ref {
  std::string_view uri, prefix;
};
inline xml_namespace_ref xml_namespace_of(service_model const& m, member_ref const& ref) {
  if (!ref.xml_namespace_uri.empty()) return {ref.xml_namespace_uri, ref.xml_namespace_prefix};
  auto const& s = m.target(ref);
  return {s.xml_namespace_uri, s.xml_namespace_prefix};
}

inline bool is_json_value(service_model const& m, member_ref const& ref) {
  return ref.json_value || m.target(ref).json_value;
}

// Describes a JSON value's kind for error messages ("a string", "an array").
std::string_view describe_kind(boost::json::value const& v);

}  // namespace awscoro::detail
