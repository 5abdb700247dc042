#!/usr/bin/env bash
# Command-line tests of `jamlik plan report`: the annual report's equity section of a plan whose
# follow-up is in the store, as Excel (read back by openpyxl) and as PDF (printed by Chromium,
# read back by pdftotext), in Swedish and English; a plan that is not followed up says so; a
# missing plan and an unknown period are refused with the option named. The store is seeded
# directly (python3's sqlite3): an organisation, an analyst, an analysis, and one follow-up
# record as `jamlik serve` stores it (estimate 43 in [35.2, 50.8], path 45, baseline 60).
#   plan_report_cli_test.sh JAMLIK CASE
set -euo pipefail
jamlik=$1
case_name=$2
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
store=$work/data
export JAMLIK_DATA_DIR=$store

seed() {
  expect_exit 0 "$jamlik" check-store
  /usr/bin/python3 - "$store/jamlik.sqlite3" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO organisations (code, name, kind, created_at) VALUES ('1880', 'Örebro', 'kommun', 0)")
db.execute("INSERT INTO users (email, name, password_hash, created_at) VALUES ('ada@example.se', 'Ada', 'x', 0)")
db.execute("INSERT INTO memberships VALUES (1, 1, 'analyst')")
db.execute("INSERT INTO analyses (organisation_id, name, definitions, result_count, created_at) "
           "VALUES (1, 'Behörighet', '[{\"id\": \"behorighet\", \"name_sv\": \"Behöriga\", "
           "\"name_en\": \"Eligible\"}]', 0, 0)")
db.commit()
PY
  cat >"$work/plan.json" <<'JSON'
{"year": 2025,
 "bodies": [{"id": "kf", "kind": "fullmaktige", "name": "Kommunfullmäktige"},
            {"id": "bun", "kind": "namnd", "name": "Barn- och utbildningsnämnden", "parent": "kf"}],
 "goals": [{"id": "bun1", "body": "bun", "title": "Halvera skillnaden i behörighet",
            "recommendation": "good_start", "welfare_area": "utbildning"}],
 "periods": [{"id": "2025", "kind": "year", "deadline": "2026-02-28"}],
 "targets": [{"id": "gap", "goal": "bun1", "analysis": "Behörighet", "indicator": "behorighet",
              "area": "1880", "kind": "gap", "measure": "d", "dimension": "utb",
              "baseline_period": "2024", "target_value": 30, "target_period": "2026"}],
 "measures": [{"id": "laxhjalp", "name": "Läxhjälp", "committee": "bun",
               "budget": {"2025": 1500000}, "start": "2025-01-01", "status": "ongoing",
               "goals": ["bun1"]},
              {"id": "sommarskola", "name": "Sommarskola", "committee": "bun",
               "budget": {"2025": 700000}, "start": "2025-06-01", "status": "cancelled",
               "goals": ["bun1"]}]}
JSON
  expect_exit 0 "$jamlik" plan import "$work/plan.json" --org 1880 --user ada@example.se
}

follow_up() {
  /usr/bin/python3 - "$store/jamlik.sqlite3" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO plan_follow_ups (plan_id, period, target, target_snapshot, evaluated_period, "
           "baseline, estimate, lower, upper, path_value, target_value, status, reason, detail, "
           "created_by, created_at) VALUES (1, '2025', 'gap', '{}', '2025', 60, 43, 35.2, 50.8, 45, "
           "30, 'on_track', '', '', 1, 0)")
db.execute("INSERT INTO plan_follow_up_comments (follow_up_id, user_id, user_name, text, time) "
           "VALUES (1, 1, 'Ada', 'Läxhjälpen når fler.', 0)")
db.commit()
PY
}

case $case_name in
  plan_report_xlsx_pdf)
    seed
    follow_up
    expect_exit 0 "$jamlik" plan report --org 1880 --year 2025 --out "$work/r.xlsx" --lang sv
    expect_contains "$work/out" "2025"
    /usr/bin/python3 - "$work/r.xlsx" <<'PY' || fail "the workbook"
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], data_only=True)
assert book.sheetnames == ["Mål", "Målvärden", "Insatser", "Effekter", "Budget"], book.sheetnames
# The measures' effects as the API's report gives them (AnnualReportWithEffects): the analysis has
# no results, so the effect cannot be assessed; the indicator is named as in Målvärden.
effects = list(book["Effekter"].iter_rows(values_only=True))
assert [(e[0], e[2], e[6], e[9]) for e in effects[1:]] == [
    ("Läxhjälp", "Behöriga", None, "Effekten kan inte bedömas"),
    ("Sommarskola", "Behöriga", None, "Effekten kan inte bedömas")], effects
rows = list(book["Målvärden"].iter_rows(values_only=True))
row = dict(zip(rows[0], rows[1]))
assert row["Status"] == "↗ På väg", row
assert row["Indikator"] == "Behöriga", row
assert (row["Utgångsvärde"], row["Skattning"], row["Nedre gräns"], row["Övre gräns"],
        row["Banans värde"], row["Målvärde"]) == (60, 43, 35.2, 50.8, 45, 30), row
assert row["Kommentar"] == "Läxhjälpen når fler.", row
budget = list(book["Budget"].iter_rows(values_only=True))
# The cancelled measure counts nothing.
assert budget[1:] == [("Barn- och utbildningsnämnden", 1500000), ("Totalt", 1500000)], budget
measures = list(book["Insatser"].iter_rows(values_only=True))
assert [m[0] for m in measures[1:]] == ["Läxhjälp", "Sommarskola"], measures
assert measures[2][5] == "Inställd" and measures[2][7] == 0, measures
PY
    expect_exit 0 "$jamlik" plan report --org 1880 --year 2025 --period 2025 --out "$work/r.pdf" \
      --lang en
    head -c 4 "$work/r.pdf" | grep -q '%PDF' || fail "not a PDF"
    pdftotext -layout "$work/r.pdf" "$work/r.txt"
    for expected in "The annual report's equity section 2025" "Follow-up 2025" \
      "Give all children and young people a good start in life" "Halvera skillnaden i behörighet" \
      "On track" "43.0 (35.2–50.8)" "60.0" "45.0" "Eligible" "Läxhjälpen når fler." \
      "SEK 1,500,000"; do
      expect_contains "$work/r.txt" "$expected"
    done
    ;;
  plan_report_not_followed_up)
    seed
    expect_exit 0 "$jamlik" plan report --org 1880 --year 2025 --format xlsx --out "$work/r.bin" --lang sv
    /usr/bin/python3 - "$work/r.bin" <<'PY' || fail "the workbook"
import sys, openpyxl
rows = list(openpyxl.load_workbook(open(sys.argv[1], "rb"))["Målvärden"].iter_rows(values_only=True))
row = dict(zip(rows[0], rows[1]))
assert row["Status"] == "– Inte uppföljt" and row["Skattning"] is None, row
PY
    expect_exit 1 "$jamlik" plan report --org 1880 --year 2030 --out "$work/x.xlsx"
    expect_contains "$work/err" "2030"
    expect_exit 1 "$jamlik" plan report --org 1880 --year 2025 --period 2025-T2 --out "$work/x.xlsx"
    expect_contains "$work/err" "2025-T2"
    [[ ! -e $work/x.xlsx ]] || fail "a refused report left a file"
    ;;
  *)
    fail "unknown case"
    ;;
esac
