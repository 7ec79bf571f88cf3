// Random (version 4) UUIDs: idempotency tokens, DPoP proof ids.
#pragma once

#include <string>

namespace awscoro::detail {

std::string random_uuid4();

}  // namespace awscoro::detail
