#!/usr/bin/env bash
# Instructions for one extraction pass, counted by callgrind: the measure of a speed change
# that a noisy VM's wall clock cannot resolve (it is the same for the same binary and corpus,
# whatever else the machine is doing).
#
#   benches/instructions.sh [ENV=VALUE ...]     e.g. RF_BENCH_SOURCES=../shared/seeds
#
# Builds the throughput bench, runs it under callgrind with one and with two timed passes over
# RF_BENCH_MB (default 2) MB on one thread, and prints the difference: one pass, without the
# regex compilation and the lazy DFAs' warm-up that the first pass carries. The claims'
# fingerprint is printed beside it; a change meant only for speed must leave it as it was.
# Needs valgrind (Debian's package).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind" >&2; exit 2; }
bin=$(cargo bench --bench throughput --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -n 1)
[ -x "$bin" ] || { echo "instructions.sh: could not find the bench binary" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for reps in 1 2; do
  env "$@" RF_BENCH_MB="${RF_BENCH_MB:-2}" RF_BENCH_ONE=1 RF_BENCH_REPS=$reps \
    valgrind --tool=callgrind --callgrind-out-file="$out/cg.$reps" "$bin" >"$out/log.$reps" 2>&1 &
done
wait
count() { grep -o 'Collected : [0-9]*' "$out/log.$1" | grep -o '[0-9]*$'; }
a=$(count 1)
b=$(count 2)
fp=$(grep -o 'fingerprint [0-9a-f]*' "$out/log.1" | head -n 1)
echo "one pass over ${RF_BENCH_MB:-2} MB: $(( (b - a) / 1000000 )) M instructions ($fp)"
