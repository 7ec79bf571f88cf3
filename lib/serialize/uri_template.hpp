// The request URI template of a REST operation: "/{Bucket}/{Key+}?uploads".
#pragma once

#include <string>
#include <string_view>

namespace awscoro::detail {

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
  tmpl = tmpl.substr(0, q);
  std::size_t pos = 0;
  while (pos < tmpl.size()) {
    auto open = tmpl.find('{', pos);
    if (open == std::string_view::npos) break;
    auto close = tmpl.find('}', open);
    if (close == std::string_view::npos) break;
    path.append(tmpl.data() + pos, open - pos);
    auto label = tmpl.substr(open + 1, close - open - 1);
    bool greedy = !label.empty() && label.back() == '+';
    if (greedy) label.remove_suffix(1);
    if (!append_label(label, greedy, path)) return label;
    pos = close + 1;
  }
  path.append(tmpl.data() + pos, tmpl.size() - pos);
  if (path.empty()) path = "/";
  return {};
}

}  // namespace awscoro::detail
