#!/usr/bin/env bash
# Command-line tests of `jamlik follow-up`: the demo data (2025) and a second synthetic year (2026)
# through `jamlik indicators`, then a plan followed up against the results. Each row's path and
# status are recomputed here in awk from the row's own baseline, estimate and limits (the rule of
# src/followup/evaluation.hpp written out independently), and a gap's D is checked against
# `jamlik inequality`.
#   follow_up_cli_test.sh JAMLIK EXAMPLES_DIR PLANS_DIR CASE DEMO_CSV
set -euo pipefail
jamlik=$1
examples=$2
plans=$3
case_name=$4
demo_csv=$5
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# field CSV ROW_PATTERN COLUMN: the named column of the first row matching the pattern (quoted
# fields are blanked first so that commas split the fields).
field() {
  sed -E 's/"[^"]*"//g' "$1" |
    awk -F, -v pattern="$2" -v name="$3" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      !found && $0 ~ pattern { print $col[name]; found = 1 }'
}
# Results of the example indicators over two years: the demo file (2025) and 2026.
two_year_results() {
  expect_exit 0 "$jamlik" synth --county 18 --persons 300000 --seed 2027 --year 2026 \
    --out "$work/2026.csv"
  { cat "$demo_csv"; tail -n +2 "$work/2026.csv"; } >"$work/persons.csv"
  expect_exit 0 "$jamlik" indicators --spec "$examples/indicators.toml" --data "$work/persons.csv" \
    --out "$work/results.csv"
}

case $case_name in
  follow_up_statuses)
    two_year_results
    expect_exit 0 "$jamlik" follow-up --plan "$plans/statuses.toml" --results "$work/results.csv" \
      --period 2026 --out "$work/status.csv"
    header=$(head -1 "$work/status.csv")
    [[ $header == target,kind,indicator,area,dimension,subgroup,measure,period,baseline,estimate,lower,upper,path_value,target_value,status,status_label,reason,reason_label,detail ]] ||
      fail "header: $header"
    for target in reached on_track at_risk off_track; do
      [[ $(field "$work/status.csv" "^$target," status) == "$target" ]] ||
        fail "$target: $(grep "^$target," "$work/status.csv")"
    done
    [[ $(field "$work/status.csv" '^no_data_suppressed,' status) == no_data ]] || fail "no data"
    [[ $(field "$work/status.csv" '^no_data_suppressed,' reason) == baseline_missing ]] ||
      fail "no data's reason: $(grep '^no_data_suppressed,' "$work/status.csv")"
    [[ $(field "$work/status.csv" '^floor_lekeberg,' status) == no_data ]] || fail "floor"
    # Every row with a status, judged again: baseline 2025 (month 24312), 2026 (24324), the
    # target period from the plan; higher is better for eligibility, smaller for a gap.
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
      $c["status"] != "no_data" {
        b = $c["baseline"]; g = $c["target_value"]; e = $c["estimate"]; l = $c["lower"]; u = $c["upper"]
        t1 = ($c["target"] == "off_track") ? 24324 : 24348  # 2026 or 2028
        p = b + (g - b) * (24324 - 24312) / (t1 - 24312)
        d = ($c["kind"] == "gap") ? -1 : 1
        if (d * l >= d * g && d * u >= d * g) s = "reached"
        else if (d * e >= d * p) s = "on_track"
        else if (d * u >= d * p || d * l >= d * p) s = "at_risk"
        else s = "off_track"
        dp = p - $c["path_value"]; if (dp < 0) dp = -dp
        if (s != $c["status"] || dp > 1e-9) { print $c["target"] ": " s " " p; bad = 1 }
      }
      END { exit bad }' "$work/status.csv" || fail "a status or path differs from the rule"
    # The gap's D is the one `jamlik inequality` gives for the same results.
    expect_exit 0 "$jamlik" inequality --results "$work/results.csv" --measures d \
      --out "$work/measures.csv"
    d=$(field "$work/measures.csv" '^gymnasiebehorighet,.*,kommun,1880,[^,]*,2026,utbildning,d,' estimate)
    gap=$(field "$work/status.csv" '^at_risk,' estimate)
    awk -v d="$d" -v g="$gap" 'BEGIN { x = (d < 0 ? -d : d) - g; exit !(d != "" && x < 1e-9 && x > -1e-9) }' ||
      fail "the gap's D $gap is not inequality's $d"
    ;;
  follow_up_example_plan)
    # The example plan runs as it stands, every period from its baseline on, in Swedish too.
    two_year_results
    expect_exit 0 "$jamlik" follow-up --plan "$examples/plan.toml" --results "$work/results.csv" \
      --out "$work/status.csv"
    [[ $(grep -c ',2025,' "$work/status.csv") == 5 && $(grep -c ',2026,' "$work/status.csv") == 5 ]] ||
      fail "one row per target and period: $(cat "$work/status.csv")"
    ! grep -qi 'nan' "$work/status.csv" || fail "NaN in the output"
    # A ratio's gap is shown as the ratio (at least 1) and its target as written.
    [[ $(field "$work/status.csv" '^dodlighet_rii_inkomst,.*,2026,' target_value) == 1.5 ]] ||
      fail "RII target: $(grep '^dodlighet_rii_inkomst,' "$work/status.csv")"
    JAMLIK_LANG=sv expect_exit 0 "$jamlik" follow-up --plan "$examples/plan.toml" \
      --results "$work/results.csv" --period 2026
    expect_contains "$work/out" "Banans värde"
    expect_contains "$work/out" "Förgymnasial"
    grep -qE 'På väg|Risk att inte nås|Uppnått|Når inte målet' "$work/out" || fail "no Swedish status"
    expect_exit 0 "$jamlik" follow-up --plan "$examples/plan.toml" --results "$work/results.csv" \
      --period 2027 --format json
    expect_contains "$work/out" '"reason": "missing"'
    ;;
  follow_up_errors)
    printf '%s\n' 'indicator,area,dimension,subgroup,estimate,favourable_indicator,indicator_scale,ordered_dimension,period' \
      'x,0180,total,T,1,1,100,0,2025' >"$work/results.csv"
    printf '[[target]]\nid = "a"\nindicator = "x"\narea = "0180"\nkind = "gapp"\n' >"$work/bad.toml"
    expect_exit 1 "$jamlik" follow-up --plan "$work/bad.toml" --results "$work/results.csv"
    expect_contains "$work/err" "bad.toml:5:8: key 'kind': 'gapp' is not a target kind"
    [[ $(wc -l <"$work/err") == 1 ]] || fail "expected one line: $(cat "$work/err")"
    JAMLIK_LANG=sv expect_exit 1 "$jamlik" follow-up --plan "$work/bad.toml" \
      --results "$work/results.csv"
    expect_contains "$work/err" "bad.toml:5:8: nyckeln 'kind': 'gapp' är ingen målsort"
    expect_exit 2 "$jamlik" follow-up --plan "$examples/plan.toml" --results "$work/results.csv" \
      --period 2025-T4
    expect_contains "$work/err" "2025-T4"
    expect_exit 2 "$jamlik" follow-up --plan "$work/none.toml" --results "$work/results.csv"
    expect_exit 2 "$jamlik" follow-up --results "$work/results.csv"
    # Nothing is written when the follow-up fails.
    expect_exit 1 "$jamlik" follow-up --plan "$work/bad.toml" --results "$work/results.csv" \
      --out "$work/never.csv"
    [[ ! -e "$work/never.csv" ]] || fail "an output file was left behind"
    ;;
  *) fail "unknown case" ;;
esac
echo "ok [$case_name]"
