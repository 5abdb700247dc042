#!/usr/bin/env bash
# Command-line tests of `jamlik import kolada`, `scb` and `heat`: the real binary on the
# hand-made Kolada pages (tests/data/kolada), SCB's real responses (../shared/fixtures/scb) and a
# HEAT Plus template (tests/data/heat).
#   import_cli_test.sh JAMLIK KOLADA_DIR SCB_DIR CASE
set -euo pipefail
jamlik=$1
kolada=$2
scb=$3
case_name=$4
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

case $case_name in
  import_kolada_pages)
    expect_exit 0 "$jamlik" import kolada "$kolada/page_1.json" "$kolada/page_2.json" \
      --kpis "$kolada/kpi.json" --groups "$kolada/municipality_groups.json" \
      --groups-out "$work/groups.csv" --out "$work/r.csv"
    [[ $(rows "$work/r.csv") == 12 ]] || fail "rows: $(rows "$work/r.csv")"
    header=$(head -1 "$work/r.csv")
    [[ $header == indicator,indicator_name,indicator_type,area_level,area,area_name,period,dimension,subgroup,* ]] ||
      fail "header: $header"
    [[ $(value "$work/r.csv" estimate area=1814 period=2023 subgroup=K) == 24.6 ]] || fail "1814 K 2023"
    [[ $(value "$work/r.csv" indicator_name area=1814 period=2023 subgroup=K) == "Ohälsotal, dagar (testvärden)" ]] ||
      fail "KPI title"
    [[ $(value "$work/r.csv" dimension area=1880 period=2023 subgroup=T) == total ]] || fail "T is total"
    [[ $(value "$work/r.csv" estimate area=1880 period=2023 subgroup=T) == 17 ]] || fail "1880 T 2023"
    # The null value with a status: empty and flagged, never 0.
    [[ $(value "$work/r.csv" estimate area=1814 period=2022 subgroup=K) == "" ]] || fail "missing is not empty"
    [[ $(value "$work/r.csv" flag area=1814 period=2022 subgroup=K) == missing_in_source ]] || fail "flag"
    [[ $(value "$work/r.csv" estimate area=1814 period=2022 subgroup=M) == 15.9 ]] || fail "1814 M 2022"
    expect_contains "$work/err" '1 value is missing in the source'
    expect_contains "$work/err" '"Missing": 1'
    [[ $(value "$work/r.csv" estimate area_level=lan area=18) == 18.2 ]] || fail "region 0018 → lan 18"
    [[ $(value "$work/r.csv" area_name area_level=riket area=00) == Sweden ]] || fail "0000 → riket 00"
    [[ $(value "$work/r.csv" estimate area_level=kolada_grupp area=G124009) == 18.9 ]] || fail "group"
    [[ $(rows "$work/groups.csv") == 3 ]] || fail "group members"
    expect_contains "$work/groups.csv" 'G124009,Liknande kommuner som Lekeberg (testgrupp),kommun,1860,Laxå'
    ;;
  import_kolada_json_xlsx)
    expect_exit 0 "$jamlik" import kolada "$kolada/page_1.json" "$kolada/page_2.json" --out "$work/r.json"
    python3 - "$work/r.json" <<'PY' || fail "json"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 12, len(rows)
missing = [r for r in rows if r["area"] == "1814" and r["period"] == "2022" and r["subgroup"] == "K"]
assert missing[0]["estimate"] is None and missing[0]["flag"] == "missing_in_source", missing
assert all(r["indicator_name"] == "N00926" for r in rows)
PY
    expect_exit 0 "$jamlik" import kolada "$kolada/page_1.json" "$kolada/page_2.json" --out "$work/r.xlsx"
    [[ -s $work/r.xlsx ]] || fail "no xlsx"
    ;;
  import_kolada_errors)
    # A page of a paged response missing: exit 1, one line naming the file.
    expect_exit 1 "$jamlik" import kolada "$kolada/page_1.json" --out "$work/r.csv"
    expect_contains "$work/err" "page_1.json: the page after page 1 is missing (next_url)"
    [[ ! -e $work/r.csv ]] || fail "a file was written"
    printf '{"values": [{"kpi": "N1", "municipality": "1814", "period": 2023,\n "values": [{"gender": "X", "value": 1}]}]}' >"$work/bad.json"
    expect_exit 1 "$jamlik" import kolada "$work/bad.json"
    expect_contains "$work/err" "bad.json: /values/0/values/0/gender: expected T, K or M, got the text \"X\""
    printf '{"values": [\n  {"kpi": }]}' >"$work/syntax.json"
    JAMLIK_LANG=sv expect_exit 1 "$jamlik" import kolada "$work/syntax.json"
    expect_contains "$work/err" "syntax.json:2:11: inte giltig JSON här"
    ;;
  import_scb_fixtures)
    expect_exit 0 "$jamlik" import scb "$scb/pxwebpy__TAB6471_data.json" --out "$work/t.csv"
    [[ $(rows "$work/t.csv") == 2772 ]] || fail "TAB6471 rows: $(rows "$work/t.csv")"
    [[ $(value "$work/t.csv" estimate area=01 period=2026M01 subgroup=0-9) == 245284 ]] || fail "value[0]"
    [[ $(value "$work/t.csv" area_name area=01 period=2026M01 subgroup=0-9) == "Stockholms län" ]] ||
      fail "county name"
    [[ $(value "$work/t.csv" estimate area=01 period=2026M01 dimension="Alder × kon" subgroup="0-9 × M") == 125373 ]] ||
      fail "value[4]"
    expect_exit 0 "$jamlik" import scb "$scb/pxweb__v1_BefolkningNy-b51455-POST.json" --out "$work/b.csv"
    [[ $(rows "$work/b.csv") == 6 ]] || fail "b51455 rows"
    [[ $(value "$work/b.csv" estimate indicator=BE0101N2 period=2011) == 67285 ]] || fail "Folkökning 2011"
    expect_exit 0 "$jamlik" import scb "$scb/pxweb__v1_jsonstat1_BefolkningNy-28a10f-POST.json" --out "$work/j.json"
    expect_contains "$work/j.json" '"estimate": 5082662'
    expect_contains "$work/err" 'the values are the nation'
    ;;
  import_scb_errors)
    expect_exit 1 "$jamlik" import scb "$scb/pxwebpy__tables.json"
    expect_contains "$work/err" "pxwebpy__tables.json: no PxWeb data response from SCB that can be read"
    [[ $(wc -l <"$work/err") == 1 ]] || fail "more than one line: $(cat "$work/err")"
    expect_exit 2 "$jamlik" import scb
    expect_exit 0 "$jamlik" import --help
    expect_contains "$work/out" kolada
    JAMLIK_LANG=sv expect_exit 0 "$jamlik" import scb --help
    expect_contains "$work/out" 'Koderna är nycklar'
    ;;
  import_heat)
    heat=$kolada/../heat
    expect_exit 0 "$jamlik" import heat "$heat/template.csv" --out "$work/r.csv"
    [[ $(rows "$work/r.csv") == 14 ]] || fail "rows: $(rows "$work/r.csv")"
    [[ $(value "$work/r.csv" estimate area=1814 dimension=kon subgroup=K) == 18.4 ]] || fail "Lekeberg K"
    [[ $(value "$work/r.csv" estimate area=1814 dimension=total) == 17.2 ]] || fail "setting average"
    [[ $(value "$work/r.csv" area_level area=18 subgroup=M) == lan ]] || fail "Örebro län"
    expect_contains "$work/err" '1 row has a note in the column flag'
    # Out as the template and in again: the same rows.
    # A result table is no template: the missing column is named.
    expect_exit 1 "$jamlik" import heat "$work/r.csv"
    expect_contains "$work/err" "setting"
    expect_exit 0 "$jamlik" import heat "$heat/template.csv" --format heat --out "$work/t.csv"
    [[ $(head -1 "$work/t.csv") == setting,date,source,indicator_abbr,indicator_name,dimension,subgroup,estimate,se,ci_lb,ci_ub,population,flag,setting_average,iso3,favourable_indicator,indicator_scale,ordered_dimension,subgroup_order,reference_subgroup ]] ||
      fail "template header: $(head -1 "$work/t.csv")"
    [[ $(rows "$work/t.csv") == 11 ]] || fail "template rows"
    expect_exit 0 "$jamlik" import heat "$work/t.csv" --out "$work/r2.csv"
    python3 - "$work/r.csv" "$work/r2.csv" <<'PY' || fail "round trip"
import csv, sys
def rows(path):
    return {(r["area"], r["dimension"], r["subgroup"]): r for r in csv.DictReader(open(path, encoding="utf-8"))}
a, b = rows(sys.argv[1]), rows(sys.argv[2])
assert a.keys() == b.keys(), (a.keys() ^ b.keys())
for key, row in a.items():
    for field in ("estimate", "population", "subgroup_order", "reference_subgroup", "area_level"):
        assert row[field] == b[key][field], (key, field, row[field], b[key][field])
    for field in ("lower", "upper"):
        assert (row[field] == "") == (b[key][field] == ""), (key, field)
        if row[field]:
            assert abs(float(row[field]) - float(b[key][field])) < 1e-9, (key, field)
PY
    expect_exit 0 "$jamlik" import heat "$heat/template.csv" --format heat --out "$work/t.xlsx"
    python3 - "$work/t.xlsx" <<'PY' || fail "xlsx"
import sys, zipfile
sheet = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
strings = zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode()
assert "setting_average" in strings and "Lekeberg" in strings, strings[:300]
PY
    # A bad number: one line naming the file, row, column and value; nothing written.
    expect_exit 1 "$jamlik" import heat "$heat/bad_estimate.csv" --out "$work/bad.csv"
    expect_contains "$work/err" "bad_estimate.csv: row 2, column 'estimate': '16.0x' is not a number"
    [[ ! -e $work/bad.csv ]] || fail "a file was written"
    ;;
  *) fail "unknown case" ;;
esac
echo "ok [$case_name]"
