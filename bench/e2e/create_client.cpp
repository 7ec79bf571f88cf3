// create_client: wall time of the first S3 and DynamoDB clients of a process (model and rule set
// loaded and compiled), and of later ones (everything cached). Budget: <= 3 ms cold, <= 10 us
// warm. Run it as a fresh process each time for the cold number.
#include <awscoro/awscoro.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace {

double create_us(asio::io_context& ioc, awscoro::session& s, char const* service) {
  auto start = clock_type::now();
  auto f = asio::co_spawn(ioc, s.create_client(service, {.region_name = "us-east-1"}), asio::use_future);
  ioc.restart();
  ioc.run();
  f.get();
  return std::chrono::duration<double, std::micro>(clock_type::now() - start).count();
}

}  // namespace

int main() {
  asio::io_context ioc;
  awscoro::session s(ioc.get_executor(), {.aws_access_key_id = "AKIDEXAMPLE", .aws_secret_access_key = "secret"});
  double s3_cold = create_us(ioc, s, "s3");
  double ddb_cold = create_us(ioc, s, "dynamodb");
  std::vector<double> warm;
  for (int i = 0; i < 200; ++i) warm.push_back(create_us(ioc, s, "s3"));
  std::sort(warm.begin(), warm.end());
  std::printf("create_client (wall time):\n");
  std::printf("  s3 cold (model + rule set + config files): %9.1f us   (budget 3000 us)\n", s3_cold);
  std::printf("  dynamodb cold:                             %9.1f us   (budget 3000 us)\n", ddb_cold);
  std::printf("  s3 warm, median of 200:                    %9.1f us   (budget 10 us)\n", warm[warm.size() / 2]);
  return 0;
}
