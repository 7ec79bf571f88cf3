// An incremental XML tokenizer for response bodies: elements, attributes, text, CDATA, comments
// and processing instructions, with the five predefined entities and character references.
//
// It checks what makes a document well formed (one root, matching end tags, quoted attributes,
// known entities, valid UTF-8, nothing but whitespace, comments and PIs outside the root) and
// refuses DOCTYPE declarations: no DTD, so no entity expansion. Bytes may be fed in any number of
// pieces; a token cut by a piece boundary waits for the next one. It exists because expat alone
// spends more than the 1 ms budget on a 1,000-key ListObjectsV2 page on the reference machine.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awscoro::detail {

struct xml_attribute {
  std::string_view name;   // qualified name as written ("xsi:type")
  std::string_view value;  // entities decoded
};

// What the tokenizer calls. `stop()` from inside a callback ends the parse without an error.
class xml_sink {
 public:
  virtual ~xml_sink() = default;
  virtual void on_start(std::string_view qname, std::span<xml_attribute const> attrs) = 0;
  virtual void on_end() = 0;
  virtual void on_text(std::string_view text) = 0;
};

class xml_reader {
 public:
  explicit xml_reader(xml_sink& sink) : sink_(sink) {}

  // False on malformed input: see error(). After stop(), feed() returns true and reads nothing.
  bool feed(std::string_view bytes, bool last);
  void stop() { stopped_ = true; }
  bool stopped() const { return stopped_; }
  std::string const& error() const { return error_; }
  bool saw_root() const { return saw_root_; }

 private:
  // Consumes complete tokens from [p, end); returns how many bytes were used, or npos on error.
  std::size_t run(char const* p, char const* end, bool last);
  bool fail(std::string msg);
  bool text(std::string_view raw);
  bool tag(std::string_view inner);  // between '<' and '>'
  bool decode(std::string_view raw, std::string& out, bool attribute);
  bool check_utf8(std::string_view bytes, bool last);

  xml_sink& sink_;
  std::string pending_;
  std::string utf8_carry_;  // the start of a UTF-8 sequence cut by the end of a piece
  std::string names_;                  // open element names, back to back
  std::vector<std::uint32_t> starts_;  // where each open name starts in names_
  std::vector<xml_attribute> attrs_;
  std::vector<std::string> attr_values_;
  std::string scratch_;
  std::string error_;
  std::size_t line_ = 1;
  bool saw_root_ = false;
  bool root_closed_ = false;
  bool stopped_ = false;
};

}  // namespace awscoro::detail
