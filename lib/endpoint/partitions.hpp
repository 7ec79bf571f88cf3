// The AWS partitions (partitions.json) as aws.partition sees them: each partition's outputs
// (name, dnsSuffix, dualStackDnsSuffix, supportsFIPS, supportsDualStack, implicitGlobalRegion)
// and the regions it owns, by name or by its region pattern.
//
// Built once; a region named in partitions.json is found by one hash lookup, and only other
// regions run the partitions' patterns (compiled once).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/fwd.hpp>
#include <boost/system/result.hpp>

#include "endpoint/rule_value.hpp"

namespace awscoro::detail {

class model_registry;

class partitions {
 public:
  // Compiles a partitions.json document; on failure sets `error_message`.
  static boost::system::result<std::shared_ptr<partitions const>> compile(boost::json::value const& doc,
                                                                          std::string* error_message);
  // The partitions of the model search path, loaded once per process and shared.
  static std::shared_ptr<partitions const> load(std::string* error_message);
  // Partitions from `registry`'s search path (not cached).
  static std::shared_ptr<partitions const> load(model_registry& registry, std::string* error_message);

  partitions();
  ~partitions();
  partitions(partitions const&) = delete;
  partitions& operator=(partitions const&) = delete;

  // aws.partition: the outputs of the first partition that lists `region` or whose pattern
  // matches it, with "name" set to the partition id; the first partition's otherwise.
  rule_value const& partition_for(std::string_view region) const;

  // aws.partition of an unset region: the first partition.
  rule_value const& default_partition() const { return entries_.front().outputs; }

  std::size_t size() const { return entries_.size(); }
  std::string_view id(std::size_t i) const { return entries_[i].id; }

 private:
  struct pattern;
  struct entry {
    std::string id;
    std::unique_ptr<pattern> region_pattern;  // nullptr when absent or not compilable
    rule_value outputs;
  };
  struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  std::vector<entry> entries_;
  std::unordered_map<std::string, std::size_t, string_hash, std::equal_to<>> known_regions_;
  rule_value_store store_;
};

}  // namespace awscoro::detail
