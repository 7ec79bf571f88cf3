#include "config/config_files.hpp"

#include "util/file_io.hpp"

namespace awscoro::detail {
namespace {

void add_grouped(section_map& group, std::string const& name, config_section const& values) {
  auto parts = split_section_name(name);
  // botocore keeps only headers of exactly two words and files them under the second one.
  if (parts && parts->size() == 2) group.insert_or_assign((*parts)[1], values);
}

// A missing or unopenable file reads as empty, as configparser skips it; text is parsed.
config_result<ini_document> read_ini(std::string const& path, bool& found) {
  found = false;
  if (path.empty()) return ini_document{};
  auto text = read_file(path);
  if (!text) return ini_document{};
  found = true;
  return parse_config_text(*text, path);
}

}  // namespace

std::optional<std::vector<std::string>> split_section_name(std::string_view s) {
  // POSIX shlex with whitespace splitting: quotes join a word, backslash escapes outside single
  // quotes (inside double quotes only before '"' and '\').
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  std::size_t i = 0;
  auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (i < s.size()) {
    char c = s[i];
    if (is_ws(c)) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      ++i;
    } else if (c == '\\') {
      if (i + 1 >= s.size()) return std::nullopt;
      word += s[i + 1];
      in_word = true;
      i += 2;
    } else if (c == '\'' || c == '"') {
      std::size_t j = i + 1;
      in_word = true;
      for (;;) {
        if (j >= s.size()) return std::nullopt;
        if (s[j] == c) break;
        if (c == '"' && s[j] == '\\' && j + 1 < s.size() && (s[j + 1] == '"' || s[j + 1] == '\\')) {
          word += s[j + 1];
          j += 2;
          continue;
        }
        word += s[j++];
      }
      i = j + 1;
    } else {
      word += c;
      in_word = true;
      ++i;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

profile_map build_profile_map(ini_document const& doc) {
  profile_map out;
  for (auto const& [name, values] : doc.sections) {
    if (name.starts_with("profile")) {
      add_grouped(out.profiles, name, values);
    } else if (name.starts_with("sso-session")) {
      add_grouped(out.sso_sessions, name, values);
    } else if (name.starts_with("services")) {
      add_grouped(out.services, name, values);
    } else if (name == "default") {
      out.profiles.insert_or_assign(name, values);
    } else {
      out.other_sections.insert_or_assign(name, values);
    }
  }
  return out;
}

config_section const* config_files::profile(std::string_view name) const {
  auto it = profiles.find(name);
  return it == profiles.end() ? nullptr : &it->second;
}

config_files merge_config_files(ini_document const& config, ini_document const& credentials) {
  config_files out;
  auto map = build_profile_map(config);
  out.config_profiles = map.profiles;
  out.profiles = std::move(map.profiles);
  out.sso_sessions = std::move(map.sso_sessions);
  out.services = std::move(map.services);
  out.other_sections = std::move(map.other_sections);
  for (auto const& [name, values] : credentials.sections) {
    out.credentials_profiles.insert_or_assign(name, values);
    auto& merged = out.profiles[name];
    for (auto const& [key, value] : values) merged.insert_or_assign(key, value);
  }
  return out;
}

config_result<config_files> load_config_files(std::string_view config_path, std::string_view credentials_path,
                                              environment const& env) {
  std::string config_file = expand_path(config_path, env);
  std::string credentials_file = expand_path(credentials_path, env);
  bool config_found = false, credentials_found = false;
  auto config = read_ini(config_file, config_found);
  if (!config) return config.error();
  auto credentials = read_ini(credentials_file, credentials_found);
  if (!credentials) return credentials.error();
  auto files = merge_config_files(*config, *credentials);
  files.config_path = std::move(config_file);
  files.credentials_path = std::move(credentials_file);
  files.config_found = config_found;
  files.credentials_found = credentials_found;
  return files;
}

}  // namespace awscoro::detail
