// create_client: wall time of the first S3 and DynamoDB clients of a fresh process (model and
// rule set loaded: compiled from JSON when the compiled-model cache is absent, decoded from it
// when present), of later ones (everything in memory), and the resident size of a process
// holding one S3 client. Budget: <= 3 ms cold, <= 10 us warm, <= 8 MB resident.
//
// Each cold number comes from its own child process (this program run with --child), so
// nothing one measurement loads helps the next; the cache directory of each child is chosen
// through AWSCORO_CACHE_DIR.
#include <awscoro/awscoro.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr int cold_runs = 9;

double create_us(asio::io_context& ioc, awscoro::session& s, char const* service) {
  auto start = clock_type::now();
  auto f = asio::co_spawn(ioc, s.create_client(service, {.region_name = "us-east-1"}), asio::use_future);
  ioc.restart();
  ioc.run();
  f.get();
  return std::chrono::duration<double, std::micro>(clock_type::now() - start).count();
}

long resident_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

// The child: one client of `service`, then "<microseconds> <resident KB>" on stdout. The client
// is still alive when the resident size is read.
int child(char const* service) {
  asio::io_context ioc;
  awscoro::session s(ioc.get_executor(), {.aws_access_key_id = "AKIDEXAMPLE", .aws_secret_access_key = "secret"});
  auto start = clock_type::now();
  auto f = asio::co_spawn(ioc, s.create_client(service, {.region_name = "us-east-1"}), asio::use_future);
  ioc.run();
  auto client = f.get();
  double us = std::chrono::duration<double, std::micro>(clock_type::now() - start).count();
  std::printf("%.1f %ld\n", us, resident_kb());
  return 0;
}

struct cold_sample {
  double us = 0;
  long rss_kb = 0;
};

cold_sample run_child(std::string const& self, std::string const& cache_dir, char const* service) {
  std::string cmd = "AWSCORO_CACHE_DIR='" + cache_dir + "' '" + self + "' --child " + service;
  cold_sample out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    if (std::fscanf(p, "%lf %ld", &out.us, &out.rss_kb) != 2) out = {};
    ::pclose(p);
  }
  return out;
}

template <class T>
T median(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--child") == 0) return child(argv[2]);

  char self[4096] = {};
  if (::readlink("/proc/self/exe", self, sizeof self - 1) <= 0) return 1;
  char dir_template[] = "/tmp/awscoro-bench-cache-XXXXXX";
  if (!::mkdtemp(dir_template)) return 1;
  std::string const root = dir_template;

  std::printf("create_client (wall time, fresh process each, median of %d):\n", cold_runs);
  std::vector<double> s3_rss;
  for (char const* service : {"s3", "dynamodb"}) {
    std::vector<double> absent, present;
    std::string const present_dir = root + "/present";
    run_child(self, present_dir, service);  // fills the cache
    for (int i = 0; i < cold_runs; ++i) {
      // A directory nothing was ever written to: the model and rule set come from JSON.
      absent.push_back(run_child(self, root + "/absent-" + service + std::to_string(i), service).us);
      auto sample = run_child(self, present_dir, service);
      present.push_back(sample.us);
      if (std::strcmp(service, "s3") == 0) s3_rss.push_back(static_cast<double>(sample.rss_kb));
    }
    std::printf("  %-8s cold, no compiled cache:                %9.1f us   (budget 3000 us)\n", service, median(absent));
    std::printf("  %-8s cold, compiled cache present:           %9.1f us   (budget 3000 us)\n", service, median(present));
  }
  std::system(("rm -rf '" + root + "'").c_str());

  asio::io_context ioc;
  awscoro::session s(ioc.get_executor(), {.aws_access_key_id = "AKIDEXAMPLE", .aws_secret_access_key = "secret"});
  create_us(ioc, s, "s3");
  std::vector<double> warm;
  for (int i = 0; i < 200; ++i) warm.push_back(create_us(ioc, s, "s3"));
  std::printf("  s3 warm, median of 200:                            %9.1f us   (budget 10 us)\n", median(warm));
  std::printf("  resident size of a process holding one s3 client: %9.1f MB   (budget 8 MB)\n",
              median(s3_rss) / 1024.0);
  return 0;
}
