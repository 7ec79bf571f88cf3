// The shared config and credentials files, merged the way botocore's session sees them.
//
// botocore reads the config file with configloader.load_config (section "[profile NAME]" is
// profile NAME, "[default]" is profile default, "[sso-session NAME]" and "[services NAME]" are
// grouped likewise, any other section is kept as is) and the credentials file with
// raw_config_parse (each "[NAME]" is profile NAME). Session.full_config merges the credentials
// file's profiles over the config file's, key by key. A file that does not exist (or cannot be
// opened, as configparser skips it) contributes nothing; a malformed one is an error.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "config/environment.hpp"
#include "config/ini_parser.hpp"

namespace awscoro::detail {

using section_map = std::map<std::string, config_section, std::less<>>;

// botocore's build_profile_map over one parsed config file.
struct profile_map {
  section_map profiles;
  section_map sso_sessions;
  section_map services;
  section_map other_sections;  // sections that are neither profiles nor grouped ("[plugins]")
};

profile_map build_profile_map(ini_document const& doc);

// botocore's shlex.split of a section header: nullopt when the quoting is unbalanced.
std::optional<std::vector<std::string>> split_section_name(std::string_view name);

struct config_files {
  std::string config_path;       // expanded paths, for messages
  std::string credentials_path;
  bool config_found = false;
  bool credentials_found = false;

  // Session.full_config["profiles"]: the config file's profiles with the credentials file's
  // sections merged over them (credentials-file values win for the same key).
  section_map profiles;
  section_map sso_sessions;
  section_map services;
  section_map other_sections;

  // Each file on its own, for the providers that read one file (ConfigProvider reads only the
  // config file's profiles, SharedCredentialProvider only the credentials file's sections).
  section_map config_profiles;
  section_map credentials_profiles;

  config_section const* profile(std::string_view name) const;
};

// Merges a parsed config file and a parsed credentials file (either may be empty).
config_files merge_config_files(ini_document const& config, ini_document const& credentials);

// Reads and merges both files. `config_path` and `credentials_path` are expanded with
// expand_path against `env` first. Blocks on file reads: run it off the event loop.
// Errors: invalid_config naming the file and line of a malformed file.
config_result<config_files> load_config_files(std::string_view config_path, std::string_view credentials_path,
                                              environment const& env);

}  // namespace awscoro::detail
