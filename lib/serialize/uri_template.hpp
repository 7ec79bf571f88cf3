// The request URI template of a REST operation: "/{Bucket}/{Key+}?uploads".
#pragma once

#include <string>
#include <string_view>

namespace awscoro::detail {

// Copies `tmpl` to `out` with each "{name}" replaced by what `append_label(name, out)` appends;
// stops when it returns false. Returns the name of the label it stopped at, or an empty view.
template <class AppendLabel>
std::string_view expand_labels(std::string_view tmpl, std::string& out, AppendLabel&& append_label) {
  std::size_t pos = 0;
  while (pos < tmpl.size()) {
    auto open = tmpl.find('{', pos);
    if (open == std::string_view::npos) break;
    auto close = tmpl.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(tmpl.data() + pos, open - pos);
    auto label = tmpl.substr(open + 1, close - open - 1);
    if (!append_label(label, out)) return label;
    pos = close + 1;
  }
  out.append(tmpl.data() + pos, tmpl.size() - pos);
  return {};
}

// Expands the labels of `tmpl` into `path`. `append_label(name, greedy, out)` appends the
// percent-encoded value of label `name` (greedy labels, "{Key+}", keep their '/') and returns
// false when there is no value. Whatever follows a '?' in the template is a literal query string:
// it goes to `literal_query` as written. Returns the name of a label with no value, or an empty
// view on success.
template <class AppendLabel>
std::string_view expand_uri_template(std::string_view tmpl, std::string& path, std::string_view& literal_query,
                                     AppendLabel&& append_label) {
  auto q = tmpl.find('?');
  literal_query = q == std::string_view::npos ? std::string_view() : tmpl.substr(q + 1);
  std::string_view missing;
  expand_labels(tmpl.substr(0, q), path, [&](std::string_view label, std::string& out) {
    bool greedy = !label.empty() && label.back() == '+';
    if (greedy) label.remove_suffix(1);
    if (append_label(label, greedy, out)) return true;
    missing = label;
    return false;
  });
  if (!missing.data() && path.empty()) path = "/";
  return missing;
}

}  // namespace awscoro::detail
