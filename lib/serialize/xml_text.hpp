// XML escaping as botocore's ElementTree writes it.
#pragma once

#include <string>
#include <string_view>

namespace awscoro::detail {

// Character data: & < > escaped.
void append_xml_text(std::string& out, std::string_view text);
// Attribute values: & < > " escaped, and CR, LF, TAB as character references so they survive
// attribute-value normalization.
void append_xml_attribute(std::string& out, std::string_view text);

}  // namespace awscoro::detail
