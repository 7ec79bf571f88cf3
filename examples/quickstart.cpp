// Quickstart: one round trip each through S3, DynamoDB, SQS and STS.
//
//   quickstart [ENDPOINT_URL]
//
// With an endpoint (moto_server on 127.0.0.1, say) every client talks to it; without one, to
// AWS in the configured region. Credentials come from the usual chain (environment, files).
#include <awscoro/awscoro.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>

#include <iostream>
#include <optional>
#include <string>

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

asio::awaitable<void> run(awscoro::session& session, std::optional<std::string> endpoint) {
  awscoro::client_options options{.region_name = "us-east-1", .endpoint_url = endpoint};

  // S3: a bucket, an object written and read back. (Params are built before the co_await:
  // GCC 12 miscompiles braced lists of string literals inside a co_await expression.)
  auto s3 = co_await session.create_client("s3", options);
  json::object bucket{{"Bucket", "awscoro-quickstart"}};
  co_await s3.call("CreateBucket", bucket);
  json::object put{{"Bucket", "awscoro-quickstart"}, {"Key", "hello.txt"}, {"Body", "Hello, S3!"}};
  co_await s3.call("PutObject", put);
  json::object get{{"Bucket", "awscoro-quickstart"}, {"Key", "hello.txt"}};
  auto object = co_await s3.call("GetObject", get);
  std::cout << "s3: wrote and read back s3://awscoro-quickstart/hello.txt: \"" << object.at("Body").as_string().c_str()
            << "\" (" << object.at("ContentLength").as_int64() << " bytes)\n";
  auto buckets = co_await s3.call("ListBuckets");
  std::cout << "s3: " << buckets.at("Buckets").as_array().size() << " bucket(s)\n";

  // DynamoDB: a table, an item put and read back.
  auto ddb = co_await session.create_client("dynamodb", options);
  co_await ddb.call("CreateTable", json::parse(R"({
      "TableName": "awscoro-quickstart",
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
      "BillingMode": "PAY_PER_REQUEST"})").as_object());
  co_await ddb.call("PutItem", json::parse(R"({
      "TableName": "awscoro-quickstart",
      "Item": {"id": {"S": "1"}, "greeting": {"S": "Hello, DynamoDB!"}}})").as_object());
  auto item = co_await ddb.call(
      "GetItem", json::parse(R"({"TableName": "awscoro-quickstart", "Key": {"id": {"S": "1"}}})").as_object());
  std::cout << "dynamodb: item id=1 greeting=\""
            << item.at("Item").at("greeting").at("S").as_string().c_str() << "\"\n";

  // SQS: a queue, a message sent and received.
  auto sqs = co_await session.create_client("sqs", options);
  json::object create_queue{{"QueueName", "awscoro-quickstart"}};
  auto queue = co_await sqs.call("CreateQueue", create_queue);
  std::string url(queue.at("QueueUrl").as_string());
  json::object send{{"QueueUrl", url}, {"MessageBody", "Hello, SQS!"}};
  auto sent = co_await sqs.call("SendMessage", send);
  json::object receive{{"QueueUrl", url}, {"MaxNumberOfMessages", 1}};
  auto received = co_await sqs.call("ReceiveMessage", receive);
  std::cout << "sqs: sent message " << sent.at("MessageId").as_string().c_str() << ", received \""
            << received.at("Messages").as_array().at(0).at("Body").as_string().c_str() << "\"\n";

  // STS: who am I?
  auto sts = co_await session.create_client("sts", options);
  auto identity = co_await sts.call("GetCallerIdentity");
  std::cout << "sts: account " << identity.at("Account").as_string().c_str() << ", arn "
            << identity.at("Arn").as_string().c_str() << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<std::string> endpoint;
  if (argc > 1) endpoint = argv[1];
  asio::io_context ioc;
  awscoro::session session(ioc.get_executor());
  int status = 0;
  asio::co_spawn(ioc, run(session, endpoint), [&](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (std::exception const& ex) {
      std::cerr << "quickstart failed: " << ex.what() << "\n";
      status = 1;
    }
  });
  ioc.run();
  return status;
}
