#include "client/endpoint_discovery.hpp"

#include <algorithm>

#include <boost/algorithm/string/predicate.hpp>
#include <boost/algorithm/string/trim.hpp>

namespace awscoro::detail {

namespace {

bool setting_is(std::string_view setting, std::string_view value) {
  return boost::algorithm::iequals(boost::algorithm::trim_copy(std::string(setting)), value);
}

bool any_required(service_model const& model) {
  return std::any_of(model.operations.begin(), model.operations.end(),
                     [](operation_model const& op) { return op.endpoint_discovery_required; });
}

}  // namespace

operation_model const* endpoint_operation_of(service_model const& model) {
  for (auto const& op : model.operations)
    if (op.endpoint_operation) return &op;
  return nullptr;
}

discovery_mode discovery_mode_for(service_model const& model, std::string_view setting, bool endpoint_url_argument) {
  if (endpoint_url_argument || !endpoint_operation_of(model) || setting_is(setting, "false"))
    return discovery_mode::off;
  if (setting_is(setting, "true")) return discovery_mode::always;
  return any_required(model) ? discovery_mode::required : discovery_mode::off;
}

bool discovers(operation_model const& op, discovery_mode mode) {
  switch (mode) {
    case discovery_mode::off: return false;
    case discovery_mode::required: return op.endpoint_discovery_required;
    case discovery_mode::always: return op.endpoint_discovery;
  }
  return false;
}

std::string endpoint_discovery_refusal(operation_model const& op, discovery_mode mode, bool endpoint_url_argument) {
  if (!op.endpoint_discovery_required || endpoint_url_argument || mode != discovery_mode::off) return {};
  return "Endpoint Discovery is not enabled but this operation requires it: " + op.name +
         " (endpoint_discovery_enabled is false)";
}

std::optional<std::string> discovered_endpoints::fresh(clock::time_point now) const {
  for (auto const& e : entries_)
    if (now < e.expires) return e.address;
  return std::nullopt;
}

std::optional<std::string> discovered_endpoints::any() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.front().address;
}

bool discovered_endpoints::recently_failed(clock::time_point now) const { return failed_until_ && now < *failed_until_; }

bool discovered_endpoints::store(boost::json::object const& result, clock::time_point now) {
  std::vector<entry> found;
  if (auto const* list = result.if_contains("Endpoints"); list && list->is_array()) {
    for (auto const& item : list->get_array()) {
      if (!item.is_object()) continue;
      auto const* address = item.get_object().if_contains("Address");
      auto const* minutes = item.get_object().if_contains("CachePeriodInMinutes");
      if (!address || !address->is_string() || address->get_string().empty()) continue;
      std::int64_t period = 0;
      if (minutes && minutes->is_int64()) period = minutes->get_int64();
      else if (minutes && minutes->is_uint64()) period = static_cast<std::int64_t>(std::min<std::uint64_t>(minutes->get_uint64(), 1u << 30));
      found.push_back({std::string(address->get_string()), now + std::chrono::minutes(std::max<std::int64_t>(period, 0))});
    }
  }
  if (found.empty()) return false;
  entries_ = std::move(found);
  failed_until_.reset();
  return true;
}

void discovered_endpoints::refresh_failed(clock::time_point now) { failed_until_ = now + std::chrono::seconds(60); }

void discovered_endpoints::evict() { entries_.clear(); }

std::string discovered_endpoint_url(std::string_view address) {
  if (address.starts_with("http")) return std::string(address);
  return "https://" + std::string(address);
}

}  // namespace awscoro::detail
