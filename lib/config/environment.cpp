#include "config/environment.hpp"

#include <pwd.h>
#include <unistd.h>

#include <vector>

extern char** environ;

namespace awscoro::detail {
namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string expand_vars(std::string_view path, environment const& env) {
  if (path.find('$') == std::string_view::npos) return std::string(path);
  std::string out;
  out.reserve(path.size());
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] != '$' || i + 1 >= path.size()) {
      out += path[i++];
      continue;
    }
    std::size_t name_begin, name_end, token_end;
    if (path[i + 1] == '{') {
      std::size_t close = path.find('}', i + 2);
      if (close == std::string_view::npos) {
        out += path[i++];
        continue;
      }
      name_begin = i + 2;
      name_end = close;
      token_end = close + 1;
    } else {
      name_begin = i + 1;
      name_end = name_begin;
      while (name_end < path.size() && is_word_char(path[name_end])) ++name_end;
      if (name_end == name_begin) {
        out += path[i++];
        continue;
      }
      token_end = name_end;
    }
    if (auto v = env_get(env, path.substr(name_begin, name_end - name_begin))) {
      out += *v;
    } else {
      out += path.substr(i, token_end - i);
    }
    i = token_end;
  }
  return out;
}

std::optional<std::string> home_of(std::string const* user) {
  std::vector<char> buf(16384);
  passwd pw{};
  passwd* found = nullptr;
  int rc = user ? getpwnam_r(user->c_str(), &pw, buf.data(), buf.size(), &found)
                : getpwuid_r(getuid(), &pw, buf.data(), buf.size(), &found);
  if (rc != 0 || !found || !found->pw_dir) return std::nullopt;
  return std::string(found->pw_dir);
}

}  // namespace

environment process_environment() {
  environment env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

std::optional<std::string_view> env_get(environment const& env, std::string_view name) {
  auto it = env.find(name);
  if (it == env.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::string expand_path(std::string_view path, environment const& env) {
  std::string p = expand_vars(path, env);
  if (p.empty() || p.front() != '~') return p;
  std::size_t slash = p.find('/', 1);
  if (slash == std::string::npos) slash = p.size();
  std::optional<std::string> home;
  if (slash == 1) {
    if (auto h = env_get(env, "HOME")) {
      home = std::string(*h);
    } else {
      home = home_of(nullptr);
    }
  } else {
    std::string user = p.substr(1, slash - 1);
    home = home_of(&user);
  }
  if (!home) return p;
  while (!home->empty() && home->back() == '/') home->pop_back();
  std::string out = *home + p.substr(slash);
  return out.empty() ? std::string("/") : out;
}

}  // namespace awscoro::detail
