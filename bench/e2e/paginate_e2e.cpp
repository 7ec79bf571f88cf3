// Pages per second through the ListObjectsV2 paginator against the in-repo server on 127.0.0.1
// (1,000-key pages, each with a continuation token), and the client CPU per page.
//
//   bench-paginate-e2e [PAGES]
#include <awscoro/awscoro.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

#include "test_server.hpp"

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

// A ListObjectsV2 page of 1,000 keys with a fresh continuation token each time, so the pager
// keeps going until the driver has read enough pages.
std::string page_body(int n) {
  std::string body =
      std::string(R"(<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)") +
      "<Name>bench</Name><Prefix></Prefix><KeyCount>1000</KeyCount><MaxKeys>1000</MaxKeys>"
      "<IsTruncated>true</IsTruncated><NextContinuationToken>token-" + std::to_string(n) + "</NextContinuationToken>";
  for (int i = 0; i < 1000; ++i)
    body += "<Contents><Key>photos/2024/01/image-" + std::to_string(i) +
            ".jpg</Key><LastModified>2024-01-01T12:00:00.000Z</LastModified>"
            "<ETag>&quot;d41d8cd98f00b204e9800998ecf8427e&quot;</ETag><Size>12345</Size>"
            "<StorageClass>STANDARD</StorageClass></Contents>";
  return body + "</ListBucketResult>";
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

asio::awaitable<std::size_t> read_pages(awscoro::client& s3, int pages) {
  json::object params{{"Bucket", "bench"}};
  auto pager = s3.get_paginator("ListObjectsV2").paginate(params);
  std::size_t keys = 0;
  for (int i = 0; i < pages; ++i) {
    auto page = co_await pager.next();
    if (!page) break;
    keys += page->at("Contents").as_array().size();
  }
  co_return keys;
}

}  // namespace

int main(int argc, char** argv) {
  int const pages = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
  std::atomic<int> served{0};
  awscoro::test::test_server server([&](awscoro::test::received_request const&) {
    return awscoro::test::test_response{
        .status = 200, .headers = {{"Content-Type", "application/xml"}}, .body = page_body(++served)};
  });
  asio::io_context ioc;
  awscoro::session session(ioc.get_executor(), {.region_name = "us-east-1", .aws_access_key_id = "AKIDEXAMPLE",
                                                .aws_secret_access_key = "secret"});
  auto created = asio::co_spawn(ioc, session.create_client("s3", {.endpoint_url = server.url()}), asio::use_future);
  ioc.run();
  auto s3 = created.get();

  ioc.restart();
  auto warm = asio::co_spawn(ioc, read_pages(s3, 5), asio::use_future);
  ioc.run();
  warm.get();

  ioc.restart();
  auto wall_start = std::chrono::steady_clock::now();
  double cpu_start = thread_cpu_seconds();
  auto run = asio::co_spawn(ioc, read_pages(s3, pages), asio::use_future);
  ioc.run();
  std::size_t keys = run.get();
  double cpu = thread_cpu_seconds() - cpu_start;
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  std::printf("ListObjectsV2 paginator, %d pages of 1,000 keys (%zu keys) from 127.0.0.1:\n", pages, keys);
  std::printf("  pages per second (wall):   %8.1f\n", pages / wall);
  std::printf("  client CPU per page:       %8.1f us\n", cpu / pages * 1e6);
  return 0;
}
