// Finds and loads botocore-format data files through the search path, once per process.
//
// Search path, first hit wins: AWSCORO_DATA_PATH (colon separated), ~/.aws/models, then the
// installed models/ folder. A service's newest API version is used unless one is asked for.
// Loading blocks on file reads: callers run it off the event loop.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "model/service_model.hpp"

namespace awscoro::detail {

struct load_error {
  enum kind_t { unknown_service, unknown_api_version, unreadable, malformed } kind;
  std::string message;
};

class compiled_cache;

// A data file's bytes as found on disk (gzip or not) and those of its sdk-extras, if any.
struct data_source {
  std::string path;
  std::string bytes;
  std::string extras;
};

class model_registry {
 public:
  // The process-wide registry over the default search path.
  static model_registry& instance();

  // `cache` keeps compiled models and rule sets between processes; without one (tests, tools)
  // everything is compiled from JSON.
  explicit model_registry(std::vector<std::string> search_path, compiled_cache const* cache = nullptr);

  std::vector<std::string> const& search_path() const { return search_path_; }
  compiled_cache const* compiled() const { return compiled_cache_; }

  // The compiled service model, loaded and compiled on first use and shared afterwards.
  std::shared_ptr<service_model const> service(std::string const& service, std::string const& api_version,
                                               load_error* error);

  // A data file of a service ("paginators-1", "waiters-2", "endpoint-rule-set-1"), parsed;
  // sdk-extras merged in. nullopt-like empty value with `error` set when absent or broken.
  std::shared_ptr<boost::json::value const> service_data(std::string const& service, std::string const& api_version,
                                                         std::string const& type, load_error* error);

  // The raw source of a service's data file, for compilers that cache what they make of it.
  std::optional<data_source> service_source(std::string const& service, std::string const& api_version,
                                            std::string const& type, load_error* error);
  // The source parsed as JSON, sdk-extras merged in; members named `skipped_strings` whose value
  // is a string are left out (a service model's "documentation").
  static std::shared_ptr<boost::json::value const> parse_source(data_source const& source, load_error* error,
                                                                std::string_view skipped_strings = {});
  // The compiled-cache key of what `kind` (format `format_version`) makes of `source` for
  // `name`: a 128-bit hash over all of them and the awscoro version, in hex.
  static std::string cache_key(std::string_view kind, std::uint32_t format_version, std::string_view name,
                               data_source const& source);

  // A top-level data file ("endpoints", "partitions", "_retry", "sdk-default-configuration").
  std::shared_ptr<boost::json::value const> data(std::string const& name, load_error* error);

  // Every service name found on the search path, sorted.
  std::vector<std::string> available_services();
  // The API versions found for a service, oldest first.
  std::vector<std::string> api_versions(std::string const& service);

 private:
  // Full path of <dir>/<name>.json or <dir>/<name>.json.gz over the search path, or empty.
  std::string find_file(std::string const& relative_stem);
  std::optional<std::string> resolve_version(std::string const& service, std::string const& api_version,
                                             load_error* error);
  std::optional<std::string> find_version(std::string const& service, std::string const& api_version,
                                          load_error* error);
  std::shared_ptr<boost::json::value const> load_json(std::string const& relative_stem, load_error* error);
  std::optional<data_source> read_source(std::string const& relative_stem, load_error* error);
  std::shared_ptr<service_model const> compile_service(std::string const& service, std::string const& stem,
                                                       load_error* error);

  std::vector<std::string> search_path_;
  compiled_cache const* compiled_cache_ = nullptr;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<service_model const>> services_;
  std::unordered_map<std::string, std::string> resolved_versions_;
  std::unordered_map<std::string, std::shared_ptr<boost::json::value const>> files_;
};

// Default search path: AWSCORO_DATA_PATH, ~/.aws/models, the installed models/.
std::vector<std::string> default_model_search_path();

}  // namespace awscoro::detail
