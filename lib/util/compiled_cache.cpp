#include "util/compiled_cache.hpp"

#include <cerrno>
#include <ctime>
#include <dirent.h>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>

#include "util/binary_codec.hpp"
#include "util/crypto.hpp"
#include "util/file_io.hpp"

namespace awscoro::detail {

namespace {

constexpr std::string_view file_magic = "AWSCOROC";
constexpr std::uint32_t container_version = 1;
// Entries hold native-order integers: one written on a machine of the other byte order (a
// shared home directory) reads back as this marker swapped, and is ignored.
constexpr std::uint32_t byte_order_marker = 0x01020304;

// mkdir -p, private to the user: the cache holds nothing secret, but nobody else should be
// able to plant entries in it.
bool make_dirs(std::string const& dir) {
  if (dir.empty()) return false;
  for (std::size_t slash = dir.find('/', 1);; slash = dir.find('/', slash + 1)) {
    std::string part = dir.substr(0, slash);
    if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) return false;
    if (slash == std::string::npos) return true;
  }
}

// A file is marked as used when its modification time is older than this.
constexpr std::time_t touch_after_seconds = 24 * 3600;
// A temporary file this old belongs to a writer that died before renaming it.
constexpr std::time_t abandoned_temp_seconds = 3600;

// Whether `name` is one this cache writes: "<kind>-<hex key>.bin", or that followed by
// ".tmp.<pid>.<n>" while being written.
bool is_entry_name(std::string_view name, bool& temp) {
  auto const bin = name.rfind(".bin");
  if (bin == std::string_view::npos) return false;
  temp = name.substr(bin + 4).starts_with(".tmp.");
  if (!temp && bin + 4 != name.size()) return false;
  auto const dash = name.rfind('-', bin);
  if (dash == std::string_view::npos || bin - dash - 1 < 16) return false;
  for (char c : name.substr(dash + 1, bin - dash - 1))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Whether the file at `path` starts as this cache's entries do.
bool has_entry_magic(std::string const& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char head[8] = {};
  bool const ok = ::read(fd, head, sizeof head) == static_cast<ssize_t>(sizeof head) &&
                  std::string_view(head, sizeof head) == file_magic;
  ::close(fd);
  return ok;
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    auto n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

std::string default_compiled_cache_dir() {
  if (char const* d = std::getenv("AWSCORO_CACHE_DIR"); d && *d) return d;
  if (char const* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/awscoro";
  if (char const* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/awscoro";
  return {};
}

compiled_cache const& compiled_cache::instance() {
  static compiled_cache const cache(default_compiled_cache_dir());
  return cache;
}

std::string compiled_cache::path_for(std::string_view kind, std::string_view key) const {
  std::string p = dir_;
  p += '/';
  p += kind;
  p += '-';
  p += key;
  p += ".bin";
  return p;
}

std::optional<std::string> compiled_cache::get(std::string_view kind, std::string_view key) const {
  if (dir_.empty()) return std::nullopt;
  auto bytes = read_file(path_for(kind, key));
  if (!bytes) return std::nullopt;
  binary_reader in(*bytes);
  if (in.take(file_magic.size()) != file_magic || in.u32() != container_version || in.u32() != byte_order_marker)
    return std::nullopt;
  if (in.str() != key) return std::nullopt;
  auto const length = in.u64();
  auto const crc = in.u32();
  auto payload = in.take(length);
  if (!in.ok() || !in.at_end() || crc32_of(payload) != crc) return std::nullopt;
  // In use: keep it from being pruned.
  std::string const path = path_for(kind, key);
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && std::time(nullptr) - st.st_mtime > touch_after_seconds)
    ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);
  // The payload is the tail of the buffer: move it out rather than copy it.
  std::string out = std::move(*bytes);
  out.erase(0, out.size() - payload.size());
  return out;
}

bool compiled_cache::put(std::string_view kind, std::string_view key, std::string_view payload) const {
  if (dir_.empty() || !make_dirs(dir_)) return false;
  binary_writer header;
  header.bytes(file_magic);
  header.u32(container_version);
  header.u32(byte_order_marker);
  header.str(key);
  header.u64(payload.size());
  header.u32(crc32_of(payload));

  static std::atomic<unsigned> counter{0};
  std::string const final_path = path_for(kind, key);
  std::string const temp_path = final_path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = write_all(fd, header.data()) && write_all(fd, payload);
  ok = (::close(fd) == 0) && ok;
  if (ok && ::rename(temp_path.c_str(), final_path.c_str()) == 0) {
    prune();
    return true;
  }
  ::unlink(temp_path.c_str());
  return false;
}

std::size_t compiled_cache::prune(std::chrono::seconds unused_for) const {
  if (dir_.empty()) return 0;
  DIR* dir = ::opendir(dir_.c_str());
  if (!dir) return 0;
  std::time_t const now = std::time(nullptr);
  std::size_t removed = 0;
  while (dirent* entry = ::readdir(dir)) {
    // Only what this cache wrote, even in a directory shared with other files.
    bool temp = false;
    if (!is_entry_name(entry->d_name, temp)) continue;
    std::string const path = dir_ + '/' + entry->d_name;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    auto const age = now - st.st_mtime;
    if (age <= (temp ? abandoned_temp_seconds : static_cast<std::time_t>(unused_for.count()))) continue;
    if ((temp || has_entry_magic(path)) && ::unlink(path.c_str()) == 0) ++removed;
  }
  ::closedir(dir);
  return removed;
}

}  // namespace awscoro::detail
