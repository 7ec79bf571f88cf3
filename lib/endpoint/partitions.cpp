#include "endpoint/partitions.hpp"

#include <mutex>
#include <regex>

#include <boost/json/value.hpp>

#include "model/model_registry.hpp"

namespace awscoro::detail {
namespace json = boost::json;

struct partitions::pattern {
  std::regex re;
  bool matches(std::string_view s) const {
    // Anchored at the start like Python's re.match; the patterns carry their own '$'.
    return std::regex_search(s.begin(), s.end(), re, std::regex_constants::match_continuous);
  }
};

partitions::partitions() = default;
partitions::~partitions() = default;

boost::system::result<std::shared_ptr<partitions const>> partitions::compile(json::value const& doc,
                                                                            std::string* error_message) {
  auto fail = [&](std::string msg) -> boost::system::result<std::shared_ptr<partitions const>> {
    if (error_message) *error_message = "partitions.json: " + std::move(msg);
    return boost::system::error_code(EINVAL, boost::system::generic_category());
  };
  auto const* root = doc.if_object();
  auto const* list = root ? root->if_contains("partitions") : nullptr;
  if (!list || !list->is_array() || list->get_array().empty()) return fail("no \"partitions\" array");

  auto p = std::make_shared<partitions>();
  std::vector<json::object const*> region_lists;
  for (auto const& item : list->get_array()) {
    auto const* obj = item.if_object();
    if (!obj) return fail("a partition is not an object");
    entry e;
    if (auto const* id = obj->if_contains("id"); id && id->is_string())
      e.id = std::string(id->get_string());
    else
      return fail("a partition has no \"id\"");
    if (auto const* rx = obj->if_contains("regionRegex"); rx && rx->is_string()) {
      try {
        e.region_pattern = std::make_unique<pattern>(
            pattern{std::regex(rx->get_string().data(), rx->get_string().size(), std::regex::ECMAScript)});
      } catch (std::regex_error const&) {
        return fail("partition " + e.id + ": regionRegex does not compile");
      }
    }
    // botocore hands out the partition's outputs with "name" replaced by the partition id.
    json::object outputs;
    if (auto const* o = obj->if_contains("outputs"); o && o->is_object()) outputs = o->get_object();
    outputs["name"] = e.id;
    e.outputs = p->store_.from_json(outputs);
    auto const* regions = obj->if_contains("regions");
    region_lists.push_back(regions ? regions->if_object() : nullptr);
    p->entries_.push_back(std::move(e));
  }
  // A listed region belongs to the first partition that lists it or whose pattern matches it,
  // which is what a search in partition order would find.
  for (std::size_t i = 0; i < region_lists.size(); ++i) {
    if (!region_lists[i]) continue;
    for (auto const& [name, _] : *region_lists[i]) {
      std::string_view const region = name;
      if (p->known_regions_.find(region) != p->known_regions_.end()) continue;
      std::size_t owner = i;
      for (std::size_t j = 0; j < i; ++j)
        if (p->entries_[j].region_pattern && p->entries_[j].region_pattern->matches(region)) {
          owner = j;
          break;
        }
      p->known_regions_.emplace(std::string(region), owner);
    }
  }
  return std::shared_ptr<partitions const>(std::move(p));
}

rule_value const& partitions::partition_for(std::string_view region) const {
  if (auto it = known_regions_.find(region); it != known_regions_.end()) return entries_[it->second].outputs;
  for (auto const& e : entries_)
    if (e.region_pattern && e.region_pattern->matches(region)) return e.outputs;
  return entries_.front().outputs;
}

std::shared_ptr<partitions const> partitions::load(model_registry& registry, std::string* error_message) {
  load_error err{};
  auto doc = registry.data("partitions", &err);
  if (!doc) {
    if (error_message) *error_message = err.message;
    return nullptr;
  }
  auto compiled = compile(*doc, error_message);
  return compiled ? *compiled : nullptr;
}

std::shared_ptr<partitions const> partitions::load(std::string* error_message) {
  static std::mutex mutex;
  static std::shared_ptr<partitions const> loaded;
  std::lock_guard lock(mutex);
  if (!loaded) loaded = load(model_registry::instance(), error_message);
  return loaded;
}

}  // namespace awscoro::detail
