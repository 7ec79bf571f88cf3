// The evaluation of a compiled program over value_refs. The lists, objects and strings an
// evaluation builds come from pools that a thread reuses from one evaluation to the next, so a
// warm evaluation allocates nothing but its materialized result.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "jmespath/expression.hpp"
#include "jmespath/program.hpp"
#include "jmespath/value_ref.hpp"

namespace awscoro::detail::jmespath {

template <class T>
class reuse_pool {
 public:
  T& get() {
    if (used_ == items_.size()) items_.push_back(std::make_unique<T>());
    T& item = *items_[used_++];
    item.clear();
    return item;
  }
  // Makes every item available again; drops what a rare huge evaluation left behind.
  void reset() {
    constexpr std::size_t keep_items = 256, keep_capacity = 4096;
    if (items_.size() > keep_items) items_.resize(keep_items);
    for (std::size_t i = 0; i < used_ && i < items_.size(); ++i)
      if (items_[i]->capacity() > keep_capacity) *items_[i] = T();
    used_ = 0;
  }

 private:
  std::vector<std::unique_ptr<T>> items_;
  std::size_t used_ = 0;
};

class interpreter {
 public:
  // Evaluates `p` against `document`; on failure returns false with error() set.
  bool run(program const& p, value_ref document, value_ref& out);
  // Returns the pools to the state for another run.
  void reset();

  error const& failure() const noexcept { return error_; }
  bool busy() const noexcept { return busy_; }
  void set_busy(bool b) noexcept { busy_ = b; }

  // For the functions.
  bool eval(std::uint32_t node, value_ref const& current, value_ref& out);
  bool fail(error::kind k, std::string message);
  ref_list& new_list() { return lists_.get(); }
  ref_object& new_object() { return objects_.get(); }
  std::string& new_string() { return strings_.get(); }
  program const& prog() const noexcept { return *program_; }

 private:
  bool eval_slice(slice_spec const& s, value_ref const& current, value_ref& out);
  bool call(node const& n, value_ref const& current, value_ref& out);

  program const* program_ = nullptr;
  error error_;
  bool busy_ = false;
  reuse_pool<ref_list> lists_;
  reuse_pool<ref_object> objects_;
  reuse_pool<std::string> strings_;
};

// Runs built-in function `id` on `args` (their count already checked at compile time).
bool call_function(interpreter& in, function_id id, value_ref const* args, std::size_t count, value_ref& out);

}  // namespace awscoro::detail::jmespath
