#include "blob_codec.hpp"

#include "util/encoding.hpp"

namespace awscoro::cli {
namespace json = boost::json;
using namespace awscoro::detail;

namespace {

// Visits every blob under `v` (following `shape`) with `f(json::value&, path)`; stops at the
// first non-empty message `f` returns.
template <class F>
std::string walk(service_model const& model, shape_id id, json::value& v, std::string const& path, F& f) {
  if (id == no_shape) return {};
  auto const& s = model.at(id);
  switch (s.type) {
    case shape_type::blob:
      return v.is_string() ? f(v, path) : std::string();
    case shape_type::structure:
      if (!v.is_object() || s.document) return {};
      for (auto& [k, child] : v.get_object()) {
        int idx = s.find_member(k);
        if (idx < 0) continue;
        auto const& m = s.members[static_cast<std::size_t>(idx)];
        if (auto e = walk(model, m.target, child, path.empty() ? std::string(k) : path + "." + std::string(k), f);
            !e.empty())
          return e;
      }
      return {};
    case shape_type::list:
      if (!v.is_array()) return {};
      for (std::size_t i = 0; i < v.get_array().size(); ++i)
        if (auto e = walk(model, s.member.target, v.get_array()[i], path + "[" + std::to_string(i) + "]", f);
            !e.empty())
          return e;
      return {};
    case shape_type::map:
      if (!v.is_object()) return {};
      for (auto& [k, child] : v.get_object())
        if (auto e = walk(model, s.value.target, child, path + "." + std::string(k), f); !e.empty()) return e;
      return {};
    default:
      return {};
  }
}

}  // namespace

std::string decode_blobs(service_model const& model, shape_id shape, json::value& v, std::string const& path) {
  auto f = [](json::value& blob, std::string const& where) -> std::string {
    auto raw = base64_decode(blob.get_string());
    if (!raw) return "the blob parameter " + where + " is not valid base64";
    blob = json::string(*raw);
    return {};
  };
  return walk(model, shape, v, path, f);
}

void encode_blobs(service_model const& model, shape_id shape, json::value& v) {
  auto f = [](json::value& blob, std::string const&) -> std::string {
    blob = json::string(base64_encode(blob.get_string()));
    return {};
  };
  walk(model, shape, v, "", f);
}

}  // namespace awscoro::cli
