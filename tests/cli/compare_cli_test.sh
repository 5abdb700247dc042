#!/usr/bin/env bash
# Command-line tests of `jamlik compare`: the real binary on tests/data/compare (five years of a
# proportion, a rate and a Kolada figure for Örebro county's municipalities, the county and the
# nation, by sex). The values are checked one by one against an independent computation in
# tests/conformance/compare; here: the door's options, formats, messages and errors.
#   compare_cli_test.sh JAMLIK DATA_DIR CASE
set -euo pipefail
jamlik=$1
data=$2
case_name=$3
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
results=$data/results.csv

case $case_name in
  compare_county_csv)
    expect_exit 0 "$jamlik" compare --results "$results" --against lan --out "$work/c.csv"
    [[ $(rows "$work/c.csv") == 360 ]] || fail "rows: $(rows "$work/c.csv")"
    header=$(head -1 "$work/c.csv")
    [[ $header == indicator,*,comparator_area,comparator_name,comparator_value,polarity,comparison,comparison_2,* ]] ||
      fail "header: $header"
    # Örebro 2023, total: 84.2 % (Wilson 83.9–84.5) against the county's 80.4 %: better, rising.
    q=(indicator=U00001 area=1880 period=2023 subgroup=T)
    [[ $(value "$work/c.csv" comparator_area "${q[@]}") == 18 ]] || fail "comparator"
    [[ $(value "$work/c.csv" comparator_name "${q[@]}") == "Örebro län" ]] || fail "comparator name"
    [[ $(value "$work/c.csv" comparison "${q[@]}") == better ]] || fail "1880 better"
    [[ $(value "$work/c.csv" comparison_2 "${q[@]}") == better ]] || fail "1880 better 99.8"
    [[ $(value "$work/c.csv" trend "${q[@]}") == increasing ]] || fail "1880 increasing"
    [[ $(value "$work/c.csv" rank "${q[@]}") == 1 ]] || fail "1880 rank"
    [[ $(value "$work/c.csv" rank_of "${q[@]}") == 6 ]] || fail "rank of"
    [[ $(value "$work/c.csv" quartile "${q[@]}") == 4 ]] || fail "quartile"
    # Laxå falls 2.5 points a year: worse, decreasing, and its gap to the county widens.
    q=(indicator=U00001 area=1860 period=2023 subgroup=T)
    [[ $(value "$work/c.csv" comparison "${q[@]}") == worse ]] || fail "1860 worse"
    [[ $(value "$work/c.csv" trend "${q[@]}") == decreasing ]] || fail "1860 decreasing"
    [[ $(value "$work/c.csv" gap_trend "${q[@]}") == widening ]] || fail "1860 gap widening"
    # Karlskoga gains two points a year on the county: still worse, but the gap narrows.
    q=(indicator=U00001 area=1883 period=2023 subgroup=T)
    [[ $(value "$work/c.csv" comparison "${q[@]}") == worse ]] || fail "1883 worse"
    [[ $(value "$work/c.csv" gap_trend "${q[@]}") == narrowing ]] || fail "1883 gap narrowing"
    # Four periods are too few for a trend.
    [[ $(value "$work/c.csv" trend_reason indicator=U00001 area=1860 period=2022 subgroup=T) == fewer_than_five_periods ]] ||
      fail "four periods"
    # The county has no county; the rate's polarity is low (favourable_indicator 0).
    [[ $(value "$work/c.csv" comparison indicator=U00001 area=18 period=2023 subgroup=T) == not_compared ]] ||
      fail "county not compared"
    [[ $(value "$work/c.csv" polarity indicator=R00002 area=1880 period=2023 subgroup=T) == low ]] ||
      fail "rate polarity"
    # A published figure states no polarity: higher/similar/lower; the missing value is not
    # compared and breaks the trend.
    [[ $(value "$work/c.csv" polarity indicator=N00945 area=1880 period=2023 subgroup=T) == none ]] ||
      fail "published polarity"
    [[ $(value "$work/c.csv" comparison indicator=N00945 area=1860 period=2023 subgroup=K) == not_compared ]] ||
      fail "missing value compared"
    [[ $(value "$work/c.csv" trend_reason indicator=N00945 area=1880 period=2023 subgroup=T) == no_counts_or_intervals ]] ||
      fail "published trend reason"
    expect_contains "$work/err" '360 rows compared (95 %):'
    expect_contains "$work/err" 'not compared'
    ;;
  compare_groups_and_polarity)
    expect_exit 0 "$jamlik" compare --results "$results" --against group:G100001 \
      --groups "$data/groups.json" --polarity N00945=high --out "$work/g.csv"
    # The group's value: the unweighted mean of Lekeberg, Laxå and Hallsberg.
    q=(indicator=N00945 area=1880 period=2021 subgroup=T)
    mean=$(python3 -c "print((66.4 + 54.0 + 63.0) / 3)")
    got=$(value "$work/g.csv" comparator_value "${q[@]}")
    python3 -c "import sys; sys.exit(abs($got - $mean) > 1e-9)" || fail "group mean $got, expected $mean"
    [[ $(value "$work/g.csv" comparator_area "${q[@]}") == G100001 ]] || fail "group id"
    [[ $(value "$work/g.csv" polarity "${q[@]}") == high ]] || fail "--polarity N00945=high"
    # The user's own group from a table (group, area), by its title.
    expect_exit 0 "$jamlik" compare --results "$results" --against "group:Egen grupp" \
      --groups "$data/groups.csv" --polarity none --out "$work/e.csv"
    [[ $(value "$work/e.csv" comparator_area indicator=U00001 area=1880 period=2023 subgroup=K) == egna ]] ||
      fail "own group"
    [[ $(value "$work/e.csv" comparison indicator=U00001 area=1880 period=2023 subgroup=K) == higher ]] ||
      fail "no judgement: higher"
    ;;
  compare_json_xlsx_table)
    expect_exit 0 "$jamlik" compare --results "$results" --against riket --out "$work/c.json"
    python3 - "$work/c.json" <<'PY' || fail "json"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 360, len(rows)
row = next(r for r in rows if r["area"] == "1880" and r["period"] == "2023"
           and r["subgroup"] == "T" and r["indicator"] == "U00001")
assert row["comparator_area"] == "00" and row["comparison"] in ("better", "similar", "worse"), row
assert row["funnel_lower"] < row["comparator_value"] < row["funnel_upper"], row
assert row["funnel_lower_2"] < row["funnel_lower"], row
PY
    expect_exit 0 "$jamlik" compare --results "$results" --against riket --out "$work/c.xlsx"
    [[ -s $work/c.xlsx ]] || fail "no workbook"
    expect_exit 0 "$jamlik" compare --results "$results" --against 1880 --format table
    # People read headers and marks in words, in their language.
    expect_contains "$work/out" 'Comparison (95 %)'
    expect_contains "$work/out" 'not compared'
    JAMLIK_LANG=sv expect_exit 0 "$jamlik" compare --results "$results" --against 1880 --format table
    expect_contains "$work/out" 'Jämförelse (99,8 %)'
    expect_contains "$work/out" 'inte jämförd'
    ;;
  compare_errors)
    expect_exit 2 "$jamlik" compare --results "$results"
    expect_contains "$work/err" '--against'
    expect_exit 2 "$jamlik" compare --results "$results" --against 9999
    expect_contains "$work/err" '--against: the area 9999 is not in the results'
    expect_exit 2 "$jamlik" compare --results "$results" --against group:G1
    expect_contains "$work/err" 'give the groups with --groups'
    expect_exit 2 "$jamlik" compare --results "$results" --against group:G1 --groups "$data/groups.json"
    expect_contains "$work/err" 'the group G1 is not among G100001'
    expect_exit 2 "$jamlik" compare --results "$results" --against lan --polarity up
    expect_contains "$work/err" "--polarity: polarity must be high, low or none, not 'up'"
    JAMLIK_LANG=sv expect_exit 2 "$jamlik" compare --results "$results" --against 9999
    expect_contains "$work/err" 'området 9999 finns inte i resultaten'
    JAMLIK_LANG=sv expect_exit 0 "$jamlik" compare --help
    expect_contains "$work/out" 'Jämför varje rad'
    ;;
  *)
    fail "unknown case"
    ;;
esac
