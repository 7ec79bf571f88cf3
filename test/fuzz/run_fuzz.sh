#!/usr/bin/env bash
# ./run fuzz: builds the libFuzzer targets with clang in build-fuzz (-Dfuzz=true, ASan, the
# libraries instrumented), writes seed corpora from the conformance suites, and runs each target
# for FUZZ_SECONDS (default 20) seconds. Crashes are kept in build-fuzz/fuzz-artifacts/.
#
#   ./run fuzz [TARGET...]     (default: every target)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${AWSCORO_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-20}
conformance=${AWSCORO_CONFORMANCE_DIR:-$root/../shared/conformance}
targets=(fuzz-parse-rest-xml fuzz-parse-json fuzz-parse-rest-json fuzz-parse-cbor fuzz-event-stream
         fuzz-endpoint-rules fuzz-jmespath fuzz-timestamp)
(($#)) && targets=("$@")

missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "fuzz: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -f "$build_dir/build.ninja" ]; then
  CXX=clang++ meson setup "$build_dir" --buildtype=debugoptimized -Dfuzz=true -Db_sanitize=address \
    -Db_lundef=false -Dcpp_args=-fsanitize=fuzzer-no-link
fi
ninja -C "$build_dir" "${targets[@]/#/test/fuzz/}"

seeds=$build_dir/fuzz-seeds
rm -rf "$seeds"
python3 "$root/test/fuzz/make_seeds.py" "$conformance" "$seeds"
mkdir -p "$build_dir/fuzz-artifacts"
passed=0 failed=0
for t in "${targets[@]}"; do
  corpus=$build_dir/fuzz-corpus/$t
  mkdir -p "$corpus" "$seeds/$t"
  log=$build_dir/fuzz-artifacts/$t.log
  if "$build_dir/test/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="$build_dir/fuzz-artifacts/$t-" -print_final_stats=1 "$corpus" "$seeds/$t" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "$t: ok, $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs," \
         "$(grep -o 'cov: [0-9]*' "$log" | tail -1), corpus $(ls "$corpus" | wc -l)"
  else
    failed=$((failed + 1))
    echo "$t: FAILED (see $log)"
    grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5 || true
  fi
done
echo "fuzz: $passed passed, $failed failed, 0 skipped"
((failed == 0))
