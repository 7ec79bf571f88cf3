// S3's list operations ask for url-encoded keys (so keys with characters XML cannot carry
// survive) unless the caller chose an encoding, and decode them again in the result.
// botocore: handlers.py set_list_objects_encoding_type_url, decode_list_object*.
#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "client/customizations/customizations.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {

namespace {

struct list_decoding {
  std::string_view operation;
  std::vector<std::string_view> top_level;
  std::vector<std::pair<std::string_view, std::string_view>> nested;
};

}  // namespace

void register_s3_list_encoding(event_emitter& events) {
  static std::array<list_decoding, 3> const lists = {{
      {"ListObjects", {"Delimiter", "Marker", "NextMarker"}, {{"Contents", "Key"}, {"CommonPrefixes", "Prefix"}}},
      {"ListObjectsV2", {"Delimiter", "Prefix", "StartAfter"}, {{"Contents", "Key"}, {"CommonPrefixes", "Prefix"}}},
      {"ListObjectVersions",
       {"KeyMarker", "NextKeyMarker", "Prefix", "Delimiter"},
       {{"Versions", "Key"}, {"DeleteMarkers", "Key"}, {"CommonPrefixes", "Prefix"}}},
  }};
  for (auto const& list : lists) {
    std::string op(list.operation);
    events.register_handler("before-parameter-build.s3." + op, [](event_args& a) {
      if (!a.params->contains("EncodingType")) {
        (*a.context)["encoding_type_auto_set"] = true;
        (*a.params)["EncodingType"] = "url";
      }
    }, "set-list-objects-encoding-type-url");
    events.register_handler("after-call.s3." + op, [&list](event_args& a) {
      auto& parsed = *a.parsed;
      auto const* enc = parsed.if_contains("EncodingType");
      if (!enc || *enc != "url" || !a.context->contains("encoding_type_auto_set")) return;
      for (auto key : list.top_level)
        if (auto* v = parsed.if_contains(key); v && v->is_string()) *v = form_decode(v->get_string());
      for (auto [top, child] : list.nested)
        if (auto* arr = parsed.if_contains(top); arr && arr->is_array())
          for (auto& member : arr->get_array())
            if (member.is_object())
              if (auto* v = member.get_object().if_contains(child); v && v->is_string())
                *v = form_decode(v->get_string());
    }, "decode-list-object");
  }
}

}  // namespace awscoro::detail
