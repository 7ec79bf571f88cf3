// Models for the parser tests: the real ones from models/, and small inline ones.
#pragma once

#include <memory>
#include <string>

#include <boost/json/parse.hpp>

#include "model/model_registry.hpp"
#include "model/service_model.hpp"

namespace awscoro::test {

inline detail::model_registry& test_registry() {
  static detail::model_registry r({std::string(AWSCORO_SOURCE_ROOT) + "/models"});
  return r;
}

inline std::shared_ptr<detail::service_model const> real_model(std::string const& service) {
  detail::load_error e{};
  return test_registry().service(service, "", &e);
}

inline std::shared_ptr<detail::service_model const> inline_model(char const* json_text) {
  std::string err;
  auto doc = boost::json::parse(json_text).as_object();
  auto m = detail::service_model::compile(doc, "test", &err);
  return m ? *m : nullptr;
}

}  // namespace awscoro::test
