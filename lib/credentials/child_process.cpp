#include "credentials/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

extern char** environ;

namespace awscoro::detail {
namespace asio = boost::asio;

namespace {

asio::awaitable<void> drain(asio::posix::stream_descriptor& pipe, std::string& into) {
  char buf[4096];
  for (;;) {
    auto [ec, n] = co_await pipe.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
    into.append(buf, n);
    if (ec) co_return;
  }
}

}  // namespace

asio::awaitable<config_result<process_output>> run_child_process(std::vector<std::string> argv,
                                                                 std::chrono::milliseconds limit) {
  if (argv.empty()) co_return make_error_info(error::credential_provider, "empty command");
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0)
    co_return make_error_info(error::credential_provider, "cannot create a pipe for " + argv[0]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    co_return make_error_info(error::credential_provider, "cannot create a pipe for " + argv[0]);
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    co_return make_error_info(error::credential_provider,
                              "cannot run " + argv[0] + ": " + std::strerror(rc));
  }
  auto ex = co_await asio::this_coro::executor;
  asio::posix::stream_descriptor out(ex, out_pipe[0]);
  asio::posix::stream_descriptor err(ex, err_pipe[0]);
  process_output result;
  asio::steady_timer timer(ex, limit);
  using namespace asio::experimental::awaitable_operators;
  auto reads = drain(out, result.out) && drain(err, result.err);
  auto expiry = timer.async_wait(asio::as_tuple(asio::use_awaitable));
  auto race = std::move(reads) || std::move(expiry);
  auto finished = co_await std::move(race);
  bool timed_out = finished.index() == 1;
  if (timed_out) ::kill(pid, SIGKILL);
  // The pipes closed (or the child was killed): it exits now; poll briefly, bounded.
  int status = 0;
  for (int i = 0; i < 500; ++i) {
    pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid || (w < 0 && errno != EINTR)) break;
    if (i == 499) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    asio::steady_timer pause(ex, std::chrono::milliseconds(10));
    co_await pause.async_wait(asio::use_awaitable);
  }
  if (timed_out)
    co_return make_error_info(error::credential_provider,
                              argv[0] + " did not finish within " + std::to_string(limit.count()) + " ms");
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  co_return result;
}

std::optional<std::vector<std::string>> shell_split(std::string_view command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < command.size(); ++i) {
    char c = command[i];
    if (c == '\'') {
      auto end = command.find('\'', i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      word.append(command.substr(i + 1, end - i - 1));
      i = end;
      in_word = true;
    } else if (c == '"') {
      std::size_t j = i + 1;
      for (; j < command.size() && command[j] != '"'; ++j) {
        if (command[j] == '\\' && j + 1 < command.size() &&
            (command[j + 1] == '"' || command[j + 1] == '\\' || command[j + 1] == '$' || command[j + 1] == '`'))
          ++j;
        word.push_back(command[j]);
      }
      if (j >= command.size()) return std::nullopt;
      i = j;
      in_word = true;
    } else if (c == '\\') {
      if (i + 1 < command.size()) word.push_back(command[++i]);
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word.push_back(c);
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

}  // namespace awscoro::detail
