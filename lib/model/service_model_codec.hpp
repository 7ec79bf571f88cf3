// The compact compiled form of a service model: every field of `service_model` written as
// length-prefixed binary, so a cached model loads without reading JSON. Decoding checks every
// length, enum value and shape index, and yields nothing rather than a model that could index
// out of range.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "model/service_model.hpp"

namespace awscoro::detail {

// Bump whenever the encoding, `service_model::compile` or `apply_model_customizations`
// changes what a compiled model holds: cached models of another version are ignored.
inline constexpr std::uint32_t service_model_format_version = 1;

std::string encode_service_model(service_model const& model);
std::shared_ptr<service_model const> decode_service_model(std::string_view bytes);

}  // namespace awscoro::detail
