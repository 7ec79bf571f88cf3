// SigV4a. ECDSA signatures are randomized, so signatures are checked by verifying them with the
// public key derived from the credentials; the key derivation is checked against the published
// vector of the AWS SDKs' common runtime (aws-c-auth's key derivation test).
#include <doctest/doctest.h>

#include <string>

#include "auth/signer.hpp"
#include "auth/sigv4_signer.hpp"
#include "auth/sigv4a_signer.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/timestamp.hpp"

using namespace awscoro;
using namespace awscoro::detail;

namespace {

constexpr timestamp_us signing_time = 1700000000LL * 1000000;

credentials vector_creds() {
  credentials c;
  c.access_key = "AKISORANDOMAASORANDOM";
  c.secret_key = "q+jcrXGc+0zWN6uzclKVhvMmUsIfRPa4rlRandom";
  return c;
}

http_request get_request() {
  http_request r;
  r.method = "GET";
  r.host = "mrap.accesspoint.s3-global.amazonaws.com";
  r.path = "/a%20b";
  r.query = "x=1";
  return r;
}

std::string hex_decode_for_test(std::string_view hex) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
  return out;
}

std::string signature_of(std::string const& authorization) {
  auto at = authorization.find("Signature=");
  return at == std::string::npos ? std::string() : authorization.substr(at + 10);
}

std::string public_key_of(credentials const& c) {
  auto d = sigv4a_derive_private_key(c.access_key, c.secret_key);
  REQUIRE(d);
  return sigv4a_public_key(*d);
}

}  // namespace

TEST_CASE("SigV4a key derivation matches the published vector") {
  credentials c = vector_creds();
  auto d = sigv4a_derive_private_key(c.access_key, c.secret_key);
  REQUIRE(d);
  CHECK(hex_encode(std::string_view(reinterpret_cast<char const*>(d->data()), d->size())) ==
        "7fd3bd010c0d9c292141c2b77bfbde1042c92e6836fff749d1269ec890fca1bd");
  std::string pub = sigv4a_public_key(*d);
  REQUIRE(pub.size() == 65);
  CHECK(hex_encode(pub) ==
        "04"
        "15d242ceebf8d8169fd6a8b5a746c41140414c3b07579038da06af89190fffcb"
        "0515242cedd82e94799482e4c0514b505afccf2c0c98d6a553bf539f424c5ec0");
}

TEST_CASE("SigV4a header signing: canonical request, string to sign and a verifiable signature") {
  credentials c = vector_creds();
  c.token = "TOKEN";
  http_request r = get_request();
  signing_params sp;
  sp.scheme = "sigv4a";
  sp.creds = &c;
  sp.region = "us-east-1";
  sp.region_set = "*";
  sp.signing_name = "s3";
  sp.s3 = true;
  sp.unsigned_payload = true;
  sp.time = signing_time;
  sigv4_trace trace;
  sp.trace = &trace;
  REQUIRE(sign_request(r, sp).empty());
  CHECK(*r.headers.find("X-Amz-Region-Set") == "*");
  CHECK(*r.headers.find("X-Amz-Date") == "20231114T221320Z");
  CHECK(*r.headers.find("X-Amz-Content-SHA256") == "UNSIGNED-PAYLOAD");
  CHECK(trace.canonical_request ==
        "GET\n/a%20b\nx=1\n"
        "host:mrap.accesspoint.s3-global.amazonaws.com\n"
        "x-amz-content-sha256:UNSIGNED-PAYLOAD\n"
        "x-amz-date:20231114T221320Z\n"
        "x-amz-region-set:*\n"
        "x-amz-security-token:TOKEN\n\n"
        "host;x-amz-content-sha256;x-amz-date;x-amz-region-set;x-amz-security-token\n"
        "UNSIGNED-PAYLOAD");
  CHECK(trace.string_to_sign == "AWS4-ECDSA-P256-SHA256\n20231114T221320Z\n20231114/s3/aws4_request\n" +
                                    sha256_hex(trace.canonical_request));
  std::string const& auth = *r.headers.find("Authorization");
  CHECK(auth.starts_with("AWS4-ECDSA-P256-SHA256 Credential=AKISORANDOMAASORANDOM/20231114/s3/aws4_request, "
                         "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-region-set;x-amz-security-token, "
                         "Signature="));
  auto der = hex_decode_for_test(signature_of(auth));
  CHECK(sigv4a_verify(public_key_of(c), trace.string_to_sign, der));
  // The signature must not verify over another string.
  CHECK(!sigv4a_verify(public_key_of(c), trace.string_to_sign + "x", der));
}

TEST_CASE("SigV4a's canonical request is SigV4's with the region set signed") {
  credentials c = vector_creds();
  http_request a = get_request();
  a.method = "POST";
  a.body = "{}";
  sigv4a_signer v4a("us-west-2,us-east-1", "service");
  sigv4_trace ta;
  REQUIRE(v4a.sign(a, c, signing_time, &ta).empty());

  http_request b = get_request();
  b.method = "POST";
  b.body = "{}";
  b.headers.set("X-Amz-Region-Set", "us-west-2,us-east-1");
  sigv4_signer v4("us-west-2", "service");
  sigv4_trace tb;
  REQUIRE(v4.sign(b, c, signing_time, &tb).empty());
  CHECK(ta.canonical_request == tb.canonical_request);
}

TEST_CASE("SigV4a presigning puts the region set and a verifiable signature in the query") {
  credentials c = vector_creds();
  http_request r = get_request();
  sigv4a_options o;
  o.s3 = true;
  sigv4a_signer signer("*", "s3", o);
  sigv4_trace trace;
  REQUIRE(signer.presign(r, c, signing_time, 900, &trace).empty());
  CHECK(r.query.starts_with("x=1&X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Credential=AKISORANDOMAASORANDOM%2F"
                            "20231114%2Fs3%2Faws4_request&X-Amz-Date=20231114T221320Z&X-Amz-Expires=900&"
                            "X-Amz-SignedHeaders=host&X-Amz-Region-Set=%2A&X-Amz-Signature="));
  CHECK(trace.canonical_request.ends_with("\nhost\nUNSIGNED-PAYLOAD"));
  auto sig = r.query.substr(r.query.find("X-Amz-Signature=") + 16);
  CHECK(sigv4a_verify(public_key_of(c), trace.string_to_sign, hex_decode_for_test(sig)));
  CHECK(!signer.presign(r, c, signing_time, 604801).empty());
  CHECK(!signer.presign(r, c, signing_time, 0).empty());
}
