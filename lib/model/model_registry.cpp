#include "model/model_registry.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cstdlib>
#include <dirent.h>
#include <set>
#include <sys/stat.h>

#include "model/service_model_codec.hpp"
#include "util/compiled_cache.hpp"
#include "util/content_hash.hpp"
#include "util/file_io.hpp"
#include "util/json_parse_skipping.hpp"

#ifndef AWSCORO_MODELS_DIR
#define AWSCORO_MODELS_DIR AWSCORO_SOURCE_ROOT "/models"
#endif
#ifndef AWSCORO_VERSION_STRING
#error "the build defines AWSCORO_VERSION_STRING (it keys the compiled model cache)"
#endif

namespace awscoro::detail {
namespace json = boost::json;

namespace {

bool is_dir(std::string const& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<std::string> list_dir(std::string const& p) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(p.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") out.push_back(std::move(n));
    }
    ::closedir(d);
  }
  return out;
}

// botocore's sdk-extras merge: objects merge key by key, anything else replaces.
void deep_merge(json::object& base, json::object const& extra) {
  for (auto const& [k, v] : extra) {
    auto* existing = base.if_contains(k);
    if (existing && existing->is_object() && v.is_object())
      deep_merge(existing->get_object(), v.get_object());
    else
      base[k] = v;
  }
}

}  // namespace

std::vector<std::string> default_model_search_path() {
  std::vector<std::string> path;
  if (char const* env = std::getenv("AWSCORO_DATA_PATH")) {
    std::string_view s = env;
    while (!s.empty()) {
      auto colon = s.find(':');
      auto part = s.substr(0, colon);
      if (!part.empty()) {
        std::string p(part);
        if (p.size() > 1 && p[0] == '~' && p[1] == '/')
          if (char const* home = std::getenv("HOME")) p = home + p.substr(1);
        path.push_back(std::move(p));
      }
      if (colon == std::string_view::npos) break;
      s.remove_prefix(colon + 1);
    }
  }
  if (char const* home = std::getenv("HOME")) path.push_back(std::string(home) + "/.aws/models");
  path.emplace_back(AWSCORO_MODELS_DIR);
  return path;
}

model_registry& model_registry::instance() {
  static model_registry registry(default_model_search_path(), &compiled_cache::instance());
  return registry;
}

model_registry::model_registry(std::vector<std::string> search_path, compiled_cache const* cache)
    : search_path_(std::move(search_path)), compiled_cache_(cache) {}

std::string model_registry::find_file(std::string const& stem) {
  for (auto const& dir : search_path_) {
    for (char const* ext : {".json", ".json.gz"}) {
      std::string p = dir + "/" + stem + ext;
      if (file_exists(p)) return p;
    }
  }
  return {};
}

std::vector<std::string> model_registry::available_services() {
  std::set<std::string> names;
  for (auto const& dir : search_path_)
    for (auto& n : list_dir(dir))
      if (n[0] != '_' && n[0] != '.' && is_dir(dir + "/" + n)) names.insert(n);
  return {names.begin(), names.end()};
}

std::vector<std::string> model_registry::api_versions(std::string const& service) {
  std::set<std::string> versions;
  for (auto const& dir : search_path_)
    for (auto& v : list_dir(dir + "/" + service))
      if (is_dir(dir + "/" + service + "/" + v)) versions.insert(v);
  return {versions.begin(), versions.end()};
}

std::optional<std::string> model_registry::resolve_version(std::string const& service, std::string const& api_version,
                                                           load_error* error) {
  // Remembered: each client reads several files of a service, and every lookup lists folders.
  std::string const asked = service + "/" + api_version;
  if (auto it = resolved_versions_.find(asked); it != resolved_versions_.end()) return it->second;
  auto version = find_version(service, api_version, error);
  if (version) resolved_versions_.emplace(asked, *version);
  return version;
}

std::optional<std::string> model_registry::find_version(std::string const& service, std::string const& api_version,
                                                        load_error* error) {
  auto versions = api_versions(service);
  // Only versions that hold a service model count (dynamodb/2011-12-05 holds no service-2).
  std::vector<std::string> usable;
  for (auto const& v : versions)
    if (!find_file(service + "/" + v + "/service-2").empty()) usable.push_back(v);
  if (usable.empty()) {
    if (error) {
      error->kind = load_error::unknown_service;
      auto all = available_services();
      std::vector<std::pair<std::size_t, std::string>> scored;
      for (auto& n : all) scored.emplace_back(edit_distance(service, n), n);
      std::sort(scored.begin(), scored.end());
      std::string hint;
      for (std::size_t i = 0; i < scored.size() && i < 3; ++i) hint += (i ? ", " : "") + scored[i].second;
      error->message = "unknown service \"" + service + "\"" + (hint.empty() ? "" : "; did you mean: " + hint + "?");
    }
    return std::nullopt;
  }
  if (api_version.empty()) return usable.back();
  if (std::find(usable.begin(), usable.end(), api_version) == usable.end()) {
    if (error) {
      error->kind = load_error::unknown_api_version;
      std::string list;
      for (auto& v : usable) list += (list.empty() ? "" : ", ") + v;
      error->message = "service \"" + service + "\" has no API version \"" + api_version + "\" (available: " + list + ")";
    }
    return std::nullopt;
  }
  return api_version;
}

std::optional<data_source> model_registry::read_source(std::string const& stem, load_error* error) {
  data_source source;
  source.path = find_file(stem);
  if (source.path.empty()) {
    if (error) *error = {load_error::unreadable, "no data file \"" + stem + ".json\" on the model search path"};
    return std::nullopt;
  }
  std::string msg;
  auto bytes = read_file(source.path, &msg);
  if (!bytes) {
    if (error) *error = {load_error::unreadable, msg};
    return std::nullopt;
  }
  source.bytes = std::move(*bytes);
  if (auto extras_path = find_file(stem + ".sdk-extras"); !extras_path.empty())
    if (auto extra_bytes = read_file(extras_path)) source.extras = std::move(*extra_bytes);
  return source;
}

std::shared_ptr<json::value const> model_registry::parse_source(data_source const& source, load_error* error,
                                                                std::string_view skipped_strings) {
  auto const& path = source.path;
  std::string inflated;
  std::string_view text = source.bytes;
  if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0) {
    auto unpacked = gunzip(source.bytes);
    if (!unpacked) {
      if (error) *error = {load_error::malformed, path + ": not valid gzip data"};
      return nullptr;
    }
    inflated = std::move(*unpacked);
    text = inflated;
  }
  boost::system::error_code ec;
  // Endpoint rule sets nest far deeper than Boost.JSON's default limit of 32 (S3's tree rules).
  json::parse_options options;
  options.max_depth = 4096;
  auto v = skipped_strings.empty() ? json::parse(text, ec, {}, options)
                                   : parse_json_skipping_strings(text, skipped_strings, options.max_depth, ec);
  if (ec) {
    if (error) *error = {load_error::malformed, path + ": invalid JSON: " + ec.message()};
    return nullptr;
  }
  // botocore's <type>.sdk-extras.json: {"version": 1.0, "merge": {...}} merged over the file.
  if (!source.extras.empty() && v.is_object()) {
    auto extra = json::parse(source.extras, ec);
    if (!ec && extra.is_object())
      if (auto const* merge = extra.get_object().if_contains("merge"); merge && merge->is_object())
        deep_merge(v.get_object(), merge->get_object());
  }
  return std::make_shared<json::value const>(std::move(v));
}

std::shared_ptr<json::value const> model_registry::load_json(std::string const& stem, load_error* error) {
  auto source = read_source(stem, error);
  return source ? parse_source(*source, error) : nullptr;
}

std::string model_registry::cache_key(std::string_view kind, std::uint32_t format_version, std::string_view name,
                                      data_source const& source) {
  // Not SHA-256: hashing the S3 model with it costs a third of the budget for a cold client.
  content_hasher h;
  // Lengths go in before each part, so no two different inputs hash the same bytes.
  auto part = [&h](std::string_view s) {
    auto n = std::to_string(s.size());
    h.update(n);
    h.update(":");
    h.update(s);
  };
  part(kind);
  part(std::to_string(format_version));
  part(AWSCORO_VERSION_STRING);
  part(AWSCORO_MODEL_CODE_HASH);
  part(name);
  part(source.bytes);
  part(source.extras);
  return h.hex();
}

std::shared_ptr<service_model const> model_registry::compile_service(std::string const& service,
                                                                     std::string const& stem, load_error* error) {
  auto source = read_source(stem, error);
  if (!source) return nullptr;
  constexpr std::string_view kind = "service-model";
  std::string key;
  if (compiled_cache_) {
    key = cache_key(kind, service_model_format_version, service, *source);
    if (auto bytes = compiled_cache_->get(kind, key))
      if (auto model = decode_service_model(*bytes)) return model;
  }
  auto doc = parse_source(*source, error, "documentation");
  if (!doc) return nullptr;
  if (!doc->is_object()) {
    if (error) *error = {load_error::malformed, stem + ".json: not a JSON object"};
    return nullptr;
  }
  std::string msg;
  auto compiled = service_model::compile(doc->get_object(), service, &msg);
  if (!compiled) {
    if (error) *error = {load_error::malformed, stem + ".json: " + msg};
    return nullptr;
  }
  if (compiled_cache_) compiled_cache_->put(kind, key, encode_service_model(**compiled));
  return *compiled;
}

std::shared_ptr<service_model const> model_registry::service(std::string const& service,
                                                             std::string const& api_version, load_error* error) {
  std::lock_guard lock(mutex_);
  std::string const key = service + "/" + api_version;
  if (auto it = services_.find(key); it != services_.end()) return it->second;
  auto version = resolve_version(service, api_version, error);
  if (!version) return nullptr;
  std::string const versioned_key = service + "/" + *version;
  if (auto it = services_.find(versioned_key); it != services_.end()) {
    services_.emplace(key, it->second);
    return it->second;
  }
  auto compiled = compile_service(service, service + "/" + *version + "/service-2", error);
  if (!compiled) return nullptr;
  services_.emplace(versioned_key, compiled);
  services_.emplace(key, compiled);
  return compiled;
}

std::shared_ptr<json::value const> model_registry::service_data(std::string const& service,
                                                                std::string const& api_version,
                                                                std::string const& type, load_error* error) {
  std::unique_lock lock(mutex_);
  // Looked up under the name asked for first, so a loaded file costs no file-system call.
  std::string const requested = service + "/" + api_version + "/" + type;
  if (auto it = files_.find(requested); it != files_.end()) return it->second;
  auto version = resolve_version(service, api_version, error);
  if (!version) return nullptr;
  std::string const stem = service + "/" + *version + "/" + type;
  auto it = files_.find(stem);
  auto v = it != files_.end() ? it->second : load_json(stem, error);
  if (v) {
    files_.emplace(stem, v);
    files_.emplace(requested, v);
  }
  return v;
}

std::optional<data_source> model_registry::service_source(std::string const& service, std::string const& api_version,
                                                          std::string const& type, load_error* error) {
  std::unique_lock lock(mutex_);
  auto version = resolve_version(service, api_version, error);
  if (!version) return std::nullopt;
  return read_source(service + "/" + *version + "/" + type, error);
}

std::shared_ptr<json::value const> model_registry::data(std::string const& name, load_error* error) {
  std::lock_guard lock(mutex_);
  if (auto it = files_.find(name); it != files_.end()) return it->second;
  auto v = load_json(name, error);
  if (v) files_.emplace(name, v);
  return v;
}

}  // namespace awscoro::detail
