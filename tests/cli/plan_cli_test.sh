#!/usr/bin/env bash
# Command-line tests of `jamlik plan export|import` against a store: the example follow-up plan
# imported and exported again follows up to the same bytes; a whole plan goes through TOML and
# JSON unchanged; an import that changes the plan is in its audit trail; mistakes are refused.
# The store is seeded directly (python3's sqlite3) with an organisation, two people and an analysis.
#   plan_cli_test.sh JAMLIK EXAMPLES_DIR CASE DEMO_CSV
set -euo pipefail
jamlik=$1
examples=$2
case_name=$3
demo_csv=$4
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
}

# A whole plan: bodies, goals, periods, targets (on the analysis by name) and measures.
whole_plan() {
  cat >"$work/whole.toml" <<'TOML'
year = 2025

[[body]]
id = "kf"
kind = "fullmaktige"
name = "Kommunfullmäktige"

[[body]]
id = "bun"
kind = "namnd"
name = "Barn- och utbildningsnämnden"
parent = "kf"

[[goal]]
id = "kf1"
body = "kf"
title = "Alla barn får en god start i livet"
recommendation = "good_start"
welfare_area = "utbildning"

[[goal]]
id = "bun1"
body = "bun"
title = "Halvera skillnaden i behörighet"
recommendation = "good_start"
welfare_area = "utbildning"
contributes_to = "kf1"

[[period]]
id = "2025-T1"
kind = "tertial"
deadline = "2025-05-31"

[[period]]
id = "2025"
kind = "year"
deadline = "2026-02-28"

[[target]]
id = "behorighet_gap_utbildning"
indicator = "gymnasiebehorighet"
area = "1880"
kind = "gap"
measure = "d"
dimension = "utbildning"
baseline_period = "2025"
target_value = 18.0
target_period = "2028"
goal = "bun1"
analysis = "Behörighet"

[[measure]]
id = "laxhjalp"
name = "Läxhjälp"
committee = "bun"
target_group = { dimension = "utbildning", subgroups = ["förgymnasial"] }
budget = { "2025" = 1500000, "2026" = 1200000 }
start = "2025-01-01"
status = "ongoing"
goals = ["bun1"]
TOML
}

case $case_name in
  plan_example_round_trip)
    seed
    expect_exit 0 "$jamlik" plan import "$examples/plan.toml" --org 1880 --year 2025 \
      --user ada@example.se --analysis Behörighet
    expect_contains "$work/out" "plan 2025 created"
    expect_exit 0 "$jamlik" plan export --org 1880 --year 2025 --targets-only --out "$work/t.toml"
    # The exported targets are the example's, key by key (Python's own TOML reader).
    python3 - "$examples/plan.toml" "$work/t.toml" <<'PY' || fail "targets differ"
import sys, tomllib
a, b = (tomllib.load(open(p, "rb"))["target"] for p in sys.argv[1:3])
assert a == b, (a, b)
assert list(tomllib.load(open(sys.argv[2], "rb"))) == ["target"]
PY
    # `jamlik follow-up` reads the exported file and follows it up to the same bytes.
    expect_exit 0 "$jamlik" indicators --spec "$examples/indicators.toml" --data "$demo_csv" \
      --out "$work/results.csv"
    expect_exit 0 "$jamlik" follow-up --plan "$examples/plan.toml" --results "$work/results.csv" \
      --out "$work/a.csv"
    expect_exit 0 "$jamlik" follow-up --plan "$work/t.toml" --results "$work/results.csv" \
      --out "$work/b.csv"
    cmp -s "$work/a.csv" "$work/b.csv" || fail "follow-ups differ"
    [[ $(wc -l <"$work/b.csv") -gt 5 ]] || fail "no follow-up rows: $(cat "$work/b.csv")"
    ;;
  plan_whole_round_trip)
    seed
    whole_plan
    expect_exit 0 "$jamlik" plan import "$work/whole.toml" --org 1880 --user ada@example.se
    expect_exit 0 "$jamlik" plan export --org 1880 --year 2025 --out "$work/2025.toml"
    expect_exit 0 "$jamlik" plan export --org 1880 --year 2025 --out "$work/2025.json"
    # The TOML export read back is the file imported; the JSON export holds the same plan.
    python3 - "$work/whole.toml" "$work/2025.toml" "$work/2025.json" <<'PY' || fail "plans differ"
import json, sys, tomllib
imported, exported = (tomllib.load(open(p, "rb")) for p in sys.argv[1:3])
as_json = json.load(open(sys.argv[3]))
for table, key in (("body", "bodies"), ("goal", "goals"), ("period", "periods"),
                   ("target", "targets"), ("measure", "measures")):
    assert imported[table] == exported[table], (table, imported[table], exported[table])
    written = [{k: v for k, v in item.items() if v not in ("", [], {})} for item in as_json[key]]
    assert len(written) == len(imported[table]), key
assert as_json["targets"][0]["analysis"] == "Behörighet"
assert as_json["measures"][0]["budget"] == {"2025": 1500000, "2026": 1200000}
assert as_json["year"] == 2025 and exported["year"] == 2025
PY
    # The JSON form imported as another year, exported again: the same document.
    sed 's/"year": 2025/"year": 2026/; s/"2025-T1"/"2026-T1"/; s/"id": "2025"/"id": "2026"/' \
      "$work/2025.json" >"$work/2026.json"
    expect_exit 0 "$jamlik" plan import "$work/2026.json" --org 1880 --user ada@example.se
    expect_exit 0 "$jamlik" plan export --org 1880 --year 2026 --format json --out "$work/back.json"
    python3 - "$work/2026.json" "$work/back.json" <<'PY' || fail "JSON round trip differs"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a == b, (a, b)
PY
    ;;
  plan_import_audited)
    seed
    whole_plan
    expect_exit 0 "$jamlik" plan import "$work/whole.toml" --org 1880 --user ada@example.se
    sed 's/target_value = 18.0/target_value = 15.0/' "$work/whole.toml" >"$work/changed.toml"
    expect_exit 0 "$jamlik" plan import "$work/changed.toml" --org 1880 --user ada@example.se
    expect_contains "$work/out" "plan 2025 updated (version 2)"
    python3 - "$store/jamlik.sqlite3" <<'PY' || fail "audit trail"
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT user_name, action, changes FROM plan_changes ORDER BY id").fetchall()
assert [r[1] for r in rows] == ["created", "updated"], rows
assert rows[1][0] == "Ada"
changes = json.loads(rows[1][2])
assert changes == [{"collection": "targets", "id": "behorighet_gap_utbildning",
                    "change": "changed",
                    "fields": {"target_value": {"from": 18.0, "to": 15.0}}}], changes
PY
    ;;
  plan_errors)
    seed
    whole_plan
    # A reader may not import.
    expect_exit 1 "$jamlik" plan import "$work/whole.toml" --org 1880 --user rut@example.se
    expect_contains "$work/err" "--user"
    expect_exit 1 "$jamlik" plan import "$work/whole.toml" --org 9999 --user ada@example.se
    expect_contains "$work/err" "9999"
    # A target without an analysis, and none given.
    expect_exit 1 "$jamlik" plan import "$examples/plan.toml" --org 1880 --year 2025 \
      --user ada@example.se
    expect_contains "$work/err" "targets[0].analysis"
    # A wrong kind is named with its field.
    sed 's/kind = "gap"/kind = "gapp"/' "$work/whole.toml" >"$work/bad.toml"
    expect_exit 1 "$jamlik" plan import "$work/bad.toml" --org 1880 --user ada@example.se
    expect_contains "$work/err" "targets[0].kind"
    expect_contains "$work/err" "gapp"
    # A TOML mistake is named with its place.
    printf 'year = 2025\n[[target]\n' >"$work/broken.toml"
    expect_exit 1 "$jamlik" plan import "$work/broken.toml" --org 1880 --user ada@example.se
    expect_contains "$work/err" "broken.toml:2"
    expect_exit 1 "$jamlik" plan export --org 1880 --year 2030
    expect_contains "$work/err" "2030"
    # Nothing was stored by the refused imports.
    [[ $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM plans').fetchone()[0])" "$store/jamlik.sqlite3") == 0 ]] ||
      fail "a refused import stored a plan"
    ;;
  *)
    fail "unknown case"
    ;;
esac
