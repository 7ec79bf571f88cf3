// The XML tokenizer: events, entities, CDATA, attributes, well-formedness, split input.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "parse/xml_tokenizer.hpp"

using namespace awscoro::detail;

namespace {

struct recorder : xml_sink {
  std::string log;
  void on_start(std::string_view name, std::span<xml_attribute const> attrs) override {
    log += "<" + std::string(name);
    for (auto const& a : attrs) log += " " + std::string(a.name) + "=" + std::string(a.value);
    log += ">";
  }
  void on_end() override { log += "</>"; }
  void on_text(std::string_view t) override { log += t; }
};

// Events of `doc` fed whole, or "!" + the error.
std::string events(std::string_view doc, std::size_t piece = 0) {
  recorder r;
  xml_reader x(r);
  bool ok = true;
  if (piece == 0) {
    ok = x.feed(doc, true);
  } else {
    for (std::size_t i = 0; ok && i < doc.size(); i += piece) ok = x.feed(doc.substr(i, piece), false);
    ok = ok && x.feed({}, true);
  }
  return ok ? r.log : "!" + x.error();
}

}  // namespace

TEST_CASE("elements, attributes, entities and CDATA") {
  auto doc = R"(<?xml version="1.0"?><!-- c --><a x="1 &amp; 2" y='>'><b>&lt;&#65;&#x42;&quot;</b><c/><![CDATA[<raw&>]]></a>)";
  std::string want = "<a x=1 & 2 y=>><b><AB\"</><c></><raw&></>";
  CHECK(events(doc) == want);
  for (std::size_t piece : {1u, 2u, 3u, 5u}) CHECK(events(doc, piece) == want);
}

TEST_CASE("UTF-8 is checked, also when a character is cut between pieces") {
  std::string doc = "<a>caf\xc3\xa9 \xe2\x82\xac</a>";
  CHECK(events(doc) == "<a>caf\xc3\xa9 \xe2\x82\xac</>");
  for (std::size_t piece = 1; piece < 8; ++piece) CHECK(events(doc, piece) == "<a>caf\xc3\xa9 \xe2\x82\xac</>");
  CHECK(events("<a>\xc3\x28</a>")[0] == '!');
  CHECK(events("<a>\xed\xa0\x80</a>")[0] == '!');  // a UTF-16 surrogate
  CHECK(events("<a>\xc3")[0] == '!');
}

TEST_CASE("documents that are not well formed") {
  for (auto const* bad : {"<a><b></a></b>", "<a>", "<a></a><b></b>", "text<a/>", "<a>&bogus;</a>", "<a x=1></a>",
                          "<a x=\"1\"y=\"2\"></a>", "<!DOCTYPE a><a/>", "<a><!-- open</a>", "", "<1a/>",
                          "<a>&#0;</a>", "</a>"}) {
    INFO(bad);
    CHECK(events(bad)[0] == '!');
  }
  CHECK(events("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>").find("DOCTYPE") != std::string::npos);
}

TEST_CASE("line ends are normalized") {
  CHECK(events("<a>x\r\ny\rz</a>") == "<a>x\ny\nz</>");
  CHECK(events("<a k=\"1\r\n2\t3\"/>") == "<a k=1 2 3></>");
}
