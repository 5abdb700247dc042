#!/usr/bin/env bash
# Command-line tests of `jamlik distribution`: the real binary on the Eurostat reference vectors
# (values computed in R by tests/conformance/inequality/make_eurostat_cases.R) and on the demo data.
#   distribution_cli_test.sh JAMLIK CONFORMANCE_DIR CASE DEMO_CSV
set -euo pipefail
jamlik=$1
conformance=$2
case_name=$3
demo_csv=$4
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# field CSV ROW_PATTERN COLUMN: the named column of the first row matching the pattern.
field() {
  awk -F, -v pattern="$2" -v name="$3" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    !found && $0 ~ pattern { print $col[name]; found = 1 }' "$1"
}
# near ACTUAL EXPECTED TOLERANCE
near() {
  awk -v a="$1" -v e="$2" -v t="$3" 'BEGIN { d = a - e; if (d < 0) d = -d; exit !(a != "" && d <= t) }' ||
    fail "$1 is not $2 (± $3)"
}

case $case_name in
  distribution_eurostat_reference)
    # The reference vectors as persons, grouped by case, plus a group of four persons.
    { cat "$conformance/eurostat_vectors.csv"; printf 'few,10,1\nfew,20,1\nfew,30,1\nfew,40,1\n'; } \
      >"$work/persons.csv"
    expect_exit 0 "$jamlik" distribution --data "$work/persons.csv" --value value \
      --weight weight --by case --measures s80_s20,p90_p10,palma --draws 200 --out "$work/d.csv"
    header=$(head -1 "$work/d.csv")
    [[ $header == case,measure,estimate,se,lower,upper,n,reason,suppressed,suppression_reason ]] ||
      fail "header: $header"
    # Eurostat's whole persons (R): ties at the cut P20 = 2 put three persons in the bottom fifth.
    near "$(field "$work/d.csv" '^tied,s80_s20,' estimate)" 12.2 1e-9
    near "$(field "$work/d.csv" '^tied,p90_p10,' estimate)" 20.333333333333332 1e-9
    near "$(field "$work/d.csv" '^weighted,s80_s20,' estimate)" 4.166666666666667 1e-9
    near "$(field "$work/d.csv" '^weighted,p90_p10,' estimate)" 3.75 1e-9
    near "$(field "$work/d.csv" '^weighted,palma,' estimate)" 1.256281407035176 1e-9
    [[ $(field "$work/d.csv" '^tied,s80_s20,' n) == 10 ]] || fail "n of tied"
    # The interval holds the estimate.
    lower=$(field "$work/d.csv" '^weighted,s80_s20,' lower)
    upper=$(field "$work/d.csv" '^weighted,s80_s20,' upper)
    awk -v l="$lower" -v u="$upper" 'BEGIN { exit !(l < 4.1667 && u > 4.1666) }' ||
      fail "interval $lower–$upper"
    # Four persons are fewer than the minimum of 10: no value, no measure reason, the suppression's.
    grep -qx 'few,palma,,,,,,,1,denominator_below_minimum' "$work/d.csv" ||
      fail "few not withheld: $(grep '^few' "$work/d.csv")"
    # The splitting definition, by name: the Lorenz curve splits the persons at the cut.
    expect_exit 0 "$jamlik" distribution --data "$work/persons.csv" --value value \
      --weight weight --by case --measures s80_s20 --percentile-method split --draws 20 \
      --format csv
    near "$(field "$work/out" '^tied,s80_s20,' estimate)" 20.333333333333332 1e-9
    expect_exit 2 "$jamlik" distribution --data "$work/persons.csv" --value value \
      --percentile-method linear
    ;;
  distribution_demo_income)
    expect_exit 0 "$jamlik" distribution --data "$demo_csv" --value inkomst --by kommun,kon \
      --filter "alder >= 20" --measures gini,p90_p10,atkinson:0.5 --draws 100 --seed 3 \
      --out "$work/a.csv"
    gini=$(field "$work/a.csv" '^total,total,gini,' estimate)
    awk -v g="$gini" 'BEGIN { exit !(g > 0.2 && g < 0.4) }' || fail "gini $gini"
    grep -q '^1880,K,p90_p10,' "$work/a.csv" || fail "no row for Örebro × women"
    grep -q '^total,M,atkinson:0.5,' "$work/a.csv" || fail "no row for men"
    ! grep -qi 'nan' "$work/a.csv" || fail "NaN in the output"
    # The same seed gives the same intervals; JSON and Excel are written too.
    expect_exit 0 "$jamlik" distribution --data "$demo_csv" --value inkomst --by kommun,kon \
      --filter "alder >= 20" --measures gini,p90_p10,atkinson:0.5 --draws 100 --seed 3 \
      --out "$work/b.csv"
    cmp -s "$work/a.csv" "$work/b.csv" || fail "same seed, different intervals"
    expect_exit 0 "$jamlik" distribution --data "$demo_csv" --value inkomst --draws 20 \
      --out "$work/d.json"
    expect_contains "$work/d.json" '"measure"'
    expect_exit 0 "$jamlik" distribution --data "$demo_csv" --value inkomst --draws 20 \
      --out "$work/d.xlsx"
    [[ -s $work/d.xlsx ]] || fail "no Excel file"
    expect_exit 1 "$jamlik" distribution --data "$demo_csv" --value inkomst --measures rci
    expect_contains "$work/err" "Unknown distribution measure 'rci'"
    expect_exit 1 "$jamlik" distribution --data "$demo_csv" --value kon
    expect_contains "$work/err" "not numeric"
    JAMLIK_LANG=sv expect_exit 1 "$jamlik" distribution --data "$demo_csv" --value inkomst \
      --measures gini:2
    expect_contains "$work/err" "Bara ge och atkinson tar en parameter"
    expect_exit 2 "$jamlik" distribution --data "$demo_csv"
    ;;
  *) fail "unknown case" ;;
esac
echo "ok [$case_name]"
