#!/usr/bin/env bash
# Command-line tests of disclosure control: each door (indicators, aggregate, inequity) blanks
# small cells and their complements by default, shows raw figures only with --unsuppressed and a
# warning, and records releases in the audit log.   privacy_cli_test.sh JAMLIK CASE DEMO_CSV
set -euo pipefail
jamlik=$1
case_name=$2
demo_csv=$3
spec_dir=${4:-}  # examples/, for the cases that run the example spec
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8 JAMLIK_LANG=en
unset JAMLIK_AUDIT_LOG JAMLIK_DISCLOSURE_RULES

fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }
expect_exit() {
  local want=$1
  shift
  local got=0
  "$@" >"$work/out" 2>"$work/err" || got=$?
  [[ $got == "$want" ]] || fail "exit $got, expected $want: $* (stderr: $(cat "$work/err"))"
}
expect_contains() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2': $(cat "$1")"; }
expect_lacks() { ! grep -qF -- "$2" "$1" || fail "$1 has '$2': $(cat "$1")"; }

# Two municipalities by sex: women in 1814 have 3 deaths among 20 persons.
persons() {
  echo "kommun,kon,dod"
  for spec in 1814,K,20,3 1814,M,20,8 1860,K,30,10 1860,M,30,12; do
    IFS=, read -r kommun kon n dead <<<"$spec"
    for ((i = 0; i < n; i++)); do echo "$kommun,$kon,$((i < dead ? 1 : 0))"; done
  done
}
spec() {
  cat <<'TOML'
[[indicator]]
id = "dod"
namn = "Döda"
name = "Deaths"
typ = "proportion"
taljare = "dod"
multiplikator = 100
gynnsamt = "låg"
omraden = ["kommun", "riket"]
dimensioner = ["kon"]
TOML
}
# Incomes: in 1814 one person's 10 000 000.5 among twenty of 100.5, in 1860 thirty of 200.5.
incomes() {
  echo "kommun,inkomst"
  for ((i = 0; i < 20; i++)); do echo "1814,100.5"; done
  echo "1814,10000000.5"
  for ((i = 0; i < 30; i++)); do echo "1860,200.5"; done
}
# 300 persons' use of a service by group (A 148, B 148, C 4; A, the first, is the reference)
# and income.
care() {
  awk 'BEGIN { print "grupp,inkomst,use"
    for (i = 0; i < 300; i++) {
      g = i >= 296 ? "C" : (i % 2 == 0 ? "A" : "B"); income = 100 + (i * 37) % 250
      printf "%s,%d,%.4f\n", g, income, 5 + (g == "B") + 3 * (g == "C") - 0.01 * income + ((i * 7919) % 13) / 13
    } }'
}
# field COLUMN SELECTOR: the column's value in the rows matching the awk selector.
field() { awk -F, -v column="$1" 'NR == 1 { for (i = 1; i <= NF; i++) at[$i] = i; next } '"$2"' { print $at[column] }' "$work/out"; }

case $case_name in
  indicators_suppress)
    persons >"$work/persons.csv"
    spec >"$work/spec.toml"
    expect_exit 0 "$jamlik" indicators --spec "$work/spec.toml" --data "$work/persons.csv" --format csv
    for sex in K M; do
      for area in 1814 1860; do
        row="\$at[\"area\"] == \"$area\" && \$at[\"dimension\"] == \"kon\" && \$at[\"subgroup\"] == \"$sex\""
        [[ $(field numerator "$row") == "" && $(field estimate "$row") == "" ]] ||
          fail "$area $sex is shown: $(cat "$work/out")"
      done
    done
    [[ $(field numerator '$at["area"] == "18" && $at["area_level"] == "lan" && $at["subgroup"] == "T"') == 33 ]] || fail "total: $(cat "$work/out")"
    expect_lacks "$work/err" "warning"
    expect_exit 0 "$jamlik" indicators --spec "$work/spec.toml" --data "$work/persons.csv" \
      --format csv --unsuppressed
    [[ $(field numerator '$at["area"] == "1814" && $at["subgroup"] == "K"') == 3 ]] || fail "$(cat "$work/out")"
    expect_contains "$work/err" "warning: results shown without disclosure control"
    LANG=sv_SE.UTF-8 LC_ALL= JAMLIK_LANG= expect_exit 0 "$jamlik" indicators --spec "$work/spec.toml" \
      --data "$work/persons.csv" --format csv --unsuppressed
    expect_contains "$work/err" "varning: resultaten visas utan röjandeskydd"
    ;;
  aggregate_suppress)
    persons >"$work/persons.csv"
    expect_exit 0 "$jamlik" aggregate "$work/persons.csv" --by kommun,kon --sum dod --margins --format csv
    [[ $(head -1 "$work/out") == kommun,kon,n,dod,suppressed,suppression_reason ]] || fail "$(head -1 "$work/out")"
    expect_contains "$work/out" "1814,K,20,,1,numerator_below_minimum"
    for row in 1814,M 1860,K 1860,M; do
      grep -q "^$row,20,,1,complementary\|^$row,30,,1,complementary" "$work/out" ||
        fail "$row is not blank: $(cat "$work/out")"
    done
    expect_contains "$work/out" "T,T,100,33,0,"
    expect_exit 0 "$jamlik" aggregate "$work/persons.csv" --by kommun,kon --sum dod --format csv --unsuppressed
    expect_contains "$work/out" "1814,K,20,3"
    expect_contains "$work/err" "warning"
    ;;
  aggregate_dominance)
    incomes >"$work/incomes.csv"
    expect_exit 0 "$jamlik" aggregate "$work/incomes.csv" --by kommun --sum inkomst --margins --format csv
    [[ $(head -1 "$work/out") == kommun,n,inkomst,suppressed,suppression_reason ]] || fail "$(head -1 "$work/out")"
    # 21 persons are enough for the group-size rule, but the sum is one person's income.
    expect_contains "$work/out" "1814,21,,1,dominance"
    expect_contains "$work/out" "1860,30,6015,0,"
    expect_contains "$work/out" "T,51,,1,dominance"
    expect_exit 0 "$jamlik" aggregate "$work/incomes.csv" --by kommun --sum inkomst --stats sum,mean,sd --format csv
    expect_contains "$work/out" "1814,21,,,,1,dominance"
    expect_contains "$work/out" "1860,30,6015,200.5,0,0,"
    expect_lacks "$work/out" "10000000"
    # The p % rule can be switched to (n, k) or off by the deployment or the dataset.
    printf 'dominance = "nk"\n' >"$work/nk.toml"
    expect_exit 0 "$jamlik" aggregate "$work/incomes.csv" --by kommun --sum inkomst --format csv \
      --disclosure-rules "$work/nk.toml"
    expect_contains "$work/out" "1814,21,,1,dominance"
    printf 'dominance = "none"\n' >"$work/none.toml"
    JAMLIK_DISCLOSURE_RULES="$work/none.toml" expect_exit 0 "$jamlik" aggregate "$work/incomes.csv" \
      --by kommun --sum inkomst --format csv
    expect_contains "$work/out" "1814,21,10002010.5,0,"
    expect_exit 0 "$jamlik" aggregate "$work/incomes.csv" --by kommun --sum inkomst --format csv --unsuppressed
    expect_contains "$work/out" "1814,21,10002010.5"
    ;;
  indicators_dominance)
    incomes >"$work/incomes.csv"
    cat >"$work/spec.toml" <<'TOML'
[[indicator]]
id = "inkomst"
namn = "Medelinkomst"
name = "Mean income"
typ = "mean"
varde = "inkomst"
gynnsamt = "hög"
omraden = ["kommun", "riket"]
TOML
    expect_exit 0 "$jamlik" indicators --spec "$work/spec.toml" --data "$work/incomes.csv" --format csv
    [[ $(field suppression_reason '$at["area"] == "1814"') == dominance && $(field estimate '$at["area"] == "1814"') == "" ]] ||
      fail "1814 is shown: $(cat "$work/out")"
    [[ $(field suppression_reason '$at["area"] == "18"') == dominance ]] || fail "the county is shown: $(cat "$work/out")"
    [[ $(field estimate '$at["area"] == "1860"') == 200.5 ]] || fail "1860 is blank: $(cat "$work/out")"
    expect_exit 0 "$jamlik" indicators --spec "$work/spec.toml" --data "$work/incomes.csv" --format json
    expect_contains "$work/out" '"suppression_reason": "dominance"'
    expect_lacks "$work/out" "10000000"
    ;;
  audit_log)
    persons >"$work/persons.csv"
    spec >"$work/spec.toml"
    USER=anna expect_exit 0 "$jamlik" indicators --spec "$work/spec.toml" --data "$work/persons.csv" \
      --format csv --audit-log "$work/audit.jsonl"
    USER=bo JAMLIK_AUDIT_LOG="$work/audit.jsonl" expect_exit 0 "$jamlik" aggregate "$work/persons.csv" \
      --by kon --unsuppressed
    [[ $(wc -l <"$work/audit.jsonl") == 2 ]] || fail "$(cat "$work/audit.jsonl")"
    expect_contains "$work/audit.jsonl" '"user":"anna","action":"publish","table":"indicators '
    expect_contains "$work/audit.jsonl" "\"path\":\"$work/persons.csv\""
    expect_contains "$work/audit.jsonl" '"user":"bo","action":"publish_unsuppressed","table":"aggregate by kon"'
    expect_exit 1 "$jamlik" aggregate "$work/persons.csv" --by kon --audit-log /dev/null
    ;;
  demo_deso_no_small_cells)
    cat >"$work/spec.toml" <<'TOML'
[[indicator]]
id = "hemtjanst"
namn = "Hemtjänst 65+"
name = "Home care 65+"
typ = "proportion"
taljare = "hemtjanst"
urval = "alder >= 65"
multiplikator = 100
gynnsamt = "låg"
period = "ar"
omraden = ["deso", "kommun", "lan", "riket"]
dimensioner = ["kon", "fodelseregion", ["kon", "fodelseregion"]]
TOML
    expect_exit 0 "$jamlik" indicators --spec "$work/spec.toml" --data "$demo_csv" --format csv
    # No published row has a numerator of 1–4 or a denominator under 10; some rows are blank.
    shown=$(field numerator '$at["numerator"] != ""' | wc -l)
    small=$(field numerator '$at["numerator"] != "" && (($at["numerator"] > 0 && $at["numerator"] < 5) || $at["denominator"] < 10)' | wc -l)
    blank=$(field indicator '$at["numerator"] == ""' | wc -l)
    [[ $small == 0 && $shown -gt 100 && $blank -gt 100 ]] ||
      fail "shown $shown, small $small, blank $blank"
    ;;
  national_example_spec)
    # The ten example indicators on a small national file: 290 municipalities, thousands of small
    # cells linked through county and nation totals. Complementary suppression must finish (it
    # once ran for more than 10 minutes here) and publish no small count.
    expect_exit 0 "$jamlik" synth --persons 60000 --seed 3 --out "$work/sweden.csv"
    expect_exit 0 "$jamlik" indicators --spec "$spec_dir/indicators.toml" --data "$work/sweden.csv" \
      --format csv
    # Quoted names hold commas: drop quoted fields before splitting on commas.
    sed -E 's/"[^"]*"//g' "$work/out" >"$work/plain.csv"
    counted() { awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) at[$i] = i; next }
      $at["indicator_type"] ~ /^(proportion|rate|count|dsr)$/ '"$1"' { n++ } END { print n + 0 }' \
      "$work/plain.csv"; }
    shown=$(counted '&& $at["numerator"] != ""')
    small=$(counted '&& $at["numerator"] != "" && (($at["numerator"] > 0 && $at["numerator"] < 5) ||
      ($at["denominator"] != "" && $at["denominator"] < 10))')
    blank=$(counted '&& $at["suppressed"] == 1')
    [[ $small == 0 && $shown -gt 1000 && $blank -gt 1000 ]] ||
      fail "shown $shown, small $small, blank $blank"
    ;;
  inequity_suppress)
    # The 4 persons of group C are too few for their coefficient; B goes with it (the need
    # contributions add up to C of need-expected use); HI, over all 300, stays.
    care >"$work/care.csv"
    USER=anna expect_exit 0 "$jamlik" inequity --data "$work/care.csv" --use use --need grupp \
      --nonneed inkomst --rank inkomst --format csv --audit-log "$work/audit.jsonl"
    [[ $(head -1 "$work/out") == item,kind,estimate,se,lower,upper,coefficient,mean,elasticity,concentration,persons,suppressed,suppression_reason ]] ||
      fail "$(head -1 "$work/out")"
    expect_contains "$work/out" "grupp=C,need,,,,,,,,,,1,denominator_below_minimum"
    expect_contains "$work/out" "grupp=B,need,,,,,,,,,,1,complementary"
    [[ $(field estimate '$at["item"] == "hi"') != "" && $(field persons '$at["item"] == "hi"') == 300 ]] ||
      fail "hi: $(cat "$work/out")"
    [[ $(field suppressed '$at["item"] == "inkomst"') == 0 ]] || fail "inkomst: $(cat "$work/out")"
    expect_lacks "$work/err" "warning"
    expect_contains "$work/audit.jsonl" '"user":"anna","action":"publish","table":"inequity use by inkomst"'
    expect_contains "$work/audit.jsonl" '"suppressed_rows":2'
    # A deployment whose rules allow groups of 4 shows C; a dataset's rules that ask for 150
    # withhold B too, and A (the reference) with it.
    printf 'min_denominator = 4\n' >"$work/four.toml"
    JAMLIK_DISCLOSURE_RULES="$work/four.toml" expect_exit 0 "$jamlik" inequity \
      --data "$work/care.csv" --use use --need grupp --nonneed inkomst --rank inkomst --format csv
    [[ $(field estimate '$at["item"] == "grupp=C"') != "" ]] || fail "4 allowed: $(cat "$work/out")"
    printf 'min_denominator = 150\n' >"$work/many.toml"
    expect_exit 0 "$jamlik" inequity --data "$work/care.csv" --use use --need grupp \
      --nonneed inkomst --rank inkomst --format csv --disclosure-rules "$work/many.toml"
    expect_contains "$work/out" "grupp=B,need,,,,,,,,,,1,denominator_below_minimum"
    expect_contains "$work/out" "(intercept),coefficient,,,,,,,,,,1,denominator_below_minimum"
    [[ $(field estimate '$at["item"] == "hi"') != "" ]] || fail "hi: $(cat "$work/out")"
    USER=bo expect_exit 0 "$jamlik" inequity --data "$work/care.csv" --use use --need grupp \
      --nonneed inkomst --rank inkomst --format csv --unsuppressed --audit-log "$work/audit.jsonl"
    [[ $(field estimate '$at["item"] == "grupp=C"') != "" ]] || fail "unsuppressed: $(cat "$work/out")"
    expect_lacks "$work/out" "suppression_reason"
    expect_contains "$work/err" "warning: results shown without disclosure control"
    expect_contains "$work/audit.jsonl" '"user":"bo","action":"publish_unsuppressed","table":"inequity use by inkomst"'
    [[ $(wc -l <"$work/audit.jsonl") == 2 ]] || fail "$(cat "$work/audit.jsonl")"
    ;;
  *) fail "unknown case" ;;
esac
echo "ok [$case_name]"
