// The one translation unit that compiles Beast for the whole library.
#include <boost/beast/src.hpp>
