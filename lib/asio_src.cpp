// The one translation unit that compiles Asio (and its SSL support) for the whole library.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
