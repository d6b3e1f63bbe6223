#!/usr/bin/env bash
# Runs one fuzz target for a fixed number of executions and prints libFuzzer's
# final statistics. Usage: fuzz/run.sh TARGET [RUNS] (RUNS defaults to 10 million).
# Builds with `cargo fuzz build`, then runs the binary directly.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`).
# A crash leaves its input in fuzz/artifacts/TARGET/ and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh TARGET [RUNS]}
runs=${2:-10000000}
[ -d "fuzz/corpus/$target" ] || fuzz/seed.sh > /dev/null
# No sanitizer: the analyzer is safe Rust, so what the fuzzer looks for is a
# panic, an abort or a time-out, and uninstrumented memory runs much faster.
# `analyze` runs the whole pipeline, whose character diff is compare-heavy: tracing compares
# there cuts throughput to a third, and every reader is fuzzed with it on its own target.
flags=(--sanitizer none)
[ "$target" = analyze ] && flags+=(--no-trace-compares)
cargo +nightly fuzz build "${flags[@]}" "$target"
bin=fuzz/target/x86_64-unknown-linux-gnu/release/$target
mkdir -p "fuzz/artifacts/$target"
start=$(date +%s)
"$bin" "fuzz/corpus/$target" -runs="$runs" -max_len=4096 -timeout=2 -rss_limit_mb=2048 \
  -dict=fuzz/dict.txt -artifact_prefix="fuzz/artifacts/$target/" -print_final_stats=1
echo "fuzz $target: $runs runs in $(( $(date +%s) - start )) s"
