// botocore's xform_name: CamelCase model names to snake_case ("ListObjectsV2" ->
// "list_objects_v2") or kebab-case with sep '-', including its special cases.
#pragma once

#include <string>
#include <string_view>

namespace awscoro::detail {

std::string xform_name(std::string_view name, char sep = '_');

}  // namespace awscoro::detail
