// For runners whose cases each name the whole environment the client sees.
#pragma once

namespace awscoro::test {

// Unsets every AWS_* variable of the process.
void clear_aws_environment();

}  // namespace awscoro::test
