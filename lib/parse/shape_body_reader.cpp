#include "parse/shape_body_reader.hpp"

#include <optional>

#include "parse/json_body_reader.hpp"
#include "parse/value_builder.hpp"

namespace awscoro::detail {

// One of: a value_builder with its JSON or CBOR reader, or an XML parser.
struct shape_body_reader::readers {
  std::optional<value_builder> builder;
  std::optional<json_body_reader> json;
  std::optional<cbor_body_reader> cbor;
  std::optional<xml_body_parser> xml;
};

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

shape_body_reader::shape_body_reader(service_model const& model, parse_options const& options, body_format format,
                                     xml_parse_spec const& spec, boost::json::storage_ptr storage)
    : model_(model), options_(options), format_(format), spec_(spec), storage_(std::move(storage)) {}

shape_body_reader::~shape_body_reader() = default;

bool shape_body_reader::found_error_root() const { return readers_ && readers_->xml && readers_->xml->found_error_root(); }

bool shape_body_reader::malformed_xml() const { return readers_ && readers_->xml && readers_->xml->malformed_xml(); }

bool shape_body_reader::start() {
  readers_ = std::make_unique<readers>();
  auto& r = *readers_;
  switch (format_) {
    case body_format::json:
    case body_format::rest_json:
      r.builder.emplace(model_, options_,
                        format_ == body_format::json ? value_builder::flavor::json : value_builder::flavor::rest_json,
                        spec_.root, storage_);
      r.json.emplace(*r.builder);
      return true;
    case body_format::cbor:
      r.builder.emplace(model_, options_, value_builder::flavor::cbor, spec_.root, storage_);
      r.cbor.emplace(*r.builder);
      return true;
    case body_format::xml:
      r.xml.emplace(model_, options_, spec_, storage_);
      if (leading_space_.empty()) return true;
      if (r.xml->feed(leading_space_, false)) return true;
      error_ = r.xml->error();
      return false;
  }
  return true;
}

bool shape_body_reader::feed(std::string_view piece) {
  if (failed_) return false;
  if (piece.empty()) return true;
  if (!readers_) {
    if (format_ == body_format::xml) {
      std::size_t i = 0;
      while (i < piece.size() && is_space(piece[i])) ++i;
      leading_space_.append(piece.substr(0, i));
      piece.remove_prefix(i);
      if (piece.empty()) return true;
    }
    if (!start()) return !(failed_ = true);
  }
  auto& r = *readers_;
  bool ok = r.xml ? r.xml->feed(piece, false) : r.json ? r.json->feed(piece, false) : r.cbor->feed(piece, false);
  if (!ok) {
    error_ = r.xml ? r.xml->error() : r.json ? r.json->error() : r.cbor->error();
    failed_ = true;
  }
  return ok;
}

bool shape_body_reader::finish() {
  if (failed_) return false;
  if (!readers_) {
    result_ = boost::json::object(storage_);
    return true;
  }
  auto& r = *readers_;
  bool ok = r.xml ? r.xml->feed({}, true) : r.json ? r.json->feed({}, true) : r.cbor->feed({}, true);
  if (!ok) {
    error_ = r.xml ? r.xml->error() : r.json ? r.json->error() : r.cbor->error();
    failed_ = true;
    return false;
  }
  if (r.xml) {
    result_ = std::move(r.xml->result());
    metadata_ = std::move(r.xml->metadata());
  } else {
    result_ = std::move(r.builder->result());
    if (result_.is_null()) result_ = boost::json::object(storage_);
  }
  return true;
}

}  // namespace awscoro::detail
