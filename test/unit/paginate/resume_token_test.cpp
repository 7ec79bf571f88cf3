// Resume tokens: byte-identical to botocore's TokenEncoder for text tokens, bytes tokens through
// boto_encoded_keys, and every StartingToken form botocore accepts.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "paginate/resume_token.hpp"

using namespace awscoro::detail;
namespace json = boost::json;

TEST_CASE("token_json_dumps writes what Python's json.dumps writes") {
  CHECK(token_json_dumps(json::parse(R"({"a":[1e20,0.1,-0.0,1e-7,12345678901234567890]})")) ==
        R"({"a": [1e+20, 0.1, -0.0, 1e-07, 12345678901234567890]})");
  CHECK(token_json_dumps(json::parse(R"({"x":{},"y":[],"z":null,"t":true})")) ==
        R"({"x": {}, "y": [], "z": null, "t": true})");
  CHECK(token_json_dumps(json::value("k\xc3\xa9\xf0\x9f\x98\x80\"\\\n\x7f")) ==
        R"("k\u00e9\ud83d\ude00\"\\\n\u007f")");
}

TEST_CASE("encode_resume_token matches botocore byte for byte") {
  CHECK(encode_resume_token(json::parse(R"({"ContinuationToken":null,"boto_truncate_amount":3})").get_object()) ==
        "eyJDb250aW51YXRpb25Ub2tlbiI6IG51bGwsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDN9");
  json::object dynamo;
  dynamo["ExclusiveStartKey"] = json::parse(R"({"id":{"S":""},"n":{"N":"1.5"}})");
  dynamo["ExclusiveStartKey"].get_object()["id"].get_object()["S"] = "k\xc3\xa9\xf0\x9f\x98\x80\"\\\n\x7f";
  dynamo["boto_truncate_amount"] = 2;
  CHECK(encode_resume_token(dynamo) ==
        "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsiaWQiOiB7IlMiOiAia1x1MDBlOVx1ZDgzZFx1ZGUwMFwiXFxcblx1MDA3ZiJ9LCAibiI6IHsiTiI6ICIx"
        "LjUifX0sICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDJ9");
  CHECK(encode_resume_token(json::parse(R"({"Marker":"m","Other":[1,2.5,true,null,1e20]})").get_object()) ==
        "eyJNYXJrZXIiOiAibSIsICJPdGhlciI6IFsxLCAyLjUsIHRydWUsIG51bGwsIDFlKzIwXX0=");
  // Bytes (not UTF-8) are base64-encoded in place and listed, as TokenEncoder does.
  json::object bytes;
  bytes["Key"] = json::string(std::string("\xff\x00" "a", 3));
  CHECK(encode_resume_token(bytes) == "eyJLZXkiOiAiL3dCaCIsICJib3RvX2VuY29kZWRfa2V5cyI6IFtbIktleSJdXX0=");
}

TEST_CASE("decode_starting_token") {
  std::vector<std::string> one{"ContinuationToken"};
  starting_token t;
  std::string err;

  SUBCASE("a botocore token with a truncate amount") {
    REQUIRE(decode_starting_token("eyJDb250aW51YXRpb25Ub2tlbiI6IG51bGwsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDN9", one, t, err));
    CHECK(t.truncate_amount == 3);
    CHECK(json::value(t.tokens) == json::parse(R"({"ContinuationToken":null})"));
  }
  SUBCASE("bytes come back as bytes") {
    REQUIRE(decode_starting_token("eyJLZXkiOiAiL3dCaCIsICJib3RvX2VuY29kZWRfa2V5cyI6IFtbIktleSJdXX0=", {"Key"}, t, err));
    CHECK(t.tokens.at("Key").as_string() == std::string("\xff\x00" "a", 3));
    CHECK(t.truncate_amount == 0);
  }
  SUBCASE("a raw service token passes through (botocore's old form)") {
    REQUIRE(decode_starting_token("1/abc+def", one, t, err));
    CHECK(t.tokens.at("ContinuationToken").as_string() == "1/abc+def");
    CHECK(t.truncate_amount == 0);
  }
  SUBCASE("the old form with several tokens and an index") {
    REQUIRE(decode_starting_token("m1___None___7", {"Marker", "Other"}, t, err));
    CHECK(json::value(t.tokens) == json::parse(R"({"Marker":"m1","Other":null})"));
    CHECK(t.truncate_amount == 7);
  }
  SUBCASE("malformed tokens say what is wrong") {
    CHECK_FALSE(decode_starting_token("a___b___c", one, t, err));
    CHECK(err.find("bad StartingToken") == 0);
    CHECK_FALSE(decode_starting_token("WzEsMl0=", one, t, err));  // [1,2]
    CHECK(err.find("not an object") != std::string::npos);
    CHECK_FALSE(decode_starting_token("eyJOb3BlIjogMX0=", one, t, err));  // {"Nope": 1}
    CHECK(err.find("\"Nope\"") != std::string::npos);
    CHECK(err.find("ContinuationToken") != std::string::npos);
    CHECK_FALSE(decode_starting_token("eyJib3RvX3RydW5jYXRlX2Ftb3VudCI6ICJ4In0=", one, t, err));  // amount "x"
    CHECK(err.find("boto_truncate_amount") != std::string::npos);
  }
}
