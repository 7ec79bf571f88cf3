// A directory of compiled artefacts (compiled service models, compiled endpoint rule sets),
// each stored under a key that hashes everything it was made from. A file is written to a
// temporary name and renamed into place, so readers see a whole file or none; on read the
// header, key, length and checksum are checked, and anything that fails is treated as absent.
// The cache only ever saves time: when it cannot be read or written, callers compile afresh.
// Reads and writes block: callers run them off the event loop.
//
// Entries of models that changed or of other awscoro builds are never read again, so the
// directory is kept from growing without bound: an entry read now and then has its modification
// time refreshed (at most daily), and each write removes entries untouched for 30 days and
// temporary files a crashed writer left behind.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace awscoro::detail {

// $AWSCORO_CACHE_DIR, else $XDG_CACHE_HOME/awscoro, else $HOME/.cache/awscoro; empty when none
// of them is set (no cache).
std::string default_compiled_cache_dir();

class compiled_cache {
 public:
  // The process-wide cache in default_compiled_cache_dir().
  static compiled_cache const& instance();

  explicit compiled_cache(std::string dir) : dir_(std::move(dir)) {}

  std::string const& dir() const { return dir_; }
  // Where the entry for `kind` ("service-model") and `key` (a hex digest) lives.
  std::string path_for(std::string_view kind, std::string_view key) const;

  // The payload stored under `kind` and `key`; nullopt when absent, unreadable or damaged.
  std::optional<std::string> get(std::string_view kind, std::string_view key) const;
  // Stores `payload`; false when the directory or file cannot be written. Prunes stale entries.
  bool put(std::string_view kind, std::string_view key, std::string_view payload) const;

  // Removes entries not used for `unused_for` and temporary files older than an hour; returns
  // how many files it removed.
  std::size_t prune(std::chrono::seconds unused_for = std::chrono::hours(24 * 30)) const;

 private:
  std::string dir_;
};

}  // namespace awscoro::detail
