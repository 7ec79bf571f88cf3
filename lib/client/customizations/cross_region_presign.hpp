// Cross-region copies (RDS, Neptune and DocumentDB snapshots, clusters and read replicas; EC2
// snapshots): the destination region's service fetches the source with a URL presigned in the
// source region, which the SDK makes when the caller names SourceRegion and gives no URL.
//
// botocore does it all in a before-call handler; here the handler (registered by
// register_cross_region_presign_handlers) takes SourceRegion out of the body and leaves a note in
// the call's context, and the client adds the URL once it has credentials, which handlers,
// being synchronous, cannot fetch.
// botocore: handlers.py inject_presigned_url_rds, inject_presigned_url_ec2,
// _get_cross_region_presigned_url.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include <awscoro/credentials.hpp>
#include <awscoro/http_message.hpp>

#include "util/timestamp.hpp"

namespace awscoro::detail {

struct cross_region_signing {
  credentials const* creds = nullptr;  // null: an unsigned client, whose URL goes unsigned too
  std::string_view destination_region;  // the client's region
  std::string_view signing_name;
  timestamp_us now = 0;
};

// Whether a before-call handler asked for a presigned source-region URL in this call.
bool wants_cross_region_presigned_url(boost::json::object const& context);

// Presigns a copy of `request` (a query-protocol form POST) in the source region and adds the
// URL to its body. Returns an empty string, or what was wrong.
std::string add_cross_region_presigned_url(boost::json::object const& context, http_request& request,
                                           cross_region_signing const& signing);

}  // namespace awscoro::detail
