// Whole-file reads and gzip inflation. These block: callers run them off the event loop
// (session does model and config loading on its background thread).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/system/result.hpp>

namespace awscoro::detail {

// The file's bytes, or an error naming the file and the reason.
boost::system::result<std::string> read_file(std::string const& path, std::string* error_message = nullptr);
// Inflates gzip (or zlib) data; nullopt when it is not valid compressed data.
std::optional<std::string> gunzip(std::string_view compressed);
std::string gzip(std::string_view data);
bool file_exists(std::string const& path);

}  // namespace awscoro::detail
