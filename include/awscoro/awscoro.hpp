// Everything a user of awscoro needs.
#pragma once

#include <awscoro/client.hpp>
#include <awscoro/config.hpp>
#include <awscoro/credentials.hpp>
#include <awscoro/error.hpp>
#include <awscoro/events.hpp>
#include <awscoro/http_message.hpp>
#include <awscoro/paginator.hpp>
#include <awscoro/session.hpp>
#include <awscoro/waiter.hpp>
