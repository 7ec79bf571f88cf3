// The commands of the awscoro tool, one file each; main.cpp picks one by the first word.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "cli.hpp"

namespace awscoro::cli {

// awscoro [OPTIONS] SERVICE OPERATION [PARAMS]
boost::asio::awaitable<int> run_call(session& s, cli_options const& opts);

}  // namespace awscoro::cli
