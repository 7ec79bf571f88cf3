#include <doctest/doctest.h>

#include <sys/stat.h>

#include <boost/asio/io_context.hpp>

#include "../config/temp_home.hpp"
#include "config/config_resolver.hpp"
#include "credentials/child_process.hpp"
#include "credentials/process_provider.hpp"
#include "run_sync.hpp"

using namespace awscoro::detail;
using awscoro::test::temp_home;

namespace {

struct process_fixture {
  temp_home home;
  boost::asio::io_context ioc;

  // Writes an executable script and a profile "p" running it (with `args`).
  credential_result run_script(std::string const& script, std::string const& args = "",
                               std::chrono::milliseconds limit = std::chrono::seconds(20)) {
    auto path = home.write("bin/creds.sh", "#!/bin/sh\n" + script);
    ::chmod(path.c_str(), 0700);
    home.write(".aws/config", "[profile p]\ncredential_process = " + path + (args.empty() ? "" : " " + args) + "\n");
    auto config = config_resolver::load({{"HOME", home.path()}}, std::string("p")).value();
    process_provider provider(config->files_ptr(), "p", limit);
    return awscoro::test::run_sync(ioc, provider.load());
  }
};

}  // namespace

TEST_CASE("shell_split follows POSIX shlex") {
  CHECK(shell_split("a b  c").value() == std::vector<std::string>{"a", "b", "c"});
  CHECK(shell_split("prog 'one arg' \"two \\\"q\\\" arg\" back\\ slash").value() ==
        std::vector<std::string>{"prog", "one arg", "two \"q\" arg", "back slash"});
  CHECK(shell_split("x ''").value() == std::vector<std::string>{"x", ""});
  CHECK_FALSE(shell_split("unclosed 'quote").has_value());
}

TEST_CASE("credential_process: a valid answer with expiry") {
  process_fixture f;
  auto r = f.run_script(
      "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"procsecretvalue\", "
      "\"SessionToken\": \"proctoken\", \"Expiration\": \"2030-01-02T03:04:05Z\", \"AccountId\": \"111122223333\"}'\n");
  REQUIRE(r.has_value());
  REQUIRE(r->has_value());
  CHECK((*r)->access_key == "AKIDPROC");
  CHECK((*r)->secret_key == "procsecretvalue");
  CHECK((*r)->token == "proctoken");
  CHECK((*r)->method == "custom-process");
  CHECK((*r)->account_id == "111122223333");
  REQUIRE((*r)->expiry.has_value());
  CHECK(std::chrono::duration_cast<std::chrono::seconds>((*r)->expiry->time_since_epoch()).count() == 1893553445);
}

TEST_CASE("credential_process: arguments reach the program") {
  process_fixture f;
  auto r = f.run_script("echo \"{\\\"Version\\\": 1, \\\"AccessKeyId\\\": \\\"$1\\\", \\\"SecretAccessKey\\\": \\\"$2\\\"}\"\n",
                        "'AKID ARG' secretarg");
  REQUIRE(r.has_value());
  CHECK((*r)->access_key == "AKID ARG");
  CHECK((*r)->secret_key == "secretarg");
  CHECK_FALSE((*r)->expiry.has_value());
}

TEST_CASE("credential_process: failures are clear and carry no secret") {
  process_fixture f;
  auto r = f.run_script("echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDLEAK\", \"SecretAccessKey\": \"leakedsecret\"}'\n"
                        "echo 'login expired, run sso login' >&2\nexit 3\n");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("login expired, run sso login") != std::string::npos);
  CHECK(r.error().message.find("exit status 3") != std::string::npos);
  CHECK(r.error().message.find("leakedsecret") == std::string::npos);

  r = f.run_script("echo 'not json'\n");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("JSON") != std::string::npos);

  r = f.run_script("echo '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"versionsecret\"}'\n");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("Version") != std::string::npos);
  CHECK(r.error().message.find("versionsecret") == std::string::npos);

  r = f.run_script("echo '{\"Version\": 1, \"AccessKeyId\": \"A\"}'\n");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("SecretAccessKey") != std::string::npos);

  r = f.run_script("echo '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"s\", \"Expiration\": \"soon\"}'\n");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("Expiration") != std::string::npos);
}

TEST_CASE("credential_process: a program that hangs is stopped") {
  process_fixture f;
  auto start = std::chrono::steady_clock::now();
  auto r = f.run_script("exec sleep 30\n", "", std::chrono::milliseconds(300));
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("did not finish") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}

TEST_CASE("credential_process: a missing program") {
  temp_home home;
  boost::asio::io_context ioc;
  home.write(".aws/config", "[profile p]\ncredential_process = /nonexistent/awscoro-creds --x\n");
  auto config = config_resolver::load({{"HOME", home.path()}}, std::string("p")).value();
  process_provider provider(config->files_ptr(), "p");
  auto r = awscoro::test::run_sync(ioc, provider.load());
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("/nonexistent/awscoro-creds") != std::string::npos);

  process_provider none(config->files_ptr(), "default");
  CHECK_FALSE(awscoro::test::run_sync(ioc, none.load()).value().has_value());
}
