#!/usr/bin/env bash
# Command-line tests of `jamlik plan impact export|import|record` against a store: assessments
# imported (one with its decision) come out of export canonical and decided, each change in the
# plan's audit trail; importing the export again changes nothing (a decided assessment is never
# changed); the record prints in the language asked for; mistakes are named with their field.
# The store is seeded directly (python3's sqlite3) with an organisation, two people and an analysis.
#   plan_impact_cli_test.sh JAMLIK CASE
set -euo pipefail
jamlik=$1
case_name=$2
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
store=$work/data
export JAMLIK_DATA_DIR=$store

seed() {
  expect_exit 0 "$jamlik" check-store
  python3 - "$store/jamlik.sqlite3" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO organisations (code, name, kind, created_at) VALUES ('1880', 'Örebro', 'kommun', 0)")
for email, name in (("ada@example.se", "Ada"), ("rut@example.se", "Rut")):
    db.execute("INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, 'x', 0)",
               (email, name))
db.execute("INSERT INTO memberships VALUES (1, 1, 'analyst')")
db.execute("INSERT INTO memberships VALUES (2, 1, 'reader')")
db.execute("INSERT INTO analyses (organisation_id, name, definitions, result_count, created_at) "
           "VALUES (1, 'Behörighet', '[]', 0, 0)")
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
              "area": "1880", "kind": "gap", "measure": "d", "dimension": "utbildning",
              "baseline_period": "2024", "target_value": 18, "target_period": "2028"}],
 "measures": [{"id": "laxhjalp", "name": "Läxhjälp", "committee": "bun", "start": "2025-01-01",
               "budget": {"2025": 1500000}, "goals": ["bun1"]}]}
JSON
  expect_exit 0 "$jamlik" plan import "$work/plan.json" --org 1880 --user ada@example.se
  cat >"$work/impact.json" <<'JSON'
{"impact_assessments": [
  {"document": {"subject": {"kind": "measure", "measure": "laxhjalp"},
                "title": "Läxhjälp i alla skolor", "purpose": "Fler behöriga.", "relevant": true,
                "groups": [{"dimension": "Utbildningsnivå", "subgroup": "Förgymnasial",
                            "effect": "positive"}],
                "evidence": [{"kind": "analysis", "analysis": 1},
                             {"kind": "published", "source": "Kolada", "reference": "N15419",
                              "value": 81.5}],
                "predictions": [{"target": "gap", "period": "2026", "value": 22.5}]},
   "decision": {"decided_by": "Barn- och utbildningsnämnden", "date": "2025-02-20",
                "outcome": "adopted", "reference": "§ 12"}},
  {"document": {"subject": {"kind": "budget_change", "committee": "bun", "year": 2025,
                            "sek": -300000, "description": "Färre fritidsledare"},
                "title": "Neddragning på fritidsgårdar", "purpose": "Spara.", "relevant": true,
                "groups": [{"dimension": "kon", "subgroup": "M", "effect": "negative"}]}}]}
JSON
}

case $case_name in
  plan_impact_round_trip)
    seed
    expect_exit 0 "$jamlik" plan impact import "$work/impact.json" --org 1880 --year 2025 \
      --user ada@example.se
    expect_contains "$work/out" "2 created, 0 updated, 1 decided, 0 decided before (unchanged)"
    expect_exit 0 "$jamlik" plan impact export --org 1880 --year 2025 --out "$work/export.json"
    python3 - "$work/export.json" "$store/jamlik.sqlite3" <<'PY' || fail "export or audit trail"
import json, sqlite3, sys
exported = json.load(open(sys.argv[1]))
assert exported["year"] == 2025
first, second = exported["impact_assessments"]
assert first["state"] == "decided" and second["state"] == "draft", exported
assert first["document"]["groups"] == [{"dimension": "utbildning", "subgroup": "förgymnasial",
                                        "effect": "positive", "description": ""}], first
assert first["document"]["predictions"][0]["measure"] == "d"
assert first["decision"]["reference"] == "§ 12"
# Not followed up: no measured value stands beside the prediction yet.
assert first["outcomes"] == [{"target": "gap", "period": "2026", "kind": "gap", "measure": "d",
                              "predicted": 22.5, "measured": None,
                              "reason": "not_followed_up"}], first["outcomes"]
assert second["document"]["subject"]["sek"] == -300000
db = sqlite3.connect(sys.argv[2])
rows = db.execute("SELECT user_name, action, changes FROM plan_changes ORDER BY id").fetchall()
assert [r[1] for r in rows] == ["created", "impact_created", "impact_decided", "impact_created"], rows
assert rows[2][0] == "Ada"
assert json.loads(rows[2][2])["decision"]["outcome"] == "adopted"
PY
    # The export imported again: the decided assessment is kept as it is, the draft unchanged.
    expect_exit 0 "$jamlik" plan impact import "$work/export.json" --org 1880 --year 2025 \
      --user ada@example.se
    expect_contains "$work/out" "0 created, 0 updated, 0 decided, 1 decided before (unchanged)"
    # The draft edited in the file is updated and audited with the field that changed.
    python3 - "$work/export.json" "$work/edited.json" <<'PY'
import json, sys
exported = json.load(open(sys.argv[1]))
exported["impact_assessments"][1]["document"]["mitigation"] = "Öppet på helger i stället."
exported["impact_assessments"][0]["document"]["purpose"] = "Ändrad i efterhand."
json.dump(exported, open(sys.argv[2], "w"), ensure_ascii=False)
PY
    expect_exit 0 "$jamlik" plan impact import "$work/edited.json" --org 1880 --year 2025 \
      --user ada@example.se
    expect_contains "$work/out" "0 created, 1 updated, 0 decided, 1 decided before (unchanged)"
    python3 - "$store/jamlik.sqlite3" <<'PY' || fail "the update's audit or the decided one changed"
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
action, changes = db.execute("SELECT action, changes FROM plan_changes ORDER BY id DESC").fetchone()
assert action == "impact_updated", action
assert json.loads(changes)["fields"] == {"mitigation": {"from": "", "to": "Öppet på helger i stället."}}, changes
purpose = json.loads(db.execute("SELECT document FROM plan_impact_assessments ORDER BY id").fetchone()[0])["purpose"]
assert purpose == "Fler behöriga.", purpose
PY
    # The printable record in Swedish and in English.
    expect_exit 0 "$jamlik" plan impact record --org 1880 --year 2025 --id 1 --lang sv \
      --out "$work/record.html"
    expect_contains "$work/record.html" '<html lang="sv">'
    expect_contains "$work/record.html" "Jämlikhetskonsekvensanalys: Läxhjälp i alla skolor"
    expect_contains "$work/record.html" "<dd>bifallet</dd>"
    expect_contains "$work/record.html" "Utbildningsnivå</td><td>Förgymnasial</td><td>positiv"
    expect_contains "$work/record.html" '<td class="number">22,5</td><td class="number">inte uppföljt ännu'
    expect_exit 0 "$jamlik" plan impact record --org 1880 --year 2025 --id 1 --lang en
    expect_contains "$work/out" "Kolada N15419: 81.5"
    expect_contains "$work/out" "Education</td><td>Primary</td><td>positive"
    ;;
  plan_impact_errors)
    seed
    # A reader may not import.
    expect_exit 1 "$jamlik" plan impact import "$work/impact.json" --org 1880 --year 2025 \
      --user rut@example.se
    expect_contains "$work/err" "--user"
    # A category that is not in the dimension's code list is named with its place.
    sed 's/"subgroup": "M"/"subgroup": "X"/' "$work/impact.json" >"$work/bad.json"
    expect_exit 1 "$jamlik" plan impact import "$work/bad.json" --org 1880 --year 2025 \
      --user ada@example.se
    expect_contains "$work/err" "impact_assessments[1].groups[0].subgroup"
    expect_exit 1 "$jamlik" plan impact export --org 1880 --year 2030
    expect_contains "$work/err" "2030"
    expect_exit 1 "$jamlik" plan impact record --org 1880 --year 2025 --id 99
    expect_contains "$work/err" "99"
    ;;
  *)
    fail "unknown case"
    ;;
esac
