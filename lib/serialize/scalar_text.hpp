// Scalar params as text: query and ec2 form values, URI labels, query strings, header values and
// XML text all write a scalar the way Python's str() does after botocore's conversions.
#pragma once

#include <string>

#include <boost/json/fwd.hpp>

#include "serialize/serialize_context.hpp"

namespace awscoro::detail {

enum class blob_text : bool { base64, raw };

// Reads a timestamp param (epoch seconds or a date string). Fails with a message when it is
// neither.
bool read_timestamp(serialize_context& ctx, boost::json::value const& v, timestamp_us& out);

// Appends the scalar `v` of member `ref`: booleans as "true"/"false", floats as Python's repr with
// NaN/Infinity/-Infinity, timestamps in the member's timestampFormat or `default_format`, blobs
// base64-encoded or as they are. Fails (with ctx's error set) for a container or a bad timestamp.
bool append_scalar_text(std::string& out, serialize_context& ctx, member_ref const& ref, boost::json::value const& v,
                        timestamp_format default_format, blob_text blobs);

// Appends a number or string as str() would: used where the shape gives no conversion.
void append_plain_text(std::string& out, boost::json::value const& v);

}  // namespace awscoro::detail
