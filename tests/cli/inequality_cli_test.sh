#!/usr/bin/env bash
# Command-line tests of `jamlik inequality`, `jamlik measures` and `jamlik inequity`: the real
# binary on the demo data, checked for its output and exit codes.
#   inequality_cli_test.sh JAMLIK EXAMPLES_DIR CASE DEMO_CSV
set -euo pipefail
jamlik=$1
examples=$2
case_name=$3
demo_csv=$4
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# field CSV ROW_PATTERN COLUMN: the named column of the first row matching the pattern (quoted
# fields, such as labels with commas, are blanked first so that commas split the fields).
field() {
  sed -E 's/"[^"]*"//g' "$1" |
    awk -F, -v pattern="$2" -v name="$3" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      !found && $0 ~ pattern { print $col[name]; found = 1 }'
}

case $case_name in
  inequality_demo_results)
    expect_exit 0 "$jamlik" indicators --spec "$examples/indicators.toml" --data "$demo_csv" \
      --out "$work/results.csv"
    expect_exit 0 "$jamlik" inequality --results "$work/results.csv" --measures d,sii,rci \
      --out "$work/measures.csv"
    header=$(head -1 "$work/measures.csv")
    [[ $header == indicator,indicator_name,area_level,area,area_name,period,dimension,measure,measure_label,estimate,se,se_scale,lower,upper,confidence,reason,reading ]] ||
      fail "header: $header"
    # Mortality falls with income: the slope from the poorest to the richest is negative, and so
    # is the concentration index; eligibility rises with parents' education. Mortality is a rate,
    # so its SII is the linear one by default; eligibility is a proportion, its SII logistic.
    sii=$(field "$work/measures.csv" '^dodlighet_dsr,.*,lan,18,[^,]*,2025,inkomstkvintil,sii_linear,' estimate)
    rci=$(field "$work/measures.csv" '^dodlighet_dsr,.*,lan,18,[^,]*,2025,inkomstkvintil,rci,' estimate)
    behorig=$(field "$work/measures.csv" '^gymnasiebehorighet,.*,lan,18,[^,]*,2025,utbildning,sii,' estimate)
    awk -v s="$sii" -v r="$rci" -v b="$behorig" 'BEGIN { exit !(s < 0 && r < 0 && b > 0) }' ||
      fail "gradients: sii $sii, rci $rci, eligibility sii $behorig"
    # Binary dimensions have no SII: a null with a reason, never NaN.
    grep -q ',kon,sii,.*,,.*does not apply' "$work/measures.csv" || fail "no reason for sii by sex"
    ! grep -qi 'nan' "$work/measures.csv" || fail "NaN in the output"
    # The same seed gives the same simulated intervals.
    expect_exit 0 "$jamlik" inequality --results "$work/results.csv" --measures bgsd,mdmu \
      --draws 200 --seed 5 --format json --out "$work/a.json"
    expect_exit 0 "$jamlik" inequality --results "$work/results.csv" --measures bgsd,mdmu \
      --draws 200 --seed 5 --format json --out "$work/b.json"
    cmp -s "$work/a.json" "$work/b.json" || fail "same seed, different intervals"
    expect_exit 0 "$jamlik" inequality --results "$work/results.csv" --measures d --format table
    expect_contains "$work/out" "dodlighet_dsr"
    ;;
  inequality_reading)
    # Every measure row says what its sign means for the indicator's polarity, in the user's
    # language: mortality (low is favourable) falls with income, so D (Q1 − Q5) is positive while
    # SII and RCI are negative, and all three say the poorest are worse off.
    expect_exit 0 "$jamlik" indicators --spec "$examples/indicators.toml" --data "$demo_csv" \
      --out "$work/results.csv"
    JAMLIK_LANG=sv expect_exit 0 "$jamlik" inequality --results "$work/results.csv" \
      --measures d,sii,rci --out "$work/sv.csv"
    grep -q '^dodlighet_dsr,.*,lan,18,.*,2025,inkomstkvintil,d,.*"Kvintil 1 (lägst) har [0-9]*,[0-9] högre värde än Kvintil 5 (högst); lågt värde är gynnsamt, så Kvintil 1 (lägst) har det sämre\."$' "$work/sv.csv" ||
      fail "D's reading: $(grep '^dodlighet_dsr,.*,lan,18,.*,2025,inkomstkvintil,d,' "$work/sv.csv")"
    grep -q '^dodlighet_dsr,.*,lan,18,.*,2025,inkomstkvintil,sii_linear,.*"Negativt: lägre värden mot den gynnade änden än mot den missgynnade (Kvintil 1 (lägst) – Kvintil 5 (högst)); lågt värde är gynnsamt, så den missgynnade gruppen har det sämre\."$' "$work/sv.csv" ||
      fail "SII's reading: $(grep '^dodlighet_dsr,.*,lan,18,.*,2025,inkomstkvintil,sii' "$work/sv.csv")"
    grep -q '^gymnasiebehorighet,.*,lan,18,.*,2025,utbildning,rci,.*"Positivt: .*högt värde är gynnsamt, så den missgynnade gruppen har det sämre\."$' "$work/sv.csv" ||
      fail "eligibility's RCI reading"
    # --sii logistic asks for HEAT's form for every indicator; the table view shows the reading.
    expect_exit 0 "$jamlik" inequality --results "$work/results.csv" --measures sii --sii logistic \
      --out "$work/logistic.csv"
    grep -q '^dodlighet_dsr,.*,inkomstkvintil,sii,' "$work/logistic.csv" || fail "--sii logistic"
    ! grep -q 'sii_linear' "$work/logistic.csv" || fail "a linear SII under --sii logistic"
    expect_exit 0 "$jamlik" inequality --results "$work/results.csv" --measures d --format table
    expect_contains "$work/out" "reading"
    expect_contains "$work/out" "low values are favourable"
    expect_exit 2 "$jamlik" inequality --results "$work/results.csv" --sii probit
    ;;
  inequality_heat_template)
    printf '%s\n' \
      'setting,date,indicator_abbr,dimension,subgroup,subgroup_order,estimate,se,ci_lb,ci_ub,population,favourable_indicator,indicator_scale,ordered_dimension,reference_subgroup' \
      'Sweden,2020,anc4,Wealth,Q1,1,60,2,,,300,1,100,1,0' \
      'Sweden,2020,anc4,Wealth,Q2,2,70,2,,,300,1,100,1,0' \
      'Sweden,2020,anc4,Wealth,Q3,3,80,2,,,300,1,100,1,0' >"$work/heat.csv"
    expect_exit 0 "$jamlik" inequality --results "$work/heat.csv" --measures d,r --format csv
    expect_contains "$work/out" "anc4,,,Sweden,Sweden,2020,Wealth,d,Difference (D),20,"
    ;;
  inequality_errors)
    expect_exit 2 "$jamlik" inequality --measures d
    printf 'indicator,area\nx,0180\n' >"$work/bad.csv"
    expect_exit 1 "$jamlik" inequality --results "$work/bad.csv" --out "$work/never.csv"
    expect_contains "$work/err" "dimension"
    [[ ! -e "$work/never.csv" ]] || fail "an output file was left behind"
    expect_exit 0 "$jamlik" indicators --spec "$examples/indicators.toml" --data "$demo_csv" \
      --out "$work/results.csv"
    expect_exit 1 "$jamlik" inequality --results "$work/results.csv" --measures d,gini
    expect_contains "$work/err" "'gini'"
    [[ $(wc -l <"$work/err") == 1 ]] || fail "expected one line: $(cat "$work/err")"
    expect_exit 2 "$jamlik" inequality --results "$work/results.csv" --format xml
    # A flag or suppression reason no enumerator has: refused, naming the file, row, column and id.
    printf '%s\n' 'indicator,area,dimension,subgroup,estimate,favourable_indicator,indicator_scale,ordered_dimension,flag' \
      'x,0180,kon,K,1,1,100,0,' 'x,0180,kon,M,2,1,100,0,no_such_flag' >"$work/flag.csv"
    expect_exit 1 "$jamlik" inequality --results "$work/flag.csv" --measures d
    expect_contains "$work/err" "flag.csv"
    expect_contains "$work/err" "row 2, column 'flag': 'no_such_flag'"
    sed 's/no_such_flag/unreliable/' "$work/flag.csv" >"$work/known.csv"
    expect_exit 0 "$jamlik" inequality --results "$work/known.csv" --measures d
    ;;
  measures_lists_every_measure)
    expect_exit 0 "$jamlik" measures
    for id in d r aci rci sii rii sii_linear rii_linear paf par bgv bgsd cov mdmu mdmw mdbu mdbw \
      mdru mdrw idisu idisw ti mld gini atkinson palma; do
      grep -q "^$id  " "$work/out" || fail "measure $id is not listed"
    done
    expect_contains "$work/out" "applies to: ordered"
    JAMLIK_LANG=sv expect_exit 0 "$jamlik" measures
    expect_contains "$work/out" "gäller: ordnade"
    expect_exit 0 "$jamlik" measures --format json
    expect_contains "$work/out" '"id": "sii_linear"'
    ;;
  inequity_demo_home_care)
    # Home care among 65+: the synthetic model gives the poor more than their need predicts.
    expect_exit 0 "$jamlik" inequity --data "$demo_csv" --use hemtjanst \
      --need alder:5,kon,funktionsnedsattning --nonneed inkomstkvintil,utbildning \
      --rank inkomstkvintil --filter "alder >= 65" --format csv
    hi=$(field "$work/out" '^hi,' estimate)
    upper=$(field "$work/out" '^hi,' upper)
    awk -v hi="$hi" -v upper="$upper" 'BEGIN { exit !(hi < 0 && upper < 0) }' ||
      fail "HI $hi (upper $upper) should be negative"
    expect_contains "$work/out" "residual,residual,"
    expect_exit 1 "$jamlik" inequity --data "$demo_csv" --use hemtjanst --need nosuch \
      --rank inkomstkvintil
    expect_contains "$work/err" "nosuch"
    expect_exit 2 "$jamlik" inequity --data "$demo_csv" --use hemtjanst
    ;;
  *) fail "unknown case" ;;
esac
echo "ok [$case_name]"
