// The commands of the awscoro tool, one file each; main.cpp picks one by the first word.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "cli.hpp"

namespace awscoro::cli {

// awscoro [OPTIONS] SERVICE OPERATION [PARAMS]
boost::asio::awaitable<int> run_call(session& s, cli_options const& opts);

// awscoro paginate SERVICE OPERATION [PARAMS]
boost::asio::awaitable<int> run_paginate(session& s, cli_options const& opts);

// awscoro wait SERVICE WAITER [PARAMS]
boost::asio::awaitable<int> run_wait(session& s, cli_options const& opts);

// awscoro presign SERVICE OPERATION [PARAMS] [--expires-in SECS]
boost::asio::awaitable<int> run_presign(session& s, cli_options const& opts);

}  // namespace awscoro::cli
