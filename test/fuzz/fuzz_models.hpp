// The small models the response-parser fuzz targets parse against: one per protocol, with every
// kind of member (nested structures, lists, flattened lists, maps, blobs, timestamps, numbers,
// booleans, headers) and a modeled error, so the parsers' whole walk is reachable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <boost/json/parse.hpp>

#include "http/http_message.hpp"
#include "model/service_model.hpp"
#include "parse/parser.hpp"

namespace awscoro::fuzz {

inline std::string model_text(std::string_view protocol) {
  return std::string(R"({"metadata": {"protocol": ")") + std::string(protocol) +
         R"(", "apiVersion": "2020-01-01", "jsonVersion": "1.1", "targetPrefix": "Fuzz"},
  "operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"},
                        "output": {"shape": "Out"}, "errors": [{"shape": "Bad"}]}},
  "shapes": {
    "Out": {"type": "structure", "members": {
      "Name": {"shape": "S"}, "Count": {"shape": "I"}, "Big": {"shape": "L"}, "Ratio": {"shape": "D"},
      "Small": {"shape": "F"}, "On": {"shape": "B"}, "Data": {"shape": "Blob"}, "When": {"shape": "T"},
      "WhenEpoch": {"shape": "TE"}, "Items": {"shape": "List"}, "Flat": {"shape": "FlatList"},
      "Tags": {"shape": "Map"}, "Nested": {"shape": "Out"}, "Choice": {"shape": "U"}, "Doc": {"shape": "Doc"},
      "Hdr": {"shape": "S", "location": "header", "locationName": "x-fuzz"},
      "Attr": {"shape": "S", "xmlAttribute": true, "locationName": "attr"}}},
    "List": {"type": "list", "member": {"shape": "Item"}},
    "FlatList": {"type": "list", "member": {"shape": "S"}, "flattened": true},
    "Map": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "I"}},
    "Item": {"type": "structure", "members": {"K": {"shape": "S"}, "V": {"shape": "List"}}},
    "U": {"type": "structure", "union": true, "members": {"A": {"shape": "S"}, "B": {"shape": "I"}}},
    "Doc": {"type": "structure", "members": {}, "document": true},
    "Bad": {"type": "structure", "exception": true, "error": {"code": "Bad", "httpStatusCode": 400},
            "members": {"Message": {"shape": "S"}, "Reason": {"shape": "S"}}},
    "S": {"type": "string"}, "I": {"type": "integer"}, "L": {"type": "long"}, "D": {"type": "double"},
    "F": {"type": "float"}, "B": {"type": "boolean"}, "Blob": {"type": "blob"}, "T": {"type": "timestamp"},
    "TE": {"type": "timestamp", "timestampFormat": "unixTimestamp"}}})";
}

inline std::shared_ptr<detail::service_model const> model_for(std::string_view protocol) {
  std::string err;
  auto doc = boost::json::parse(model_text(protocol)).as_object();
  auto m = detail::service_model::compile(doc, "fuzz", &err);
  if (!m) __builtin_trap();  // the fuzz model itself must compile
  return *m;
}

// The first byte picks the status (success, client error, server error) and the content type;
// the rest is the body.
inline void parse_one(detail::service_model const& m, std::uint8_t const* data, std::size_t size) {
  if (size == 0) return;
  static constexpr unsigned statuses[] = {200, 200, 400, 500};
  http_response r;
  r.status = statuses[data[0] & 3];
  r.headers.add("x-fuzz", "h");
  r.headers.add("x-amzn-requestid", "rid");
  if (m.protocol == "smithy-rpc-v2-cbor") {
    r.headers.add("smithy-protocol", "rpc-v2-cbor");
    r.headers.add("Content-Type", "application/cbor");
  }
  r.body.assign(reinterpret_cast<char const*>(data + 1), size - 1);
  std::string msg;
  auto const& op = *m.find_operation("Op");
  (void)detail::is_error_response(m, op, r);
  auto res = detail::parse_response(m, op, r, msg);
  (void)res;
}

}  // namespace awscoro::fuzz
