#!/usr/bin/env bash
# Runs every fuzz target (or those named after the options) for SECONDS each, PARALLEL at a
# time, from corpora seeded by seed.sh. Prints one line per target and exits non-zero if any
# target found a crash, a timeout or an out-of-memory input (kept in artifacts/TARGET/).
#
#   fuzz/run.sh                      10 minutes each, two at a time (the documented run)
#   fuzz/run.sh -t 20                the CI smoke test
#   fuzz/run.sh -t 60 name answers   some targets only
#
# Needs nightly Rust and cargo-fuzz (see README.md). FUZZ_BUILD_FLAGS is passed to
# `cargo fuzz build` (e.g. "--sanitizer none").
set -euo pipefail
cd "$(dirname "$0")"
seconds=600
parallel=2
while getopts "t:j:" opt; do
  case $opt in
    t) seconds=$OPTARG ;;
    j) parallel=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))

./seed.sh
# shellcheck disable=SC2086
cargo +nightly fuzz build ${FUZZ_BUILD_FLAGS:-}
bin=target/x86_64-unknown-linux-gnu/release
case " ${FUZZ_BUILD_FLAGS:-} " in *" --dev "*) bin=target/x86_64-unknown-linux-gnu/debug ;; esac
if [ $# -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(cargo +nightly fuzz list); fi
mkdir -p logs

run_one() {
  local target=$1 seconds=$2 bin=$3
  mkdir -p "artifacts/$target"
  # -timeout: one input taking this long is a finding (a parser stuck on hostile input).
  # -rss_limit_mb: the same memory limit libFuzzer uses by default, made explicit.
  if "$bin/$target" "corpus/$target" -max_total_time="$seconds" -timeout=20 \
    -rss_limit_mb=2048 -artifact_prefix="artifacts/$target/" -print_final_stats=1 \
    >"logs/$target.log" 2>&1; then
    local runs
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$target.log")
    echo "ok     $target: ${seconds}s, $runs runs, $(grep -c '' <(ls "corpus/$target")) inputs in corpus"
  else
    echo "FAILED $target: see fuzz/logs/$target.log and fuzz/artifacts/$target/"
    return 1
  fi
}
export -f run_one
printf '%s\n' "${targets[@]}" | xargs -P "$parallel" -I{} bash -c 'run_one "$@"' _ {} "$seconds" "$bin"
