// botocore's service customizations, checked on the wire: each request is built by a real client
// up to signing (the path `awscoro --show-request` takes) and compared with what botocore 1.43.11
// sends for the same params (its values recorded here as fixed strings).
#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <awscoro/client.hpp>
#include <awscoro/session.hpp>

#include "auth/signer.hpp"
#include "client/client_impl.hpp"
#include "run_sync.hpp"
#include "util/encoding.hpp"
#include "util/timestamp.hpp"

using namespace awscoro;
namespace json = boost::json;

namespace {

constexpr char const* access_key = "AKIDEXAMPLE";
constexpr char const* secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

http_request build(std::string const& service, std::string const& op, json::object params,
                   std::optional<std::string> endpoint_url = std::nullopt) {
  boost::asio::io_context ioc;
  session sess(ioc.get_executor(), session_options{.aws_access_key_id = access_key,
                                                   .aws_secret_access_key = secret_key});
  client_options options;
  options.region_name = "us-east-1";
  options.endpoint_url = std::move(endpoint_url);
  client c = test::run_sync(ioc, sess.create_client(service, options));
  return test::run_sync(ioc, detail::access::impl(c)->build_signed_request(op, std::move(params)));
}

json::object params_of(char const* text) { return json::parse(text).as_object(); }

std::string header_or_empty(http_request const& r, std::string_view name) {
  auto const* v = r.headers.find(name);
  return v ? *v : std::string();
}

// A form body or query string as decoded (key, value) pairs, in order.
std::vector<std::pair<std::string, std::string>> form_fields(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!text.empty()) {
    auto amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    auto eq = pair.find('=');
    out.emplace_back(detail::form_decode(pair.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : detail::form_decode(pair.substr(eq + 1)));
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
  }
  return out;
}

std::map<std::string, std::string> field_map(std::string_view text) {
  std::map<std::string, std::string> out;
  for (auto& [k, v] : form_fields(text)) out.emplace(k, v);
  return out;
}

std::vector<std::string> field_names(std::string_view text) {
  std::vector<std::string> out;
  for (auto& [k, v] : form_fields(text)) out.push_back(k);
  return out;
}

// A body of 2.5 MiB: three tree-hash chunks, the last one short.
std::string glacier_body() {
  std::string body(2 * 1024 * 1024 + 512 * 1024, '\0');
  for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>(i % 251);
  return body;
}

// Re-signs a presigned URL's request at the time the URL names, in `region`: equal only when the
// URL signs exactly that method, host and parameter list.
void check_presigned_url(std::string const& url, std::string const& host, std::string const& region,
                         std::string const& signing_name) {
  std::string const prefix = "https://" + host + "/?";
  REQUIRE(url.starts_with(prefix));
  std::string query = url.substr(prefix.size());
  auto fields = field_map(query);
  CHECK(fields["X-Amz-Expires"] == "3600");
  CHECK(fields["X-Amz-SignedHeaders"] == "host");
  std::string const date = fields["X-Amz-Date"];
  CHECK(fields["X-Amz-Credential"] == std::string(access_key) + "/" + date.substr(0, 8) + "/" + region + "/" +
                                          signing_name + "/aws4_request");
  auto time = detail::parse_timestamp(date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2) + "T" +
                                      date.substr(9, 2) + ":" + date.substr(11, 2) + ":" + date.substr(13, 2) + "Z");
  REQUIRE(time);

  http_request again;
  again.method = "GET";
  again.host = host;
  std::string operation_params = query.substr(0, query.find("&X-Amz-Algorithm="));
  again.query = operation_params;
  credentials creds;
  creds.access_key = access_key;
  creds.secret_key = secret_key;
  detail::signing_params sp;
  sp.creds = &creds;
  sp.region = region;
  sp.signing_name = signing_name;
  sp.time = *time;
  sp.expires = std::chrono::seconds(3600);
  REQUIRE(detail::sign_request(again, sp).empty());
  CHECK(again.url() == url);
}

}  // namespace

TEST_CASE("Glacier: version header, default account id, tree hash of a multi-chunk body") {
  json::object params;
  params["vaultName"] = "v";
  params["body"] = glacier_body();
  auto r = build("glacier", "UploadArchive", std::move(params));
  CHECK(r.path == "/-/vaults/v/archives");
  CHECK(header_or_empty(r, "x-amz-glacier-version") == "2012-06-01");
  CHECK(header_or_empty(r, "x-amz-sha256-tree-hash") ==
        "9b2474f7359f1464535323bfcd3254903843f74cd482d4b35b8e039bcc88c5bf");
  CHECK(header_or_empty(r, "x-amz-content-sha256") ==
        "35aeff7e048974ee23c365c8faf6bcb868ca0529c69309a00f6cde98bfbf89ce");
}

TEST_CASE("Glacier: an empty body hashes as SHA-256 of nothing; a one-chunk part's tree hash is its hash") {
  auto empty = build("glacier", "UploadArchive", params_of(R"({"vaultName": "v", "body": ""})"));
  CHECK(header_or_empty(empty, "x-amz-sha256-tree-hash") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  auto part = build("glacier", "UploadMultipartPart",
                    params_of(R"({"vaultName": "v", "uploadId": "u", "body": "abc", "range": "bytes 0-2/*"})"));
  CHECK(part.path == "/-/vaults/v/multipart-uploads/u");
  CHECK(header_or_empty(part, "x-amz-sha256-tree-hash") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("Glacier: a given account id and checksum are kept; other operations get no checksums") {
  auto r = build("glacier", "UploadArchive",
                 params_of(R"({"accountId": "123456789012", "vaultName": "v", "body": "abc", "checksum": "given"})"));
  CHECK(r.path == "/123456789012/vaults/v/archives");
  CHECK(header_or_empty(r, "x-amz-sha256-tree-hash") == "given");
  auto list = build("glacier", "ListVaults", {});
  CHECK(list.path == "/-/vaults");
  CHECK(header_or_empty(list, "x-amz-glacier-version") == "2012-06-01");
  CHECK_FALSE(list.headers.contains("x-amz-sha256-tree-hash"));
}

TEST_CASE("API Gateway asks for JSON unless the operation set Accept") {
  auto r = build("apigateway", "GetRestApis", {});
  CHECK(header_or_empty(r, "Accept") == "application/json");
  auto exported = build("apigateway", "GetExport",
                        params_of(R"({"restApiId": "a", "stageName": "s", "exportType": "swagger",
                                      "accepts": "application/yaml"})"));
  CHECK(header_or_empty(exported, "Accept") == "application/yaml");
  auto other = build("sqs", "ListQueues", {});
  CHECK_FALSE(other.headers.contains("Accept"));
}

TEST_CASE("CloudSearch Domain Search is a form POST") {
  auto r = build("cloudsearchdomain", "Search", params_of(R"({"query": "a b", "size": 5})"),
                 "https://search-x.us-east-1.cloudsearch.amazonaws.com");
  CHECK(r.method == "POST");
  CHECK(r.path == "/2013-01-01/search");
  CHECK(r.query.empty());
  CHECK(header_or_empty(r, "Content-Type") == "application/x-www-form-urlencoded");
  // botocore: format=sdk&pretty=true&q=a%20b&size=5
  CHECK(form_fields(r.body) == std::vector<std::pair<std::string, std::string>>{
                                   {"format", "sdk"}, {"pretty", "true"}, {"q", "a b"}, {"size", "5"}});
  auto suggest = build("cloudsearchdomain", "Suggest", params_of(R"({"query": "a", "suggester": "s"})"),
                       "https://search-x.us-east-1.cloudsearch.amazonaws.com");
  CHECK(suggest.method == "GET");
}

TEST_CASE("Endpoint discovery operations carry x-amz-api-version") {
  auto r = build("dynamodb", "DescribeEndpoints", {});
  CHECK(header_or_empty(r, "x-amz-api-version") == "2012-08-10");
  auto get = build("dynamodb", "ListTables", {});
  CHECK_FALSE(get.headers.contains("x-amz-api-version"));
}

TEST_CASE("S3 SSE-C: encoded with its MD5 only for botocore's operations and only without a given MD5") {
  std::string const key = "0123456789abcdef0123456789abcdef";
  std::string const encoded = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  std::string const md5 = "hRasmdxgYDKV3nvbahU1MA==";
  auto sse = [&](char const* extra) {
    auto p = params_of(R"({"Bucket": "b", "Key": "k", "SSECustomerAlgorithm": "AES256"})");
    p["SSECustomerKey"] = key;
    for (auto& [k, v] : params_of(extra)) p[k] = v;
    return p;
  };
  auto put = build("s3", "PutObject", sse("{}"));
  CHECK(header_or_empty(put, "x-amz-server-side-encryption-customer-key") == encoded);
  CHECK(header_or_empty(put, "x-amz-server-side-encryption-customer-key-MD5") == md5);

  auto given = build("s3", "PutObject", sse(R"({"SSECustomerKeyMD5": "given"})"));
  CHECK(header_or_empty(given, "x-amz-server-side-encryption-customer-key") == key);
  CHECK(header_or_empty(given, "x-amz-server-side-encryption-customer-key-MD5") == "given");

  auto attributes = build("s3", "GetObjectAttributes", sse(R"({"ObjectAttributes": ["ETag"]})"));
  CHECK(header_or_empty(attributes, "x-amz-server-side-encryption-customer-key") == key);
  CHECK_FALSE(attributes.headers.contains("x-amz-server-side-encryption-customer-key-MD5"));

  auto copy = params_of(R"({"Bucket": "b", "Key": "k", "CopySource": "s/o", "PartNumber": 1, "UploadId": "u",
                            "CopySourceSSECustomerAlgorithm": "AES256"})");
  copy["CopySourceSSECustomerKey"] = key;
  auto part = build("s3", "UploadPartCopy", std::move(copy));
  CHECK(header_or_empty(part, "x-amz-copy-source-server-side-encryption-customer-key") == encoded);
  CHECK(header_or_empty(part, "x-amz-copy-source-server-side-encryption-customer-key-MD5") == md5);
}

TEST_CASE("RDS: SourceRegion becomes a URL presigned in the source region") {
  auto r = build("rds", "CopyDBSnapshot",
                 params_of(R"({"SourceDBSnapshotIdentifier": "src", "TargetDBSnapshotIdentifier": "dst",
                               "SourceRegion": "us-west-2"})"));
  CHECK(field_names(r.body) == std::vector<std::string>{"Action", "Version", "SourceDBSnapshotIdentifier",
                                                        "TargetDBSnapshotIdentifier", "PreSignedUrl"});
  std::string url = field_map(r.body)["PreSignedUrl"];
  // botocore: https://rds.us-west-2.amazonaws.com/?Action=CopyDBSnapshot&Version=2014-10-31&
  // SourceDBSnapshotIdentifier=src&TargetDBSnapshotIdentifier=dst&DestinationRegion=us-east-1&
  // X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=...&X-Amz-Date=...&X-Amz-Expires=3600&
  // X-Amz-SignedHeaders=host&X-Amz-Signature=...
  std::string const start = "https://rds.us-west-2.amazonaws.com/?Action=CopyDBSnapshot&Version=2014-10-31&"
                            "SourceDBSnapshotIdentifier=src&TargetDBSnapshotIdentifier=dst&"
                            "DestinationRegion=us-east-1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=";
  CHECK(url.starts_with(start));
  check_presigned_url(url, "rds.us-west-2.amazonaws.com", "us-west-2", "rds");
}

TEST_CASE("RDS: a given PreSignedUrl is kept, SourceRegion still dropped; no SourceRegion, no URL") {
  auto given = build("rds", "CreateDBCluster",
                     params_of(R"({"DBClusterIdentifier": "c", "Engine": "aurora-mysql",
                                   "SourceRegion": "us-west-2", "PreSignedUrl": "https://example.com/x"})"));
  auto fields = field_map(given.body);
  CHECK_FALSE(fields.contains("SourceRegion"));
  CHECK(fields["PreSignedUrl"] == "https://example.com/x");
  auto local = build("neptune", "CopyDBClusterSnapshot",
                     params_of(R"({"SourceDBClusterSnapshotIdentifier": "a",
                                   "TargetDBClusterSnapshotIdentifier": "b"})"));
  CHECK_FALSE(field_map(local.body).contains("PreSignedUrl"));
}

TEST_CASE("DocumentDB presigns in the source region with the rds signing name") {
  auto r = build("docdb", "CopyDBClusterSnapshot",
                 params_of(R"({"SourceDBClusterSnapshotIdentifier": "a", "TargetDBClusterSnapshotIdentifier": "b",
                               "SourceRegion": "eu-west-1"})"));
  auto fields = field_map(r.body);
  CHECK_FALSE(fields.contains("SourceRegion"));
  check_presigned_url(fields["PreSignedUrl"], "rds.eu-west-1.amazonaws.com", "eu-west-1", "rds");
}

TEST_CASE("EC2 CopySnapshot: PresignedUrl and DestinationRegion added, SourceRegion kept") {
  auto r = build("ec2", "CopySnapshot", params_of(R"({"SourceSnapshotId": "snap-1", "SourceRegion": "us-west-2"})"));
  CHECK(field_names(r.body) == std::vector<std::string>{"Action", "Version", "SourceSnapshotId", "SourceRegion",
                                                        "PresignedUrl", "DestinationRegion"});
  auto fields = field_map(r.body);
  CHECK(fields["DestinationRegion"] == "us-east-1");
  std::string const start = "https://ec2.us-west-2.amazonaws.com/?Action=CopySnapshot&Version=2016-11-15&"
                            "SourceSnapshotId=snap-1&SourceRegion=us-west-2&DestinationRegion=us-east-1&"
                            "X-Amz-Algorithm=AWS4-HMAC-SHA256&";
  CHECK(fields["PresignedUrl"].starts_with(start));
  check_presigned_url(fields["PresignedUrl"], "ec2.us-west-2.amazonaws.com", "us-west-2", "ec2");
}
