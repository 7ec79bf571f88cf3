// JSON text the way the AWS CLI prints it (Python's json.dumps(indent=4, ensure_ascii=False)).
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace awscoro::cli {

std::string to_pretty_json(boost::json::value const& v);

}  // namespace awscoro::cli
