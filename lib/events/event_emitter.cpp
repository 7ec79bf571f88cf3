// The hierarchical event emitter.
//
// Handlers are stored per registered name. The handlers an event name reaches (its own name's,
// then each shorter dotted prefix's, with "*" matching any one part) are collected once per
// event name and cached until the next (un)registration, so emitting on the call path is one
// hash lookup and a walk over a shared, immutable list.
#include <awscoro/events.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace awscoro {

namespace {

struct entry {
  event_emitter::handler_id id;
  std::string unique_id;
  std::shared_ptr<event_handler const> handler;
};

using handler_list = std::vector<std::shared_ptr<event_handler const>>;

std::vector<std::string_view> split_parts(std::string_view name) {
  std::vector<std::string_view> parts;
  while (true) {
    auto dot = name.find('.');
    parts.push_back(name.substr(0, dot));
    if (dot == std::string_view::npos) break;
    name.remove_prefix(dot + 1);
  }
  return parts;
}

// Does the registered name `pattern` reach `event` (a prefix, part by part, "*" = any part)?
// Returns the number of parts matched (the specificity), or 0.
std::size_t reaches(std::vector<std::string_view> const& pattern, std::vector<std::string_view> const& event) {
  if (pattern.size() > event.size()) return 0;
  for (std::size_t i = 0; i < pattern.size(); ++i)
    if (pattern[i] != "*" && pattern[i] != event[i]) return 0;
  return pattern.size();
}

}  // namespace

struct event_emitter::impl {
  mutable std::mutex mutex;
  handler_id next_id = 1;
  std::map<std::string, std::vector<entry>, std::less<>> by_name;
  // Looked up by the emitted name's view: emitting allocates nothing once a name is cached.
  struct name_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  mutable std::unordered_map<std::string, std::shared_ptr<handler_list const>, name_hash, std::equal_to<>> cache;

  handler_id add(std::string_view name, event_handler h, std::string_view unique_id, bool first) {
    std::lock_guard lock(mutex);
    auto& list = by_name[std::string(name)];
    if (!unique_id.empty())
      for (auto const& e : list)
        if (e.unique_id == unique_id) return e.id;
    entry e{next_id++, std::string(unique_id), std::make_shared<event_handler const>(std::move(h))};
    if (first)
      list.insert(list.begin(), std::move(e));
    else
      list.push_back(std::move(e));
    cache.clear();
    return list[first ? 0 : list.size() - 1].id;
  }

  template <class Pred>
  bool remove(std::string_view name, Pred pred) {
    std::lock_guard lock(mutex);
    auto it = by_name.find(name);
    if (it == by_name.end()) return false;
    auto& list = it->second;
    auto pos = std::find_if(list.begin(), list.end(), pred);
    if (pos == list.end()) return false;
    list.erase(pos);
    if (list.empty()) by_name.erase(it);
    cache.clear();
    return true;
  }

  std::shared_ptr<handler_list const> handlers_for(std::string_view event) const {
    std::lock_guard lock(mutex);
    if (by_name.empty()) return nullptr;
    if (auto it = cache.find(event); it != cache.end()) return it->second;
    auto parts = split_parts(event);
    // Most specific first; registration order within one name.
    std::vector<std::pair<std::size_t, std::vector<entry> const*>> matched;
    for (auto const& [name, list] : by_name)
      if (auto depth = reaches(split_parts(name), parts)) matched.emplace_back(depth, &list);
    std::stable_sort(matched.begin(), matched.end(), [](auto const& a, auto const& b) { return a.first > b.first; });
    auto out = std::make_shared<handler_list>();
    for (auto const& [depth, list] : matched)
      for (auto const& e : *list) out->push_back(e.handler);
    std::shared_ptr<handler_list const> result = out->empty() ? nullptr : std::move(out);
    cache.emplace(std::string(event), result);
    return result;
  }
};

event_emitter::event_emitter() : impl_(std::make_unique<impl>()) {}
event_emitter::~event_emitter() = default;
event_emitter::event_emitter(event_emitter&&) noexcept = default;
event_emitter& event_emitter::operator=(event_emitter&&) noexcept = default;

event_emitter::handler_id event_emitter::register_handler(std::string_view name, event_handler h,
                                                          std::string_view unique_id) {
  return impl_->add(name, std::move(h), unique_id, false);
}

event_emitter::handler_id event_emitter::register_first(std::string_view name, event_handler h,
                                                        std::string_view unique_id) {
  return impl_->add(name, std::move(h), unique_id, true);
}

bool event_emitter::unregister(std::string_view name, handler_id id) {
  return impl_->remove(name, [id](entry const& e) { return e.id == id; });
}

bool event_emitter::unregister(std::string_view name, std::string_view unique_id) {
  return impl_->remove(name, [unique_id](entry const& e) { return !e.unique_id.empty() && e.unique_id == unique_id; });
}

void event_emitter::emit(event_args& args) const {
  auto handlers = impl_->handlers_for(args.event_name);
  if (!handlers) return;
  for (auto const& h : *handlers) (*h)(args);
}

bool event_emitter::has_handlers(std::string_view event_name) const {
  return impl_->handlers_for(event_name) != nullptr;
}

event_emitter event_emitter::copy() const {
  event_emitter out;
  std::lock_guard lock(impl_->mutex);
  out.impl_->by_name = impl_->by_name;
  out.impl_->next_id = impl_->next_id;
  return out;
}

}  // namespace awscoro
