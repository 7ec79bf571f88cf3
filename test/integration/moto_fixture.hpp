// What every moto_server test needs: the endpoint the test driver started, a session with
// test credentials, and names unique to this run (moto keeps its state while it runs).
#pragma once

#include <awscoro/awscoro.hpp>

#include <boost/asio/io_context.hpp>

#include <cstdlib>
#include <unistd.h>
#include <string>

#include "run_sync.hpp"

namespace awscoro::test {

inline std::string moto_endpoint() {
  char const* e = std::getenv("AWSCORO_TEST_MOTO_ENDPOINT");
  return e ? e : "";
}

inline std::string unique_name(std::string const& base) {
  static unsigned counter = 0;
  return base + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

struct moto_fixture {
  boost::asio::io_context ioc;
  session sess{ioc.get_executor(),
               session_options{.region_name = "us-east-1", .aws_access_key_id = "testing",
                               .aws_secret_access_key = "testing"}};

  client make(std::string const& service, client_config config = {}) {
    return run_sync(ioc, sess.create_client(service, {.region_name = "us-east-1",
                                                      .endpoint_url = moto_endpoint(),
                                                      .config = config}));
  }
  template <class T>
  T run(boost::asio::awaitable<T> op) {
    return run_sync(ioc, std::move(op));
  }
};

}  // namespace awscoro::test
