// A temporary HOME with a given ~/.aws/config and the process environment set for one
// credentials test against moto_server (every variable restored afterwards).
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "moto_fixture.hpp"

namespace awscoro::test {

// A temporary HOME with the given config file, and the process environment set for the test
// (everything restored afterwards).
class credentials_env {
 public:
  explicit credentials_env(std::string const& config_text) {
    std::string pattern = (std::filesystem::temp_directory_path() / "awscoro-cred-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    home_ = pattern;
    std::filesystem::create_directories(home_ + "/.aws");
    std::ofstream(home_ + "/.aws/config") << config_text;
    for (char const* name : {"HOME", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE",
                             "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                             "AWS_ENDPOINT_URL", "AWS_EC2_METADATA_DISABLED", "AWS_WEB_IDENTITY_TOKEN_FILE",
                             "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_DEFAULT_REGION"}) {
      if (char const* v = std::getenv(name)) saved_[name] = v;
      ::unsetenv(name);
    }
    set("HOME", home_);
    set("AWS_ENDPOINT_URL", moto_endpoint());
    set("AWS_EC2_METADATA_DISABLED", "true");
    set("AWS_DEFAULT_REGION", "us-east-1");
  }
  ~credentials_env() {
    for (auto const& name : set_) ::unsetenv(name.c_str());
    for (auto const& [name, value] : saved_) ::setenv(name.c_str(), value.c_str(), 1);
    std::error_code ec;
    std::filesystem::remove_all(home_, ec);
  }
  void set(std::string const& name, std::string const& value) {
    ::setenv(name.c_str(), value.c_str(), 1);
    set_.push_back(name);
  }
  std::string write(std::string const& name, std::string const& text) const {
    std::ofstream(home_ + "/" + name) << text;
    return home_ + "/" + name;
  }

 private:
  std::string home_;
  std::map<std::string, std::string> saved_;
  std::vector<std::string> set_;
};


}  // namespace awscoro::test
