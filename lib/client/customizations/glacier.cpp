// Glacier: every request names the API version in x-amz-glacier-version; accountId may be left
// out for "-" (the credentials' own account); uploads carry the SHA-256 of the body and its tree
// hash (SHA-256 over 1 MiB chunks, then pairwise up to one root), computed when not given.
// botocore: handlers.py add_glacier_version, inject_account_id, add_glacier_checksums;
// utils.calculate_tree_hash.
#include <string>
#include <string_view>
#include <vector>

#include "client/customizations/customizations.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {

namespace {

constexpr std::size_t tree_hash_chunk = 1024 * 1024;

std::string glacier_tree_hash(std::string_view body) {
  std::vector<sha256_digest> level;
  for (std::size_t at = 0; at < body.size(); at += tree_hash_chunk)
    level.push_back(sha256(body.substr(at, tree_hash_chunk)));
  if (level.empty()) return sha256_hex({});
  std::string pair;
  while (level.size() > 1) {
    std::vector<sha256_digest> next;
    for (std::size_t i = 0; i < level.size(); i += 2) {
      if (i + 1 == level.size()) {
        next.push_back(level[i]);  // an odd one out moves up unchanged
        continue;
      }
      pair.assign(as_view(level[i])).append(as_view(level[i + 1]));
      next.push_back(sha256(pair));
    }
    level = std::move(next);
  }
  return hex_encode(as_view(level.front()));
}

void add_checksums(http_request& request) {
  if (!request.headers.contains("x-amz-content-sha256"))
    request.headers.set("x-amz-content-sha256", sha256_hex(request.body));
  if (!request.headers.contains("x-amz-sha256-tree-hash"))
    request.headers.set("x-amz-sha256-tree-hash", glacier_tree_hash(request.body));
}

}  // namespace

void register_glacier_handlers(event_emitter& events, service_model const& model) {
  events.register_handler("before-parameter-build.glacier", [](event_args& a) {
    auto const* account = a.params->if_contains("accountId");
    if (!account || account->is_null()) (*a.params)["accountId"] = "-";
  }, "inject-account-id");
  events.register_handler("before-call.glacier", [version = model.metadata.api_version](event_args& a) {
    a.request->headers.set("x-amz-glacier-version", version);
  }, "add-glacier-version");
  for (std::string_view op : {"UploadArchive", "UploadMultipartPart"})
    events.register_handler("before-call.glacier." + std::string(op), [](event_args& a) { add_checksums(*a.request); },
                            "add-glacier-checksums");
}

}  // namespace awscoro::detail
