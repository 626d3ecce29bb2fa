#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build for a bounded time each; fails on any crash.
# usage: scripts/run_fuzzers.sh BUILD_DIR SECONDS
set -euo pipefail
build_dir=${1:?build dir}
seconds=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
shopt -s nullglob
targets=("$build_dir"/tests/fuzz/*_fuzz)
if [ ${#targets[@]} -eq 0 ]; then
  echo "run_fuzzers: no fuzz targets in $build_dir/tests/fuzz" >&2
  exit 1
fi
for target in "${targets[@]}"; do
  name=$(basename "$target")
  # Seeds are checked in; what the fuzzer discovers goes to a scratch corpus under the build dir.
  seeds="$root/tests/fuzz/seeds/${name%_fuzz}"
  corpus="$build_dir/fuzz-corpus/$name"
  mkdir -p "$corpus"
  echo "fuzz: $name for ${seconds}s"
  args=(-max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$build_dir/fuzz-artifacts-$name-")
  dirs=("$corpus")
  [ -d "$seeds" ] && dirs+=("$seeds")
  "$target" "${args[@]}" "${dirs[@]}" 2>"$build_dir/$name.log" || {
    echo "fuzz: $name FAILED; last lines of $build_dir/$name.log:" >&2
    tail -n 40 "$build_dir/$name.log" >&2
    exit 1
  }
  grep -E 'stat::number_of_executed_units|Done [0-9]+ runs' "$build_dir/$name.log" | tail -n 2 || true
done
echo "fuzz: ${#targets[@]} targets passed"
