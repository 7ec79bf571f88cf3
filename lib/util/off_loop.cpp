#include "util/off_loop.hpp"

namespace awscoro::detail {

boost::asio::thread_pool& blocking_pool() {
  static boost::asio::thread_pool pool(1);
  return pool;
}

}  // namespace awscoro::detail
