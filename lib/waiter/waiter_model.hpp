// A service's waiters (waiters-2.json), compiled once per process: acceptors with their
// JMESPath arguments compiled (botocore's WaiterModel, SingleWaiterConfig, AcceptorConfig).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "jmespath/expression.hpp"

namespace awscoro::detail {

enum class waiter_state { success, failure, retry };
enum class acceptor_matcher { path, path_all, path_any, status, error };

struct acceptor_spec {
  waiter_state state = waiter_state::retry;
  acceptor_matcher matcher = acceptor_matcher::path;
  boost::json::value expected;
  std::string argument;          // path matchers' expression text
  jmespath::expression expr;     // compiled argument
};

struct waiter_spec {
  std::string name;       // "BucketExists"
  std::string operation;  // "HeadBucket"
  double delay = 0;
  int max_attempts = 0;
  std::vector<acceptor_spec> acceptors;
};

struct service_waiters {
  std::map<std::string, waiter_spec, std::less<>> by_name;  // sorted: error messages list them
};

// Compiles a waiters-2 document (version 2 only); the error names the waiter and field.
boost::system::result<std::shared_ptr<service_waiters const>> compile_waiters(boost::json::value const& doc,
                                                                              std::string* error_message);

// The compiled waiters of `service` at `api_version`, loaded through model_registry and cached
// for the process; a service without a waiters file has none. Reads a small file on first use.
std::shared_ptr<service_waiters const> waiters_for(std::string const& service, std::string const& api_version);

}  // namespace awscoro::detail
