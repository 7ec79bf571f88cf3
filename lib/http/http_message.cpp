#include "http/http_message.hpp"

#include <algorithm>

namespace awscoro {
namespace detail {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::optional<std::uint64_t> declared_content_length(header_list const& headers) {
  auto const* text = headers.find("Content-Length");
  if (!text || text->empty() || text->size() > 19) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : *text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

}  // namespace detail

using detail::iequals;

std::string const* header_list::find(std::string_view name) const {
  for (auto const& f : fields_)
    if (iequals(f.first, name)) return &f.second;
  return nullptr;
}

void header_list::set(std::string_view name, std::string value) {
  remove(name);
  fields_.emplace_back(std::string(name), std::move(value));
}

void header_list::add(std::string_view name, std::string value) { fields_.emplace_back(std::string(name), std::move(value)); }

void header_list::remove(std::string_view name) {
  fields_.erase(std::remove_if(fields_.begin(), fields_.end(), [&](field const& f) { return iequals(f.first, name); }),
                fields_.end());
}

std::string http_request::authority() const {
  std::string out;
  bool ipv6 = host.find(':') != std::string::npos;
  if (ipv6) out += '[';
  out += host;
  if (ipv6) out += ']';
  bool default_port = port == 0 || (scheme == "https" && port == 443) || (scheme == "http" && port == 80);
  if (!default_port) {
    out += ':';
    out += std::to_string(port);
  }
  return out;
}

std::string http_request::target() const {
  std::string out = path.empty() ? "/" : path;
  if (!query.empty()) {
    out += out.find('?') == std::string::npos ? '?' : '&';
    out += query;
  }
  return out;
}

std::string http_request::url() const { return scheme + "://" + authority() + target(); }

}  // namespace awscoro
