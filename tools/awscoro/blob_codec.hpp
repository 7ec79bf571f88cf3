// The command line carries blobs as base64 text; the library carries them as raw bytes. These
// walk a value alongside its shape and convert every blob member one way or the other.
#pragma once

#include <string>

#include <boost/json/value.hpp>

#include "model/service_model.hpp"

namespace awscoro::cli {

// Base64 text to raw bytes. Returns an error naming the member path, or empty.
std::string decode_blobs(detail::service_model const& model, detail::shape_id shape, boost::json::value& v,
                         std::string const& path = "");
// Raw bytes to base64 text.
void encode_blobs(detail::service_model const& model, detail::shape_id shape, boost::json::value& v);

}  // namespace awscoro::cli
