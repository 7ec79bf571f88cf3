// The handlers every client starts with: botocore's service customizations (handlers.py's
// BUILTIN_HANDLERS) that change params or results through the event system rather than
// special cases in the stages.
#pragma once

#include <awscoro/events.hpp>

#include "model/service_model.hpp"

namespace awscoro::detail {

void register_builtin_handlers(event_emitter& events, service_model const& model);

}  // namespace awscoro::detail
