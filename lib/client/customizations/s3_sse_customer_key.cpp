// SSE-C: S3 wants the customer key base64-encoded, with the base64 MD5 of its raw bytes. Only
// the operations botocore's sse_md5 handlers list get this, and only when the caller left the
// MD5 out: a caller who gives the MD5 has encoded the key already, and the other operations
// (GetObjectAttributes) send the key as given.
// botocore: handlers.py sse_md5, copy_source_sse_md5.
#include <array>
#include <string>
#include <string_view>

#include "client/customizations/customizations.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

void encode_customer_key(json::object& params, std::string_view key_member, std::string_view md5_member) {
  auto* key = params.if_contains(key_member);
  if (!key || key->is_null() || params.contains(md5_member)) return;
  if (!key->is_string()) return;  // the validator reports the wrong type
  std::string raw(key->get_string());
  *key = base64_encode(raw);
  params[md5_member] = md5_base64(raw);  // may move the members: `key` is not used after this
}

}  // namespace

void register_s3_sse_customer_key(event_emitter& events) {
  static constexpr std::array<std::string_view, 9> sse_operations = {
      "HeadObject", "GetObject",      "PutObject",               "CopyObject",         "CreateMultipartUpload",
      "UploadPart", "UploadPartCopy", "CompleteMultipartUpload", "SelectObjectContent"};
  static constexpr std::array<std::string_view, 2> copy_source_operations = {"CopyObject", "UploadPartCopy"};
  for (auto op : sse_operations) {
    events.register_handler("before-parameter-build.s3." + std::string(op), [](event_args& a) {
      encode_customer_key(*a.params, "SSECustomerKey", "SSECustomerKeyMD5");
    }, "sse-md5");
  }
  for (auto op : copy_source_operations) {
    events.register_handler("before-parameter-build.s3." + std::string(op), [](event_args& a) {
      encode_customer_key(*a.params, "CopySourceSSECustomerKey", "CopySourceSSECustomerKeyMD5");
    }, "copy-source-sse-md5");
  }
}

}  // namespace awscoro::detail
