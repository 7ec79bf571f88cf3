// What every conformance runner does around its cases: count them, judge each outcome against
// known_failures.txt, print the FAIL/SKIP lines and the summary line the test driver reads, and
// read the suite's files.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace awscoro::test {

// How many cases of a suite (or of one group of it) passed, failed and were skipped.
struct tally {
  std::size_t passed = 0, failed = 0, skipped = 0;

  tally& operator+=(tally const& other) noexcept;
  // "NAME: N passed, M failed, K skipped".
  void print(std::string_view name) const;
};

// Counts one case in `t`. A case listed in `known` is skipped with the listed reason while it
// fails, and fails once it passes, so the list cannot go stale. FAIL and SKIP lines start with
// `indent` and name the case as `shown`.
void record_case(tally& t, std::map<std::string, std::string> const& known, std::string const& id, bool passed,
                 std::string_view why, std::string_view shown, std::string_view indent = {});

// The whole file; empty when it is missing or unreadable (the comparison then reports it).
std::string read_text(std::filesystem::path const& path);

}  // namespace awscoro::test
