#include <string>

#include <doctest/doctest.h>

#include "serialize/xml_text.hpp"

using namespace awscoro::detail;

TEST_CASE("XML text escapes & < > only, as ElementTree does") {
  std::string out;
  append_xml_text(out, "a & b < c > d \"e\" 'f'\n\tg");
  CHECK(out == "a &amp; b &lt; c &gt; d \"e\" 'f'\n\tg");
}

TEST_CASE("XML attributes also escape quotes and whitespace controls") {
  std::string out;
  append_xml_attribute(out, "a&\"b\"<c>\r\n\t");
  CHECK(out == "a&amp;&quot;b&quot;&lt;c&gt;&#13;&#10;&#09;");
}
