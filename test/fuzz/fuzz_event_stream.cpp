// Fuzzes the event stream decoder (fed in pieces whose sizes come from the input) and the
// mapping of each decoded message onto a model's event-stream union.
#include <boost/json/parse.hpp>

#include "fuzz_models.hpp"
#include "parse/event_stream_decoder.hpp"

namespace {

std::shared_ptr<awscoro::detail::service_model const> stream_model() {
  std::string err;
  auto doc = boost::json::parse(R"({"metadata": {"protocol": "rest-json", "apiVersion": "2020-01-01"},
    "operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"}, "output": {"shape": "Out"}}},
    "shapes": {
      "Out": {"type": "structure", "members": {"Stream": {"shape": "Events"}}, "payload": "Stream"},
      "Events": {"type": "structure", "eventstream": true, "members": {
          "Blobby": {"shape": "BlobEvent"}, "Record": {"shape": "RecordEvent"}, "Plain": {"shape": "PlainEvent"},
          "Boom": {"shape": "Boom"}}},
      "BlobEvent": {"type": "structure", "event": true, "members": {
          "Data": {"shape": "B", "eventpayload": true}, "Seq": {"shape": "L", "eventheader": true},
          "At": {"shape": "T", "eventheader": true}}},
      "RecordEvent": {"type": "structure", "event": true, "members": {"Rec": {"shape": "Rec", "eventpayload": true}}},
      "PlainEvent": {"type": "structure", "event": true, "members": {"Name": {"shape": "S"}, "N": {"shape": "L"}}},
      "Boom": {"type": "structure", "exception": true, "members": {"Message": {"shape": "S"}}},
      "Rec": {"type": "structure", "members": {"Name": {"shape": "S"}}},
      "S": {"type": "string"}, "B": {"type": "blob"}, "L": {"type": "long"}, "T": {"type": "timestamp"}}})")
                 .as_object();
  auto m = awscoro::detail::service_model::compile(doc, "fuzz", &err);
  if (!m) __builtin_trap();
  return *m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace awscoro::detail;
  static auto const model = stream_model();
  static auto const events = model->find_shape("Events");
  if (size == 0) return 0;
  std::size_t piece = 1 + data[0] % 64;
  std::string_view bytes(reinterpret_cast<char const*>(data + 1), size - 1);
  event_stream_decoder d;
  for (std::size_t at = 0; at < bytes.size(); at += piece) {
    d.feed(bytes.substr(at, piece));
    for (int guard = 0; guard < 4096; ++guard) {
      event_message m;
      auto s = d.next(m);
      if (s != event_stream_decoder::status::message) break;
      parsed_event ev;
      std::string err;
      (void)parse_event_message(*model, events, m, ev, err);
      for (auto const& h : m.headers) (void)h.to_json();
    }
  }
  event_message whole;
  std::string err;
  (void)decode_event_frame(bytes, whole, err);
  return 0;
}
