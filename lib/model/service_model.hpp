// The compiled shape graph of one botocore service model.
//
// A service-2.json is parsed once and compiled into flat vectors: shapes and operations refer to
// each other by index, every trait a stage reads on a call is a plain field, and documentation
// is dropped. Serializers, parsers and the validator walk this graph; nothing on a call path
// looks at the model's JSON again.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace awscoro::detail {

using shape_id = std::uint32_t;
inline constexpr shape_id no_shape = 0xffffffffu;

enum class shape_type : std::uint8_t {
  structure,
  list,
  map,
  string,
  integer,
  long_,
  float_,
  double_,
  boolean,
  blob,
  timestamp,
  bigdecimal,
  biginteger,
};

// Where a member travels in a REST request or response.
enum class member_location : std::uint8_t { body, header, headers, querystring, uri, status_code };

// A reference from a structure, list or map to a shape, with the traits the reference carries.
// Traits set on the reference win over the same trait on the target shape; the accessors below
// on `service_model` apply that rule.
struct member_ref {
  std::string name;           // the member's key in params and results
  shape_id target = no_shape;
  member_location location = member_location::body;
  std::string location_name;  // wire name: header, query key, URI label, XML/JSON name
  std::string query_name;     // ec2 protocol
  std::string xml_namespace_uri;
  std::string xml_namespace_prefix;
  std::string timestamp_format;  // empty: the shape's or the protocol's default
  std::string context_param;     // endpoint contextParam name
  std::optional<bool> flattened;
  bool xml_attribute = false;
  bool json_value = false;
  bool host_label = false;
  bool idempotency_token = false;
  bool streaming = false;
  bool event_payload = false;
  bool event_header = false;
  bool required = false;
  bool deprecated = false;
};

struct shape {
  std::string name;
  shape_type type = shape_type::string;
  std::vector<member_ref> members;  // structure, in model order
  member_ref member;                // list
  member_ref key, value;            // map
  std::vector<std::string> enum_values;
  std::optional<double> min, max;
  std::string pattern;
  std::string payload;                   // structure: the payload member's name
  int payload_index = -1;                // index into members, or -1
  std::string location_name;             // list/map/structure XML name
  std::string xml_namespace_uri, xml_namespace_prefix;
  std::string timestamp_format;
  std::string error_code;                // exceptions: error.code, else the shape name
  int error_http_status = 0;
  bool error_sender_fault = false;
  bool flattened = false;
  bool streaming = false;
  bool requires_length = false;
  bool exception = false;
  bool fault = false;
  bool event_stream = false;
  bool event = false;
  bool union_ = false;
  bool document = false;
  bool sensitive = false;
  bool json_value = false;
  bool retryable = false;             // the error shape's retryable trait
  bool retryable_throttling = false;  // ... with throttling: true

  // Index of the structure member named `n`, or -1.
  int find_member(std::string_view n) const;
};

struct operation_model {
  std::string name;       // the model's key for the operation: what callers name
  std::string wire_name;  // the operation's "name" field
  std::string http_method = "POST";
  std::string request_uri = "/";
  std::string auth_path;                  // s3: the request URI before the bucket was taken out
  int response_code = 200;
  shape_id input = no_shape;
  shape_id output = no_shape;
  std::string input_location_name;        // rest-xml root element of the input payload
  std::string input_xml_namespace_uri;
  std::string output_result_wrapper;      // query: <OpResult>
  std::vector<shape_id> errors;
  std::string host_prefix;                // endpoint.hostPrefix
  std::string auth_type;                  // authtype (legacy)
  std::vector<std::string> auth;          // auth list
  bool http_checksum_required = false;
  bool deprecated = false;
  bool unsigned_payload = false;          // authtype v4-unsigned-body
  bool endpoint_discovery = false;           // the endpointdiscovery trait: may call a discovered endpoint
  bool endpoint_discovery_required = false;  // ... and must
  bool endpoint_operation = false;           // the service's DescribeEndpoints (endpointoperation)
  std::vector<std::string> request_compression;  // encodings
  boost::json::object http_checksum;             // rarely read, kept as data
  boost::json::object static_context_params;
  boost::json::object operation_context_params;
  boost::json::object raw_extra;                 // other keys, for handlers that need them

  bool has_streaming_input(struct service_model const& m) const;
  bool has_event_stream_output(struct service_model const& m) const;
  // The index of the output member holding the event stream, or -1.
  int event_stream_output_member(struct service_model const& m) const;
};

struct service_metadata {
  std::string api_version;
  std::string endpoint_prefix;
  std::string signing_name;
  std::string service_id;
  std::string service_full_name;
  std::string protocol;
  std::vector<std::string> protocols;
  std::string json_version;
  std::string target_prefix;
  std::string signature_version;
  std::vector<std::string> auth;
  std::string global_endpoint;
  std::string uid;
  std::string xml_namespace;
  std::string checksum_format;
  bool aws_query_compatible = false;
  std::vector<std::string> client_context_params;  // clientContextParams names, for the endpoint rules
};

class service_model {
 public:
  // Compiles a service-2.json document (or the same data in the protocol test layout:
  // {metadata, shapes, operations}). `service_name` is botocore's name ("s3").
  static boost::system::result<std::shared_ptr<service_model const>> compile(
      boost::json::object const& doc, std::string service_name, std::string* error_message);

  std::string service_name;
  service_metadata metadata;
  std::vector<shape> shapes;
  std::vector<operation_model> operations;
  std::string protocol;  // the protocol this build speaks, chosen from metadata.protocols

  shape const& at(shape_id id) const { return shapes[id]; }
  shape const& target(member_ref const& m) const { return shapes[m.target]; }
  shape_id find_shape(std::string_view name) const;
  operation_model const* find_operation(std::string_view name) const;
  // Operation names closest to `name` (for "did you mean" messages), best first.
  std::vector<std::string> closest_operations(std::string_view name, std::size_t count = 3) const;

  // Rebuilds the name lookups from `shapes` and `operations` (after decoding a compiled model).
  void rebuild_indexes();

  // Member traits with reference-over-shape precedence.
  std::string_view wire_name(member_ref const& m) const {
    return m.location_name.empty() ? std::string_view(m.name) : std::string_view(m.location_name);
  }
  bool is_flattened(member_ref const& m) const { return m.flattened.value_or(target(m).flattened); }
  bool is_streaming(member_ref const& m) const { return m.streaming || target(m).streaming; }
  std::string_view timestamp_format(member_ref const& m) const {
    return !m.timestamp_format.empty() ? std::string_view(m.timestamp_format)
                                       : std::string_view(target(m).timestamp_format);
  }

 private:
  std::unordered_map<std::string, shape_id> shape_index_;
  std::unordered_map<std::string, std::uint32_t> operation_index_;
};

// Model changes botocore makes when a client is created, applied once at load: S3 loses the
// leading "/{Bucket}" of its request URIs (the endpoint rule set puts the bucket in the URL) and
// S3 Control the "{AccountId}." host prefix (likewise).
void apply_model_customizations(service_model& model);

// The protocols awscoro speaks, in the order it prefers them when a model lists several.
bool protocol_supported(std::string_view protocol);

// Edit distance used for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace awscoro::detail
