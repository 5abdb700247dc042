#!/usr/bin/env bash
# Command-line tests of `jamlik fetch kolada` and `jamlik fetch scb`, never on the network: the real
# binary replays the responses recorded in tests/data/fetch/recording (made by make_recording.py in
# Kolada's API v3 and SCB's PxWeb API v2 shapes, keyed by a hash of the URL computed there).
#   fetch_cli_test.sh JAMLIK RECORDING_DIR CASE
set -euo pipefail
jamlik=$1
recording=$2
case_name=$3
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# A cache written anywhere would show here.
export XDG_CACHE_HOME=$work/cache

case $case_name in
  fetch_kolada_replay)
    expect_exit 0 "$jamlik" fetch kolada --kpi N00945 --municipality 1814,1880 --years 2020-2024 \
      --per-page 5 --replay "$recording" --out "$work/r.csv"
    [[ $(rows "$work/r.csv") == 30 ]] || fail "rows: $(rows "$work/r.csv")"
    [[ $(value "$work/r.csv" estimate area=1814 period=2020 subgroup=K) == 23.1 ]] || fail "1814 K 2020"
    [[ $(value "$work/r.csv" estimate area=1814 period=2024 subgroup=M) == 15.7 ]] || fail "1814 M 2024 (page 1)"
    [[ $(value "$work/r.csv" estimate area=1880 period=2023 subgroup=T) == 15 ]] || fail "1880 T 2023 (page 2)"
    [[ $(value "$work/r.csv" area_name area=1880 period=2023 subgroup=T) == "Örebro" ]] || fail "area name"
    [[ $(value "$work/r.csv" dimension area=1880 period=2023 subgroup=T) == total ]] || fail "T is total"
    [[ $(value "$work/r.csv" indicator_name area=1814 period=2020 subgroup=K) == "Testnyckeltal, dagar (påhittade värden)" ]] ||
      fail "KPI title"
    # The null value with a status: empty and flagged, never 0.
    [[ $(value "$work/r.csv" estimate area=1880 period=2021 subgroup=K) == "" ]] || fail "missing is not empty"
    [[ $(value "$work/r.csv" flag area=1880 period=2021 subgroup=K) == missing_in_source ]] || fail "flag"
    expect_contains "$work/err" '1 value is missing in the source'
    expect_contains "$work/err" '3 calls, 0 responses from the cache, 30 rows'
    [[ ! -e $work/cache ]] || fail "a replay wrote a cache"
    # The same as JSON, and Excel.
    expect_exit 0 "$jamlik" fetch kolada --kpi N00945 --municipality 1814,1880 --years 2020-2024 \
      --per-page 5 --replay "$recording" --out "$work/r.json"
    python3 - "$work/r.json" <<'PY' || fail "json"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 30, len(rows)
missing = [r for r in rows if r["estimate"] is None]
assert len(missing) == 1 and missing[0]["flag"] == "missing_in_source", missing
assert (missing[0]["area"], missing[0]["period"], missing[0]["subgroup"]) == ("1880", "2021", "K")
PY
    expect_exit 0 "$jamlik" fetch kolada --kpi N00945 --municipality 1814,1880 --years 2020-2024 \
      --per-page 5 --replay "$recording" --out "$work/r.xlsx"
    [[ -s $work/r.xlsx ]] || fail "no xlsx"
    ;;
  fetch_scb_replay)
    # 12 cells, at most 6 a call: one call per year after the metadata.
    expect_exit 0 "$jamlik" fetch scb TAB638 --query 'Region=1814,1880' --query 'Kon=*' \
      --query 'ContentsCode=BE0101N1; Tid=range(2022,2024)' --lang sv --max-cells 6 \
      --replay "$recording" --out "$work/s.csv"
    [[ $(rows "$work/s.csv") == 12 ]] || fail "rows: $(rows "$work/s.csv")"
    [[ $(value "$work/s.csv" estimate area=1814 period=2022 subgroup=M) == 3990 ]] || fail "1814 M 2022"
    [[ $(value "$work/s.csv" estimate area=1880 period=2024 subgroup=K) == 78480 ]] || fail "1880 K 2024"
    [[ $(value "$work/s.csv" indicator area=1880 period=2024 subgroup=K) == BE0101N1 ]] || fail "indicator"
    [[ $(value "$work/s.csv" area_name area=1814 period=2024 subgroup=K) == Lekeberg ]] || fail "area name"
    [[ $(value "$work/s.csv" estimate area=1814 period=2023 subgroup=K) == "" ]] || fail "missing is not empty"
    [[ $(value "$work/s.csv" flag area=1814 period=2023 subgroup=K) == missing_in_source ]] || fail "flag"
    expect_contains "$work/err" '4 calls, 0 responses from the cache, 12 rows'
    # The table after the options, each --query one value.
    expect_exit 0 "$jamlik" fetch scb --query 'Region=1814,1880' --query 'Kon=1,2' \
      --query 'ContentsCode=BE0101N1' --query 'Tid=from(2022)' TAB638 --lang sv --max-cells 6 \
      --replay "$recording" --out "$work/s2.csv"
    cmp "$work/s.csv" "$work/s2.csv" || fail "the same query written otherwise gave other rows"
    ;;
  fetch_errors)
    # A request the recording lacks: exit 1, one line naming its URL, nothing written.
    expect_exit 1 "$jamlik" fetch kolada --kpi N00945 --municipality 1814,1880 --years 2019-2024 \
      --per-page 5 --replay "$recording" --out "$work/r.csv"
    expect_contains "$work/err" "https://api.kolada.se/v3/data/kpi/N00945/municipality/1814,1880/year/2019,2020,2021,2022,2023,2024?per_page=5 is not in the recording"
    [[ $(wc -l <"$work/err") == 1 ]] || fail "more than one line: $(cat "$work/err")"
    [[ ! -e $work/r.csv ]] || fail "a file was written"
    JAMLIK_LANG=sv expect_exit 1 "$jamlik" fetch kolada --kpi N00945 --municipality 1814 \
      --years 2020 --replay "$recording"
    expect_contains "$work/err" "finns inte i inspelningen"
    # Usage errors exit 2 with one line naming what is wrong.
    expect_exit 2 "$jamlik" fetch kolada --kpi N00945 --municipality 18l4 --years 2020 --replay "$recording"
    expect_contains "$work/err" "--municipality: expected a municipality code (1814)"
    expect_contains "$work/err" "'18l4'"
    expect_exit 2 "$jamlik" fetch kolada --kpi N00945 --municipality 1814 --years 2020-20x4 --replay "$recording"
    expect_contains "$work/err" "--years: expected a year or a range"
    expect_exit 2 "$jamlik" fetch scb TAB638 --query 'Regio=00' --lang sv --replay "$recording"
    expect_contains "$work/err" "--query: the table has no variable 'Regio' (its variables: Region, Civilstand, Kon, ContentsCode, Tid)"
    [[ $(wc -l <"$work/err") == 1 ]] || fail "more than one line: $(cat "$work/err")"
    JAMLIK_LANG=sv expect_exit 2 "$jamlik" fetch scb TAB638 --query 'Tid=2019' --lang sv --replay "$recording"
    expect_contains "$work/err" "--query: Tid har ingen kod '2019' (koderna: 2020, 2021, 2022, 2023, 2024)"
    expect_exit 2 "$jamlik" fetch scb TAB638 --record "$work/rec" --replay "$recording"
    expect_contains "$work/err" "--record and --replay do not go together"
    # The help tells the query syntax in both languages.
    expect_exit 0 "$jamlik" fetch scb --help
    expect_contains "$work/out" "range(a,b)"
    expect_contains "$work/out" "A variable not named is left out"
    JAMLIK_LANG=sv expect_exit 0 "$jamlik" fetch scb --help
    expect_contains "$work/out" "En variabel som inte nämns utelämnas"
    JAMLIK_LANG=sv expect_exit 0 "$jamlik" fetch kolada --help
    expect_contains "$work/out" "högst 25 id"
    ;;
  *) fail "unknown case" ;;
esac
echo "ok [$case_name]"
