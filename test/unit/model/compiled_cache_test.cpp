#include <doctest/doctest.h>

#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <string>

#include "compiled_equality.hpp"
#include "endpoint/rule_set.hpp"
#include "endpoint/rule_set_codec.hpp"
#include "model/model_registry.hpp"
#include "model/service_model_codec.hpp"
#include "util/compiled_cache.hpp"
#include "util/file_io.hpp"
#include "util/json_parse_skipping.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

using namespace awscoro::detail;
using awscoro::detail::testing::rule_set_difference;
using awscoro::detail::testing::service_model_difference;

namespace {

constexpr std::string_view model_kind = "service-model";
constexpr std::string_view rules_kind = "endpoint-rule-set";

struct temp_dir {
  std::string path;
  temp_dir() {
    std::string pattern = "/tmp/awscoro-cache-test-XXXXXX";
    REQUIRE(::mkdtemp(pattern.data()));
    path = pattern;
  }
  ~temp_dir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

std::vector<std::string> const& search_path() { return model_registry::instance().search_path(); }

std::string model_key(model_registry& reg, std::string const& service) {
  load_error err{};
  auto source = reg.service_source(service, "", "service-2", &err);
  REQUIRE(source);
  return model_registry::cache_key(model_kind, service_model_format_version, service, *source);
}

void write_raw(std::string const& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST_CASE("every installed service model loads from the compiled cache exactly as compiled from JSON") {
  temp_dir dir;
  compiled_cache cache(dir.path);
  model_registry from_json(search_path());
  std::size_t compared = 0;
  for (auto const& name : from_json.available_services()) {
    load_error err{};
    auto expected = from_json.service(name, "", &err);
    if (!expected) continue;  // a folder without a service model (covered by model_registry_test)
    model_registry writer(search_path(), &cache);
    auto written = writer.service(name, "", &err);
    REQUIRE(written);
    REQUIRE(file_exists(cache.path_for(model_kind, model_key(writer, name))));
    model_registry reader(search_path(), &cache);
    auto cached = reader.service(name, "", &err);
    REQUIRE(cached);
    INFO(name);
    CHECK(service_model_difference(*expected, *written) == "");
    CHECK(service_model_difference(*expected, *cached) == "");
    ++compared;
  }
  MESSAGE(compared << " service models compared");
  CHECK(compared > 400);
}

TEST_CASE("every installed endpoint rule set loads from the compiled cache exactly as compiled from JSON") {
  temp_dir dir;
  compiled_cache cache(dir.path);
  model_registry from_json(search_path());
  std::size_t compared = 0;
  for (auto const& name : from_json.available_services()) {
    std::string msg;
    auto expected = rule_set::load(from_json, name, &msg);
    if (!expected) continue;
    model_registry writer(search_path(), &cache);
    auto written = rule_set::load(writer, name, &msg);
    model_registry reader(search_path(), &cache);
    auto cached = rule_set::load(reader, name, &msg);
    REQUIRE(written);
    REQUIRE(cached);
    INFO(name);
    CHECK(rule_set_difference(*expected, *written) == "");
    CHECK(rule_set_difference(*expected, *cached) == "");
    // A rule set decoded from the cache encodes to the same bytes again.
    CHECK(rule_set_codec::encode(*cached) == rule_set_codec::encode(*expected));
    ++compared;
  }
  MESSAGE(compared << " rule sets compared");
  CHECK(compared > 400);
}

TEST_CASE("a valid cache entry is what the registry returns") {
  temp_dir dir;
  compiled_cache cache(dir.path);
  model_registry from_json(search_path());
  load_error err{};
  auto original = from_json.service("dynamodb", "", &err);
  REQUIRE(original);
  // An entry that differs from the JSON proves the load came from the cache, not the JSON.
  service_model marked = *original;
  marked.metadata.service_full_name = "from the cache";
  REQUIRE(cache.put(model_kind, model_key(from_json, "dynamodb"), encode_service_model(marked)));
  model_registry reader(search_path(), &cache);
  auto loaded = reader.service("dynamodb", "", &err);
  REQUIRE(loaded);
  CHECK(loaded->metadata.service_full_name == "from the cache");
  CHECK(loaded->find_operation("GetItem") != nullptr);
  // The comparison helper sees the one field that differs.
  CHECK(service_model_difference(*original, *loaded).find("service_full_name") == 0);
  marked.metadata.service_full_name = original->metadata.service_full_name;
  marked.shapes.back().pattern += "x";
  CHECK(service_model_difference(*original, marked) != "");
}

TEST_CASE("corrupt, truncated and stale cache files are ignored and rebuilt") {
  temp_dir dir;
  compiled_cache cache(dir.path);
  model_registry from_json(search_path());
  load_error err{};
  auto expected = from_json.service("s3", "", &err);
  REQUIRE(expected);
  std::string const key = model_key(from_json, "s3");
  std::string const path = cache.path_for(model_kind, key);
  {
    model_registry writer(search_path(), &cache);
    REQUIRE(writer.service("s3", "", &err));
  }
  auto const good = read_file(path);
  REQUIRE(good);

  auto damaged = [&](std::string const& what, std::string const& bytes) {
    INFO(what);
    write_raw(path, bytes);
    CHECK_FALSE(cache.get(model_kind, key));
    model_registry reader(search_path(), &cache);
    auto loaded = reader.service("s3", "", &err);
    REQUIRE(loaded);
    CHECK(service_model_difference(*expected, *loaded) == "");
    // Rebuilt: the file is whole again.
    auto rewritten = read_file(path);
    REQUIRE(rewritten);
    CHECK(*rewritten == *good);
  };
  damaged("empty file", "");
  damaged("magic only", good->substr(0, 8));
  damaged("header cut", good->substr(0, 30));
  damaged("payload cut in half", good->substr(0, good->size() / 2));
  damaged("last byte missing", good->substr(0, good->size() - 1));
  damaged("trailing garbage", *good + "x");
  std::string flipped = *good;
  flipped[flipped.size() / 2] ^= 0x5a;
  damaged("one byte flipped", flipped);
  std::string other_version = *good;
  other_version[8] ^= 0x01;  // the container version follows the magic
  damaged("other container version", other_version);
  std::string other_byte_order = *good;
  std::swap(other_byte_order[12], other_byte_order[15]);  // the byte-order marker follows the version
  std::swap(other_byte_order[13], other_byte_order[14]);
  damaged("other byte order", other_byte_order);
  // An entry filed under this key but made for another source (renamed by hand) is refused.
  std::string other_key = *good;
  other_key[8 + 4 + 4 + 4] ^= 0x01;  // first character of the stored key
  damaged("stored key differs", other_key);
}

TEST_CASE("decoding rejects every truncation and survives random damage") {
  model_registry from_json(search_path());
  load_error err{};
  auto model = from_json.service("dynamodb", "", &err);
  REQUIRE(model);
  std::string msg;
  auto rules = rule_set::load(from_json, "s3", &msg);
  REQUIRE(rules);
  auto const model_bytes = encode_service_model(*model);
  auto const rule_bytes = rule_set_codec::encode(*rules);
  REQUIRE(decode_service_model(model_bytes));
  REQUIRE(rule_set_codec::decode(rule_bytes));

  std::size_t cuts = 0;
  for (std::size_t n = 0; n < model_bytes.size(); n += 1 + model_bytes.size() / 997, ++cuts)
    CHECK_FALSE(decode_service_model(std::string_view(model_bytes).substr(0, n)));
  for (std::size_t n = 0; n < rule_bytes.size(); n += 1 + rule_bytes.size() / 997, ++cuts)
    CHECK_FALSE(rule_set_codec::decode(std::string_view(rule_bytes).substr(0, n)));
  CHECK(cuts > 1500);

  // Flipped bytes must give either nothing or a model whose indexes all stay in range.
  std::mt19937 rng(12345);
  for (int round = 0; round < 300; ++round) {
    std::string m = model_bytes;
    std::string r = rule_bytes;
    for (int k = 0; k < 4; ++k) {
      m[rng() % m.size()] = static_cast<char>(rng());
      r[rng() % r.size()] = static_cast<char>(rng());
    }
    if (auto decoded = decode_service_model(m)) {
      for (auto const& op : decoded->operations)
        CHECK((op.input == no_shape || op.input < decoded->shapes.size()));
    }
    if (auto decoded = rule_set_codec::decode(r)) CHECK(decoded->top_rule_count() <= decoded->rules().size());
  }
}

namespace {

// What skipping "documentation" strings should leave of a parsed document.
boost::json::value without_documentation(boost::json::value v) {
  if (auto* o = v.if_object()) {
    if (auto* d = o->if_contains("documentation"); d && d->is_string()) o->erase("documentation");
    for (auto& [k, item] : *o) item = without_documentation(std::move(item));
  } else if (auto* a = v.if_array()) {
    for (auto& item : *a) item = without_documentation(std::move(item));
  }
  return v;
}

}  // namespace

TEST_CASE("skipping documentation strings while parsing keeps everything else") {
  std::string const text =
      R"({"documentation":"top","documentation2":"kept","x":{"documentation":{"a":[1,2.5,null,true]},)"
      R"("y":["documentation",{"documentation":"d","z":-3}],"s":"été","big":18446744073709551615}})";
  boost::system::error_code ec;
  auto v = parse_json_skipping_strings(text, "documentation", 64, ec);
  REQUIRE_FALSE(ec);
  CHECK(v == boost::json::parse(
                 R"({"documentation2":"kept","x":{"documentation":{"a":[1,2.5,null,true]},)"
                 R"("y":["documentation",{"z":-3}],"s":"été","big":18446744073709551615}})"));
  parse_json_skipping_strings(R"({"documentation":"unterminated)", "documentation", 64, ec);
  CHECK(ec);
  parse_json_skipping_strings("[[[[1]]]]", "documentation", 3, ec);
  CHECK(ec);
}

TEST_CASE("every installed service model parses and compiles the same with documentation skipped") {
  model_registry reg(search_path());
  std::size_t compared = 0;
  for (auto const& name : reg.available_services()) {
    load_error err{};
    auto source = reg.service_source(name, "", "service-2", &err);
    if (!source) continue;
    auto full = model_registry::parse_source(*source, &err);
    auto skipped = model_registry::parse_source(*source, &err, "documentation");
    REQUIRE(full);
    REQUIRE(skipped);
    INFO(name);
    // The parser's own output, before sdk-extras (which may add documentation of their own).
    data_source plain = *source;
    plain.extras.clear();
    auto plain_full = model_registry::parse_source(plain, &err);
    auto plain_skipped = model_registry::parse_source(plain, &err, "documentation");
    REQUIRE(plain_full);
    REQUIRE(plain_skipped);
    bool const same_json = *plain_skipped == without_documentation(*plain_full);
    CHECK(same_json);
    auto a = service_model::compile(full->get_object(), name, nullptr);
    auto b = service_model::compile(skipped->get_object(), name, nullptr);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(service_model_difference(**a, **b) == "");
    ++compared;
  }
  CHECK(compared > 400);
}

TEST_CASE("cache keys change with every input") {
  data_source source{"a.json", "{\"shapes\":{}}", ""};
  auto const key = model_registry::cache_key(model_kind, 1, "s3", source);
  CHECK(key.size() == 32);
  CHECK(key == model_registry::cache_key(model_kind, 1, "s3", source));
  CHECK(key != model_registry::cache_key(rules_kind, 1, "s3", source));
  CHECK(key != model_registry::cache_key(model_kind, 2, "s3", source));
  CHECK(key != model_registry::cache_key(model_kind, 1, "s3control", source));
  data_source edited = source;
  edited.bytes[2] = 'S';
  CHECK(key != model_registry::cache_key(model_kind, 1, "s3", edited));
  data_source moved{"a.json", "{\"shapes\":{", "}"};  // same bytes, split differently
  CHECK(key != model_registry::cache_key(model_kind, 1, "s3", moved));
}

TEST_CASE("the cache directory follows AWSCORO_CACHE_DIR, then XDG_CACHE_HOME, then HOME") {
  auto keep = [](char const* name) {
    char const* v = std::getenv(name);
    return std::make_pair(std::string(name), v ? std::optional<std::string>(v) : std::nullopt);
  };
  auto saved = {keep("AWSCORO_CACHE_DIR"), keep("XDG_CACHE_HOME"), keep("HOME")};
  ::setenv("AWSCORO_CACHE_DIR", "/tmp/a", 1);
  ::setenv("XDG_CACHE_HOME", "/tmp/x", 1);
  ::setenv("HOME", "/tmp/h", 1);
  CHECK(default_compiled_cache_dir() == "/tmp/a");
  ::unsetenv("AWSCORO_CACHE_DIR");
  CHECK(default_compiled_cache_dir() == "/tmp/x/awscoro");
  ::unsetenv("XDG_CACHE_HOME");
  CHECK(default_compiled_cache_dir() == "/tmp/h/.cache/awscoro");
  ::unsetenv("HOME");
  CHECK(default_compiled_cache_dir() == "");
  for (auto const& [name, value] : saved) {
    if (value)
      ::setenv(name.c_str(), value->c_str(), 1);
    else
      ::unsetenv(name.c_str());
  }
}

TEST_CASE("entries unused for 30 days and abandoned temporary files are pruned; used ones are kept") {
  temp_dir dir;
  compiled_cache cache(dir.path);
  auto age = [](std::string const& path, std::time_t seconds) {
    timespec times[2];
    times[0].tv_sec = times[1].tv_sec = std::time(nullptr) - seconds;
    times[0].tv_nsec = times[1].tv_nsec = 0;
    REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
  };
  auto exists = [](std::string const& path) { return ::access(path.c_str(), F_OK) == 0; };
  constexpr std::time_t day = 24 * 3600;
  std::string const old_key = "0123456789abcdef0123456789abcdef", used_key = "1123456789abcdef0123456789abcdef",
                    recent_key = "2123456789abcdef0123456789abcdef", new_key = "3123456789abcdef0123456789abcdef";
  REQUIRE(cache.put(model_kind, old_key, "payload"));
  REQUIRE(cache.put(model_kind, used_key, "payload"));
  REQUIRE(cache.put(model_kind, recent_key, "payload"));
  std::string const old_path = cache.path_for(model_kind, old_key);
  std::string const used_path = cache.path_for(model_kind, used_key);
  std::string const recent_path = cache.path_for(model_kind, recent_key);
  age(old_path, 40 * day);
  age(used_path, 40 * day);
  age(recent_path, 10 * day);
  std::string const crashed = old_path + ".tmp.1.0";
  std::string const writing = used_path + ".tmp.2.0";
  // Not the cache's, though named like its entries or old: never touched.
  std::string const foreign = dir.path + "/notes.txt";
  std::string const lookalike = cache.path_for(model_kind, "4123456789abcdef0123456789abcdef");
  for (auto const* p : {&crashed, &writing, &foreign, &lookalike}) write_raw(*p, "not an entry");
  age(crashed, 2 * 3600);
  age(foreign, 400 * day);
  age(lookalike, 400 * day);

  CHECK(cache.get(model_kind, used_key));  // read: marked as used again
  REQUIRE(cache.put(model_kind, new_key, "payload"));  // a write prunes
  CHECK_FALSE(exists(old_path));
  CHECK_FALSE(exists(crashed));
  CHECK(exists(used_path));
  CHECK(exists(recent_path));
  CHECK(exists(writing));  // a writer may still be at work
  CHECK(exists(foreign));
  CHECK(exists(lookalike));
  CHECK(cache.get(model_kind, used_key) == std::optional<std::string>("payload"));
  CHECK(cache.prune(std::chrono::hours(24 * 5)) == 1);  // recent, at 10 days
  CHECK_FALSE(exists(recent_path));
}

TEST_CASE("an unwritable cache directory only costs the cache") {
  compiled_cache cache("/proc/awscoro-no-such-dir");
  CHECK_FALSE(cache.put(model_kind, "00", "payload"));
  CHECK_FALSE(cache.get(model_kind, "00"));
  model_registry reg(search_path(), &cache);
  load_error err{};
  CHECK(reg.service("dynamodb", "", &err));
}
