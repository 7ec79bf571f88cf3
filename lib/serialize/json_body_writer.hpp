// Shape-directed JSON bodies for the json and rest-json protocols, written straight into the
// request body: members in params order under their serialized names, timestamps as epoch
// seconds unless the member says otherwise, blobs base64, NaN/Infinity as strings.
#pragma once

#include <string>

#include <boost/json/fwd.hpp>

#include "serialize/serialize_context.hpp"

namespace awscoro::detail {

class json_body_writer {
 public:
  json_body_writer(serialize_context& ctx, std::string& out) : ctx_(ctx), out_(out) {}

  // Writes `params` as structure `s`. With `body_members_only`, members bound to a header, the
  // URI or the query string are left out (rest-json's body holds the rest).
  bool write_structure(shape const& s, boost::json::object const& params, bool body_members_only);
  // Writes one value of member `ref`.
  bool write_value(member_ref const& ref, boost::json::value const& v);

 private:
  serialize_context& ctx_;
  std::string& out_;
};

}  // namespace awscoro::detail
