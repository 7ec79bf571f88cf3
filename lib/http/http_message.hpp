// Internal spelling of the public HTTP message types.
#pragma once

#include <awscoro/http_message.hpp>
