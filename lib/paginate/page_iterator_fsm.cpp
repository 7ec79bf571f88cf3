#include "paginate/page_iterator_fsm.hpp"

#include <algorithm>

#include "paginate/resume_token.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

json::value search(named_expression const& e, json::value const& doc) {
  auto r = jmespath::evaluate(e.expr, doc);
  return r ? std::move(*r) : json::value();
}

// Python's len() and slicing count code points in strings.
std::size_t code_point_count(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  }));
}

std::size_t byte_offset(std::string_view s, std::size_t code_points) {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xc0) != 0x80) {
      if (seen == code_points) return i;
      ++seen;
    }
  }
  return s.size();
}

std::int64_t length_of(json::value const& v) {
  if (auto const* a = v.if_array()) return static_cast<std::int64_t>(a->size());
  if (auto const* s = v.if_string()) return static_cast<std::int64_t>(code_point_count(*s));
  if (auto const* o = v.if_object()) return static_cast<std::int64_t>(o->size());
  return 0;
}

// v[from:to] for lists and strings, Python's clamping included (to < 0: to the end).
json::value slice(json::value const& v, std::int64_t from, std::int64_t to) {
  auto const n = length_of(v);
  from = std::clamp<std::int64_t>(from < 0 ? n + from : from, 0, n);
  to = to < 0 ? n : std::clamp<std::int64_t>(to, 0, n);
  if (to < from) to = from;
  if (auto const* a = v.if_array())
    return json::array(a->begin() + from, a->begin() + to);
  if (auto const* s = v.if_string()) {
    std::string_view sv = *s;
    auto const b = byte_offset(sv, static_cast<std::size_t>(from));
    auto const e = byte_offset(sv, static_cast<std::size_t>(to));
    return json::string(sv.substr(b, e - b));
  }
  return v;
}

json::value* find_at(json::value& root, std::string_view dotted) {
  json::value* cur = &root;
  while (true) {
    auto const dot = dotted.find('.');
    auto* obj = cur->if_object();
    if (!obj) return nullptr;
    cur = obj->if_contains(dotted.substr(0, dot));
    if (!cur) return nullptr;
    if (dot == std::string_view::npos) return cur;
    dotted.remove_prefix(dot + 1);
  }
}

bool is_number(json::value const& v) { return v.is_int64() || v.is_uint64() || v.is_double() || v.is_bool(); }

// Python's a + b for the numbers of a result key (bools count as 0 and 1, as in Python).
json::value add_numbers(json::value const& a, json::value const& b) {
  auto as_double = [](json::value const& v) {
    return v.is_bool() ? (v.get_bool() ? 1.0 : 0.0) : v.to_number<double>();
  };
  if (a.is_double() || b.is_double()) return as_double(a) + as_double(b);
  auto as_int = [](json::value const& v) -> std::int64_t {
    return v.is_bool() ? (v.get_bool() ? 1 : 0) : v.to_number<std::int64_t>();
  };
  return as_int(a) + as_int(b);
}

}  // namespace

bool truthy(json::value const& v) noexcept {
  switch (v.kind()) {
    case json::kind::null: return false;
    case json::kind::bool_: return v.get_bool();
    case json::kind::int64: return v.get_int64() != 0;
    case json::kind::uint64: return v.get_uint64() != 0;
    case json::kind::double_: return v.get_double() != 0.0;
    case json::kind::string: return !v.get_string().empty();
    case json::kind::array: return !v.get_array().empty();
    case json::kind::object: return !v.get_object().empty();
  }
  return false;
}

void set_value_at(json::object& target, std::string_view dotted, json::value value) {
  json::object* cur = &target;
  while (true) {
    auto const dot = dotted.find('.');
    auto const key = dotted.substr(0, dot);
    if (dot == std::string_view::npos) {
      (*cur)[key] = std::move(value);
      return;
    }
    auto& next = (*cur)[key];
    if (!next.is_object()) next = json::object();
    cur = &next.get_object();
    dotted.remove_prefix(dot + 1);
  }
}

void merge_objects(json::object& into, json::object const& from) {
  for (auto const& [k, v] : from) {
    if (v.is_object()) {
      if (auto* existing = into.if_contains(k); existing && existing->is_object()) {
        merge_objects(existing->get_object(), v.get_object());
        continue;
      }
    }
    into[k] = v;
  }
}

page_iterator_fsm::page_iterator_fsm(paginator_spec const& spec, json::object params, paging_params paging)
    : spec_(&spec), params_(std::move(params)), paging_(std::move(paging)) {}

void page_iterator_fsm::inject(json::object const& tokens) {
  for (auto const& [name, token] : tokens) {
    bool const present = !token.is_null() && !(token.is_string() && token.get_string() == "None");
    if (present)
      params_[name] = token;
    else
      params_.erase(name);
  }
}

bool page_iterator_fsm::next_request(std::optional<json::object>& request, std::string& error) {
  request.reset();
  if (!pending_error_.empty()) {
    error = pending_error_;
    done_ = true;
    return false;
  }
  if (done_) return true;
  if (!started_) {
    started_ = true;
    for (auto const& t : spec_->input_tokens) next_token_[t] = nullptr;
    if (paging_.starting_token) {
      starting_token decoded;
      if (!decode_starting_token(*paging_.starting_token, spec_->input_tokens, decoded, error)) {
        done_ = true;
        return false;
      }
      next_token_ = std::move(decoded.tokens);
      starting_truncation_ = decoded.truncate_amount;
      inject(next_token_);
    }
    if (paging_.page_size) params_[spec_->limit_key] = *paging_.page_size;
  }
  request = params_;
  return true;
}

json::object page_iterator_fsm::next_token_of(json::object const& page) const {
  json::object tokens;
  json::value const doc(page);
  if (spec_->more_results && !truthy(search(*spec_->more_results, doc))) return tokens;
  auto const n = std::min(spec_->output_tokens.size(), spec_->input_tokens.size());
  for (std::size_t i = 0; i < n; ++i) {
    auto v = search(spec_->output_tokens[i], doc);
    // Empty strings (and other false values) are no token.
    tokens[spec_->input_tokens[i]] = truthy(v) ? std::move(v) : json::value();
  }
  return tokens;
}

void page_iterator_fsm::handle_first_page(json::object& page) {
  if (spec_->result_keys.empty()) return;
  auto const& primary = spec_->result_keys.front();
  json::value all = search(primary, json::value(page));
  json::value data = (all.is_array() || all.is_string()) ? slice(all, starting_truncation_, -1) : json::value();
  set_value_at(page, primary.text, std::move(data));
  // The secondary result keys were already counted with the page the token was cut from.
  for (std::size_t i = 1; i < spec_->result_keys.size(); ++i) {
    auto const& key = spec_->result_keys[i];
    json::value sample = search(key, json::value(page));
    json::value empty;
    if (sample.is_array())
      empty = json::array();
    else if (sample.is_string())
      empty = json::string();
    else if (is_number(sample))
      empty = sample;  // counts (DynamoDB's Count) still say what the server evaluated
    set_value_at(page, key.text, std::move(empty));
  }
}

void page_iterator_fsm::truncate(json::object& page, std::int64_t amount) {
  auto const& primary = spec_->result_keys.front();
  json::value original = search(primary, json::value(page));
  if (original.is_null()) original = json::array();
  auto const keep = length_of(original) - amount;
  set_value_at(page, primary.text, slice(original, 0, keep < 0 ? 0 : keep));
  // Counted from the start of the page as the service returns it, so left truncation from a
  // StartingToken is included.
  next_token_["boto_truncate_amount"] = keep + starting_truncation_;
  resume_token_ = encode_resume_token(next_token_);
}

json::object page_iterator_fsm::on_response(json::object page) {
  if (first_) {
    if (paging_.starting_token) handle_first_page(page);
    first_ = false;
    json::value const doc(page);
    non_aggregate_ = {};
    for (auto const& key : spec_->non_aggregate_keys) set_value_at(non_aggregate_, key.text, search(key, doc));
  } else {
    starting_truncation_ = 0;
  }
  std::int64_t count = 0;
  if (!spec_->result_keys.empty()) count = length_of(search(spec_->result_keys.front(), json::value(page)));
  std::int64_t truncate_amount = 0;
  if (paging_.max_items) truncate_amount = total_items_ + count - *paging_.max_items;
  if (truncate_amount > 0 && !spec_->result_keys.empty()) {
    truncate(page, truncate_amount);
    done_ = true;
    return page;
  }
  total_items_ += count;
  next_token_ = next_token_of(page);
  bool const more = std::any_of(next_token_.begin(), next_token_.end(),
                                [](auto const& kv) { return !kv.value().is_null(); });
  if (!more) {
    done_ = true;
  } else if (paging_.max_items && total_items_ == *paging_.max_items) {
    // On a page boundary: the service's own next token resumes.
    resume_token_ = encode_resume_token(next_token_);
    done_ = true;
  } else if (previous_next_token_ && *previous_next_token_ == next_token_) {
    // botocore raises when the next page is asked for; so do we.
    pending_error_ = "The same next token was received twice: " + token_json_dumps(json::value(next_token_));
  } else {
    inject(next_token_);
    previous_next_token_ = next_token_;
  }
  return page;
}

void full_result_builder::add_page(json::object const& page) {
  json::value const doc(page);
  auto& complete = result_.get_object();
  for (auto const& key : spec_->result_keys) {
    json::value value = search(key, doc);
    if (value.is_null()) continue;
    json::value* existing = find_at(result_, key.text);
    if (!existing || existing->is_null()) {
      set_value_at(complete, key.text, std::move(value));
      continue;
    }
    if (value.is_array()) {
      if (auto* list = existing->if_array())
        for (auto& e : value.get_array()) list->push_back(std::move(e));
    } else if (is_number(value) && is_number(*existing)) {
      *existing = add_numbers(*existing, value);
    } else if (value.is_string() && existing->is_string()) {
      existing->get_string().append(value.get_string());
    }
  }
}

json::object full_result_builder::finish(json::object const& non_aggregate, std::optional<std::string> const& resume_token) {
  json::object out = std::move(result_.get_object());
  result_ = json::object();
  merge_objects(out, non_aggregate);
  if (resume_token) out["NextToken"] = *resume_token;
  return out;
}

}  // namespace awscoro::detail
