// Pieces every response parser shares: member naming on the wire, scalar conversion from text
// (XML bodies and HTTP headers), the nesting limit and the error text for malformed bodies.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "model/service_model.hpp"
#include "parse/parser.hpp"

namespace awscoro::detail {

// Deeper bodies are refused: no AWS response nests this far, and the limit bounds the parser's
// stack whatever the input.
inline constexpr std::size_t max_parse_depth = 64;

// How scalars written as text are read; botocore's parsers differ in small ways (booleans).
enum class text_flavor : std::uint8_t { xml, rest_json };

// The member's name on the wire: the reference's locationName, else the target shape's, else
// the member name (botocore merges reference traits over the shape's).
std::string_view serialized_name(service_model const& m, member_ref const& r);

// The XML element name that carries a structure member. A flattened list is keyed by its list
// member's locationName when it has one.
std::string_view xml_member_name(service_model const& m, member_ref const& r);

bool is_json_value(service_model const& m, member_ref const& r);

// Converts the text of an XML element or an HTTP header to the member's type. Returns false
// with `why` set when the text does not fit the type.
bool scalar_from_text(service_model const& m, member_ref const& r, std::string_view text, text_flavor flavor,
                      parse_options const& options, bool in_header, boost::json::value& out, std::string& why);

// "Infinity", "-Infinity", "NaN" and decimal text, as Python's float() reads them.
bool parse_float_text(std::string_view text, double& out);
bool parse_int_text(std::string_view text, boost::json::value& out);

// base64 as Python's b64decode reads it by default: characters outside the alphabet are dropped.
bool lenient_base64_decode(std::string_view text, std::string& out);

bool valid_utf8(std::string_view s);

// A short, printable excerpt of a body for error messages.
std::string body_excerpt(std::string_view body);

// "<op>: HTTP <status>: <what> (body: '<excerpt>')"
std::string malformed_message(operation_model const& op, unsigned status, std::string_view what,
                              std::string_view body);

// The standard reason phrase of an HTTP status ("Not Found"), empty when unknown.
std::string_view http_reason_phrase(unsigned status);

}  // namespace awscoro::detail
