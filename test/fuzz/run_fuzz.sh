#!/usr/bin/env bash
# ./run fuzz: builds the libFuzzer targets with clang in build-fuzz (-Dfuzz=true, ASan, the
# libraries instrumented), writes seed corpora from the conformance suites, and runs each target
# for FUZZ_SECONDS (default 20) seconds. Only the targets and the libraries they link are built.
# Crashes are kept in build-fuzz/fuzz-artifacts/; each target prints one line, "<target>: ok, ..."
# or "<target>: FAILED ..." followed by "artifact: <path>" for each input that crashed it.
#
#   ./run fuzz [TARGET...]     (default: every target)
#   ./run fuzz --list          print the targets and exit
#   ./run fuzz --no-install    do not apt-get clang: exit 3 when it is missing
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${AWSCORO_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-20}
jobs=${FUZZ_JOBS:-$(nproc)}
conformance=${AWSCORO_CONFORMANCE_DIR:-$root/../shared/conformance}
targets=(fuzz-parse-rest-xml fuzz-parse-json fuzz-parse-rest-json fuzz-parse-cbor fuzz-cbor-decode
         fuzz-xml-tokenizer fuzz-event-stream fuzz-endpoint-rules fuzz-jmespath fuzz-timestamp)
install=true
chosen=()
for arg in "$@"; do
  case "$arg" in
    --list) printf '%s\n' "${targets[@]}"; exit 0 ;;
    --no-install) install=false ;;
    *) chosen+=("$arg") ;;
  esac
done
((${#chosen[@]})) && targets=("${chosen[@]}")

missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if ! $install; then
    echo "fuzz: ${missing[*]} not installed (./run setup installs them)"
    exit 3
  fi
  echo "fuzz: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

start=$SECONDS
if [ ! -f "$build_dir/build.ninja" ]; then
  CXX=clang++ meson setup "$build_dir" --buildtype=debugoptimized -Dfuzz=true -Db_sanitize=address \
    -Db_lundef=false -Dcpp_args=-fsanitize=fuzzer-no-link >/dev/null
fi
ninja -C "$build_dir" -j "$jobs" "${targets[@]/#/test/fuzz/}" >"$build_dir/fuzz-build.log" 2>&1 || {
  tail -30 "$build_dir/fuzz-build.log"
  echo "fuzz: build failed (see $build_dir/fuzz-build.log)"
  exit 2
}
echo "fuzz: built ${#targets[@]} targets in $((SECONDS - start)) s"

seeds=$build_dir/fuzz-seeds
rm -rf "$seeds"
python3 "$root/test/fuzz/make_seeds.py" "$conformance" "$seeds"
artifacts=$build_dir/fuzz-artifacts
mkdir -p "$artifacts"
passed=0 failed=0
for t in "${targets[@]}"; do
  corpus=$build_dir/fuzz-corpus/$t
  mkdir -p "$corpus" "$seeds/$t"
  log=$artifacts/$t.log
  if "$build_dir/test/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="$artifacts/$t-" -print_final_stats=1 "$corpus" "$seeds/$t" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "$t: ok, $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs," \
         "$(grep -o 'cov: [0-9]*' "$log" | tail -1), corpus $(ls "$corpus" | wc -l)"
  else
    failed=$((failed + 1))
    echo "$t: FAILED (log: $log)"
    grep -E '^==[0-9]+== ?ERROR|^SUMMARY' "$log" | head -3 || true
    grep -o 'Test unit written to .*' "$log" | sed 's/^Test unit written to /artifact: /' || true
  fi
done
echo "fuzz: $passed passed, $failed failed, 0 skipped ($((SECONDS - start)) s)"
((failed == 0))
