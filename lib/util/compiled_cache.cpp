#include "util/compiled_cache.hpp"

#include <cerrno>
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
  if (ok && ::rename(temp_path.c_str(), final_path.c_str()) == 0) return true;
  ::unlink(temp_path.c_str());
  return false;
}

}  // namespace awscoro::detail
