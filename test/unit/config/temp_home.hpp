// A temporary HOME folder with an .aws folder, removed at the end of the test.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace awscoro::test {

class temp_home {
 public:
  temp_home() {
    std::string pattern = (std::filesystem::temp_directory_path() / "awscoro-home-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
    std::filesystem::create_directories(path_ / ".aws");
  }
  ~temp_home() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_home(temp_home const&) = delete;
  temp_home& operator=(temp_home const&) = delete;

  std::string path() const { return path_.string(); }
  // Writes `text` to `relative` under the home folder and returns the full path.
  std::string write(std::string_view relative, std::string_view text) const {
    auto p = path_ / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace awscoro::test
