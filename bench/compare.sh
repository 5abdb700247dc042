#!/usr/bin/env bash
# Side-by-side comparison: jamlik against DuckDB (Node API) and R data.table on the 10.5 M-person
# synthetic Sweden, in one run, on the same file and the same number of threads.
#   bench/compare.sh [PERSONS] [THREADS]     (defaults: 10500000 2)
# Tasks: (a) load the CSV; (b) group by kommun × kon × utbildning with counts and sums of the
# outcomes. Prints each tool's times and peak memory, and the ratios peer / jamlik.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
persons=${1:-10500000}
threads=${2:-2}
jamlik="$root/build/src/cli/jamlik"
out="$root/bench/out"
csv="$out/sweden_${persons}.csv"

"$root/scripts/install-deps" --bench
[[ -x "$jamlik" ]] || make -C "$root" build
mkdir -p "$out"
if [[ ! -f "$csv" ]]; then
  echo "Generating $csv ..." >&2
  "$jamlik" synth --persons "$persons" --seed 1 --out "$csv"
fi
size_mb=$(( $(stat -c %s "$csv") / 1000000 ))

# Run a command under GNU time; print its stdout+stderr JSON/timing line and record peak RSS (kB).
measure() {
  local log="$out/$1.time"
  shift
  /usr/bin/time -f '%M' -o "$log" "$@"
}

# Warm the page cache so every tool reads the file from memory.
cat "$csv" > /dev/null

sums=dod,hemtjanst,gymnasiebehorig,vardtimmar,inkomst
jamlik_line=$(JAMLIK_THREADS=$threads measure jamlik "$jamlik" aggregate "$csv" \
  --by kommun,kon,utbildning --sum "$sums" --format csv --out "$out/jamlik_result.csv" --timings 2>&1)
duckdb_line=$(measure duckdb node "$root/bench/duckdb_bench.mjs" "$csv" "$threads")
datatable_line=$(measure datatable Rscript "$root/bench/datatable_bench.R" "$csv" "$threads")

field() { sed -n "s/.*\"\?$2\"\?[=:] *\([0-9.]*\).*/\1/p" <<<"$1"; }
j_load=$(field "$jamlik_line" load_ms);     j_group=$(field "$jamlik_line" group_by_ms)
d_load=$(field "$duckdb_line" load_ms);     d_group=$(field "$duckdb_line" group_by_ms)
r_load=$(field "$datatable_line" load_ms);  r_group=$(field "$datatable_line" group_by_ms)
j_rss=$(tail -1 "$out/jamlik.time"); d_rss=$(tail -1 "$out/duckdb.time"); r_rss=$(tail -1 "$out/datatable.time")
columnar=$(field "$jamlik_line" columnar_bytes)

echo
echo "Side by side: $persons persons, $size_mb MB CSV, $threads threads, $(date -u +%Y-%m-%d)"
printf '%-12s %10s %10s %12s %14s\n' tool load_ms group_ms "load MB/s" peak_rss_MB
for t in jamlik duckdb datatable; do
  case $t in
    jamlik) l=$j_load g=$j_group m=$j_rss ;;
    duckdb) l=$d_load g=$d_group m=$d_rss ;;
    datatable) l=$r_load g=$r_group m=$r_rss ;;
  esac
  awk -v t="$t" -v l="$l" -v g="$g" -v m="$m" -v s="$size_mb" \
    'BEGIN { printf "%-12s %10.0f %10.1f %12.0f %14.0f\n", t, l, g, s / (l / 1000), m / 1024 }'
done
echo
awk -v jl="$j_load" -v jg="$j_group" -v dl="$d_load" -v dg="$d_group" -v rl="$r_load" -v rg="$r_group" \
    -v rss="$j_rss" -v col="$columnar" 'BEGIN {
  printf "ratio load  (peer / jamlik): duckdb %.2f×, data.table %.2f×\n", dl / jl, rl / jl
  printf "ratio group (peer / jamlik): duckdb %.2f×, data.table %.2f×\n", dg / jg, rg / jg
  printf "jamlik peak memory / columnar size: %.2f (%.0f MB / %.0f MB)\n", rss * 1024 / col, rss / 1024, col / 1e6
}'
