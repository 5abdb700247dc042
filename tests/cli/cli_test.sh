#!/usr/bin/env bash
# Command-line tests: run the real `jamlik` binary the way a user would and check what it prints
# and how it exits.   cli_test.sh JAMLIK DATA_DIR CASE DEMO_CSV
set -euo pipefail
jamlik=$1
data=$2
case_name=$3
demo_csv=$4
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

case $case_name in
  help)
    expect_exit 0 "$jamlik" --help
    for sub in synth inspect aggregate; do expect_contains "$work/out" "$sub"; done
    expect_exit 0 "$jamlik" aggregate --help
    expect_contains "$work/out" "--by"
    expect_contains "$work/out" "--format"
    ;;
  usage_errors_exit_2)
    expect_exit 2 "$jamlik"
    expect_exit 2 "$jamlik" frobnicate
    expect_exit 2 "$jamlik" aggregate
    expect_exit 2 "$jamlik" aggregate "$data/small.csv" --format xml
    expect_exit 2 "$jamlik" aggregate "$data/small.csv" --by kon --stats median
    ;;
  bad_input_exits_1_with_one_line)
    printf 'kommun,alder\n0180,34\n0180,tolv\n' >"$work/persons.csv"
    expect_exit 1 "$jamlik" inspect "$work/persons.csv" --type alder=int
    [[ $(wc -l <"$work/err") == 1 ]] || fail "expected one line, got: $(cat "$work/err")"
    expect_contains "$work/err" "persons.csv:3:6:"
    expect_contains "$work/err" "'tolv'"
    expect_exit 1 "$jamlik" aggregate "$data/small.csv" --by lan
    expect_contains "$work/err" "lan"
    ;;
  swedish_messages)
    printf 'kommun,alder\n0180,34\n0180,tolv\n' >"$work/persons.csv"
    LANG=sv_SE.UTF-8 LC_ALL= JAMLIK_LANG= expect_exit 1 "$jamlik" inspect "$work/persons.csv" --type alder=int
    expect_contains "$work/err" "rad 3, kolumn 'alder': 'tolv' är inte ett heltal"
    # Swedish numbers and plurals: a decimal comma, "1 kategori".
    printf 'kommun;timmar\n0180;0.9\n0180;39.4\n' >"$work/hours.csv"
    LANG=sv_SE.UTF-8 LC_ALL= JAMLIK_LANG= expect_exit 0 "$jamlik" inspect "$work/hours.csv"
    expect_contains "$work/out" "0,9 – 39,4"
    expect_contains "$work/out" "1 kategori:"
    expect_exit 0 "$jamlik" inspect "$work/hours.csv"
    expect_contains "$work/out" "0.9 – 39.4"
    expect_contains "$work/out" "1 category:"
    # The terminal table of the other commands too (CSV and JSON keep the point: aggregate_json).
    LANG=sv_SE.UTF-8 LC_ALL= JAMLIK_LANG= expect_exit 0 "$jamlik" aggregate "$data/small.csv" \
      --by kommun --sum inkomst --unsuppressed
    expect_contains "$work/out" "502,5"
    # check-store's summary: counts with their plurals.
    LANG=sv_SE.UTF-8 LC_ALL= JAMLIK_LANG= expect_exit 0 "$jamlik" check-store --data-dir "$work/store"
    expect_contains "$work/out" ": 0 datamängder, 0 filer, 0 analyser, 0 bilagor, 0 problem"
    expect_exit 0 "$jamlik" check-store --data-dir "$work/store"
    expect_contains "$work/out" ": 0 datasets, 0 files, 0 analyses, 0 attachments, 0 problems"
    ;;
  aggregate_json)
    expect_exit 0 "$jamlik" aggregate "$data/small.csv" --by kommun --sum dod,inkomst --format json \
      --unsuppressed
    expected='[
  {
    "kommun": "0180",
    "n": 3,
    "dod": 2,
    "inkomst": 502.5
  },
  {
    "kommun": "1880",
    "n": 2,
    "dod": 0,
    "inkomst": 250.5
  }
]'
    [[ $(cat "$work/out") == "$expected" ]] || fail "json was: $(cat "$work/out")"
    ;;
  aggregate_margins_csv)
    expect_exit 0 "$jamlik" aggregate "$data/small.csv" --by utbildning,kon --sum dod --margins \
      --format csv --unsuppressed
    # Education keeps its declared order (short → long), totals come last.
    [[ $(sed -n 2p "$work/out") == "förgymnasial,K,1,0" ]] || fail "$(cat "$work/out")"
    expect_contains "$work/out" "T,T,5,2"
    expect_contains "$work/out" "förgymnasial,T,2,1"
    expect_contains "$work/out" "T,K,3,1"
    ;;
  failed_output_leaves_no_file)
    expect_exit 1 "$jamlik" aggregate "$data/small.csv" --by nosuchcolumn --out "$work/result.csv"
    [[ ! -e "$work/result.csv" ]] || fail "a result file was left behind"
    expect_exit 0 "$jamlik" aggregate "$data/small.csv" --by kon --out "$work/result.csv" --format csv \
      --unsuppressed
    [[ $(head -1 "$work/result.csv") == "kon,n" ]] || fail "$(cat "$work/result.csv")"
    # Without --format, the file's extension says what to write, as for every command.
    expect_exit 0 "$jamlik" aggregate "$data/small.csv" --by kon --out "$work/implied.csv" \
      --unsuppressed
    [[ $(head -1 "$work/implied.csv") == "kon,n" ]] || fail "$(cat "$work/implied.csv")"
    expect_exit 0 "$jamlik" aggregate "$data/small.csv" --by kon --out "$work/implied.json" \
      --unsuppressed
    expect_contains "$work/implied.json" '"kon"'
    ;;
  synth_is_deterministic)
    expect_exit 0 "$jamlik" synth --persons 2000 --seed 7 --out "$work/a.csv"
    expect_exit 0 "$jamlik" synth --persons 2000 --seed 7 --out "$work/b.csv"
    expect_exit 0 "$jamlik" synth --persons 2000 --seed 8 --out "$work/c.csv"
    cmp -s "$work/a.csv" "$work/b.csv" || fail "same seed, different files"
    ! cmp -s "$work/a.csv" "$work/c.csv" || fail "different seeds, same file"
    [[ $(wc -l <"$work/a.csv") == 2001 ]] || fail "expected 2000 persons and a header"
    ;;
  swedish_style_round_trip)
    expect_exit 0 "$jamlik" synth --persons 3000 --seed 3 --county 18 --out "$work/intl.csv"
    expect_exit 0 "$jamlik" synth --persons 3000 --seed 3 --county 18 --delimiter ';' \
      --decimal-comma --out "$work/sv.csv"
    iconv -f UTF-8 -t WINDOWS-1252 "$work/sv.csv" >"$work/sv1252.csv"
    args=(--by kommun,utbildning --sum inkomst,vardtimmar --format csv)
    expect_exit 0 "$jamlik" aggregate "$work/intl.csv" "${args[@]}"
    mv "$work/out" "$work/intl.out"
    expect_exit 0 "$jamlik" aggregate "$work/sv1252.csv" "${args[@]}"
    cmp -s "$work/out" "$work/intl.out" || fail "Windows-1252 ; decimal comma differs from UTF-8 ,"
    expect_contains "$work/out" "förgymnasial"
    ;;
  demo_data_inspects)
    expect_exit 0 "$jamlik" inspect "$demo_csv"
    expect_contains "$work/out" "Rows: 300000"
    expect_contains "$work/out" "12 categories: 1814, 1860"
    ;;
  inspect_last_field_empty)
    # Issue 18: a truncated export, whose last row ends in a delimiter with no final newline,
    # once made `jamlik inspect` die with a segmentation fault. The empty field is a missing value.
    expect_exit 0 "$jamlik" inspect "$data/last_field_empty_no_newline.csv"
    expect_contains "$work/out" "Rows: 1   Columns: 3"
    expect_contains "$work/out" "column 'kon': empty values (missing): 1"
    expect_exit 0 "$jamlik" aggregate "$data/last_field_empty_no_newline.csv" --by kommun,kon \
      --unsuppressed
    ;;
  indicators_example_spec)
    spec="$data/../../../examples/indicators.toml"
    expect_exit 0 "$jamlik" indicators --spec "$spec" --data "$demo_csv" --out "$work/results.csv"
    header=$(head -1 "$work/results.csv")
    [[ $header == indicator,indicator_name,indicator_type,area_level,area,area_name,period,dimension,subgroup,* ]] ||
      fail "header: $header"
    # Every example indicator is there, for the whole the data covers — Örebro county, named, and no
    # "riket" — with the education gradient it should show.
    ! grep -q ",riket," "$work/results.csv" || fail "a one-county dataset has rows for the nation"
    grep -q "^dodsfall,.*,kommun,1814,Lekeberg,2025,total,T," "$work/results.csv" || fail "no name for 1814"
    for id in dodlighet_dsr medellivslangd dodlighet_smr dodsfall dodstal_65 hemtjanst_65 \
      gymnasiebehorighet vardtimmar inkomst_20_64 funktionsnedsattning; do
      grep -q "^$id,.*,lan,18,Örebro län,2025,total,T," "$work/results.csv" || fail "no county total for $id"
    done
    # The estimate follows subgroup, its order, three flags and the scale.
    estimate_of() {
      sed -n "s/^gymnasiebehorighet,.*,lan,18,[^,]*,2025,utbildning,$1\(,[^,]*\)\{5\},\([^,]*\),.*/\2/p" "$work/results.csv"
    }
    low=$(estimate_of förgymnasial)
    high=$(estimate_of eftergymnasial)
    awk -v low="$low" -v high="$high" 'BEGIN { exit !(low + 0 > 30 && high > low + 15) }' ||
      fail "eligibility by parents' education: $low vs $high"
    expect_exit 0 "$jamlik" indicators --spec "$spec" --data "$demo_csv" --out "$work/results.xlsx"
    [[ $(head -c 2 "$work/results.xlsx") == PK ]] || fail "not an xlsx file"
    expect_exit 0 "$jamlik" indicators --list
    expect_contains "$work/out" "life_expectancy"
    ;;
  terminal_table_labels)
    # The terminal table reads in the user's language: labels for dimensions, groups and areas,
    # a decimal comma in Swedish; the CSV for programs keeps the codes.
    {
      echo "kommun,kon,utbildning,hemtjanst"
      for i in $(seq 0 599); do
        sex=$([[ $((i % 2)) == 1 ]] && echo K || echo M)
        case $((i % 3)) in 0) edu=förgymnasial ;; 1) edu=gymnasial ;; *) edu=eftergymnasial ;; esac
        echo "1814,$sex,$edu,$([[ $((i % 4)) == 0 ]] && echo 1 || echo 0)"
      done
    } >"$work/persons.csv"
    printf '[[indicator]]\nid = "hemtjanst"\nnamn = "Hemtjänst"\ntyp = "proportion"\ngynnsamt = "låg"\ntaljare = "hemtjanst"\ndimensioner = ["kon", ["kon", "utbildning"]]\nomraden = ["kommun"]\n' >"$work/spec.toml"
    JAMLIK_LANG=sv expect_exit 0 "$jamlik" indicators --spec "$work/spec.toml" --data "$work/persons.csv"
    expect_contains "$work/out" "Grupp"
    expect_contains "$work/out" "Lekeberg (1814)"
    # Men (even i): every other one is a multiple of 4, 150 of 300 = 50 %; Wilson 44,4–55,6 (R:
    # prop.test(150, 300, correct = FALSE)).
    grep -qE "Kön +Män +50 +44,4 +55,6" "$work/out" || fail "no labelled row for men: $(cat "$work/out")"
    expect_contains "$work/out" "Kön × Utbildningsnivå  Kvinnor × Eftergymnasial"
    ! grep -qE " K | M |förgymnasial|wilson" "$work/out" || fail "codes in the table: $(cat "$work/out")"
    JAMLIK_LANG=en expect_exit 0 "$jamlik" indicators --spec "$work/spec.toml" --data "$work/persons.csv"
    grep -qE "Sex +Men +50 +44\.4 +55\.6" "$work/out" || fail "no English row for men: $(cat "$work/out")"
    expect_contains "$work/out" "Women × Post-secondary"
    JAMLIK_LANG=sv expect_exit 0 "$jamlik" indicators --spec "$work/spec.toml" --data "$work/persons.csv" --format csv
    expect_contains "$work/out" ",kommun,1814,Lekeberg,,kon,M,"
    JAMLIK_LANG=sv expect_exit 0 "$jamlik" aggregate "$work/persons.csv" --by kon --stats count
    grep -qE "^Kön +" "$work/out" && expect_contains "$work/out" "Kvinnor"
    ;;
  indicators_bad_spec)
    printf '[[indicator]]\nid = "x"\nnamn = "X"\ntyp = "proportion"\ntaljare = "dod"\ngynnsamt = "kanske"\n' >"$work/bad.toml"
    expect_exit 1 "$jamlik" indicators --spec "$work/bad.toml" --data "$data/small.csv"
    expect_contains "$work/err" "bad.toml:6:12: key 'gynnsamt'"
    expect_exit 2 "$jamlik" indicators --data "$data/small.csv"
    ;;
  *) fail "unknown case" ;;
esac
echo "ok [$case_name]"
