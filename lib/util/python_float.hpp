// Numbers as Python's repr() and str() write them, which is what botocore puts on the wire.
#pragma once

#include <cstdint>
#include <string>

namespace awscoro::detail {

// The shortest text that reads back as the same double, laid out like Python's float repr:
// "1.1", "100.0", "1e+16", "1.5e-05", "-0.0"; "nan", "inf", "-inf" for the specials (callers map
// those to the AWS spellings "NaN", "Infinity", "-Infinity" where the protocol wants them).
void append_python_float(std::string& out, double d);
// The same, with the specials spelled as json.dumps and the AWS protocols write them.
void append_json_float(std::string& out, double d);

void append_decimal(std::string& out, std::int64_t v);
void append_decimal(std::string& out, std::uint64_t v);

}  // namespace awscoro::detail
