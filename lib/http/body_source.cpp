// The body sources awscoro makes: a string, a file read on the background thread, a callback.
#include <awscoro/body_source.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "util/off_loop.hpp"

namespace awscoro {
namespace asio = boost::asio;

namespace {

class string_reader final : public body_source::reader {
 public:
  explicit string_reader(std::string data) : data_(std::move(data)) {}
  asio::awaitable<std::size_t> read_some(asio::mutable_buffer buffer) override {
    std::size_t n = std::min(buffer.size(), data_.size() - at_);
    std::memcpy(buffer.data(), data_.data() + at_, n);
    at_ += n;
    co_return n;
  }
  std::optional<std::uint64_t> size() const override { return data_.size(); }
  bool rewind() override {
    at_ = 0;
    return true;
  }

 private:
  std::string data_;
  std::size_t at_ = 0;
};

std::system_error file_error(int code, char const* what, std::string const& path) {
  return std::system_error(code, std::generic_category(), std::string(what) + " \"" + path + "\"");
}

// Opened lazily on the background thread; each read is a pread() there, so the event loop never
// waits on the disk.
class file_reader final : public body_source::reader {
 public:
  file_reader(std::string path, std::uint64_t size) : path_(std::move(path)), size_(size) {}
  ~file_reader() override {
    if (fd_ >= 0) ::close(fd_);
  }
  asio::awaitable<std::size_t> read_some(asio::mutable_buffer buffer) override {
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), size_ - offset_));
    if (want == 0) co_return 0;
    auto read = [this, buffer, want]() -> std::size_t {
      if (fd_ < 0) {
        fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) throw file_error(errno, "cannot open", path_);
      }
      for (;;) {
        ssize_t n = ::pread(fd_, buffer.data(), want, static_cast<off_t>(offset_));
        if (n >= 0) return static_cast<std::size_t>(n);
        if (errno != EINTR) throw file_error(errno, "cannot read", path_);
      }
    };
    std::size_t n = co_await detail::run_off_loop(read);
    if (n == 0) throw file_error(EIO, "file shorter than when the upload began:", path_);
    offset_ += n;
    co_return n;
  }
  std::optional<std::uint64_t> size() const override { return size_; }
  bool rewind() override {
    offset_ = 0;
    return true;
  }

 private:
  std::string path_;
  std::uint64_t size_;
  std::uint64_t offset_ = 0;
  int fd_ = -1;
};

class callback_reader final : public body_source::reader {
 public:
  callback_reader(body_source::read_callback read, std::optional<std::uint64_t> size)
      : read_(std::move(read)), size_(size) {}
  asio::awaitable<std::size_t> read_some(asio::mutable_buffer buffer) override { return read_(buffer); }
  std::optional<std::uint64_t> size() const override { return size_; }

 private:
  body_source::read_callback read_;
  std::optional<std::uint64_t> size_;
};

}  // namespace

body_source body_source::from_string(std::string data) {
  return body_source(std::make_shared<string_reader>(std::move(data)));
}

body_source body_source::from_file(std::string path) {
  // A metadata lookup, not a read: the size must be known before the request head is written.
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) throw file_error(errno, "cannot upload", path);
  if (!S_ISREG(info.st_mode)) throw file_error(EINVAL, "not a regular file:", path);
  auto size = static_cast<std::uint64_t>(info.st_size);
  return body_source(std::make_shared<file_reader>(std::move(path), size));
}

body_source body_source::from_callback(read_callback read, std::optional<std::uint64_t> size) {
  return body_source(std::make_shared<callback_reader>(std::move(read), size));
}

}  // namespace awscoro
