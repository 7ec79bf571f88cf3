// Fuzzes the rest-json response parser through parse_response.
#include "fuzz_models.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  static auto const model = awscoro::fuzz::model_for("rest-json");
  awscoro::fuzz::parse_one(*model, data, size);
  return 0;
}
