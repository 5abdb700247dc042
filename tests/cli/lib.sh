# What the command-line test scripts share: a scratch folder removed on exit, English messages
# unless a case asks otherwise, and the checks. Sourced after the script has set $case_name.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8 JAMLIK_LANG=en

fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }
# expect_exit CODE COMMAND...: run it, keep stdout/stderr in $work, check the exit code.
expect_exit() {
  local want=$1
  shift
  local got=0
  "$@" >"$work/out" 2>"$work/err" || got=$?
  [[ $got == "$want" ]] || fail "exit $got, expected $want: $* (stderr: $(cat "$work/err"))"
}
expect_contains() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2': $(cat "$1")"; }
# value CSV COLUMN KEY=VALUE…: the column of the first row whose named columns have these values
# (read as CSV: titles hold commas).
value() {
  python3 - "$@" <<'PY'
import csv, sys
path, column, *conditions = sys.argv[1:]
wanted = dict(c.split("=", 1) for c in conditions)
for row in csv.DictReader(open(path, encoding="utf-8")):
    if all(row[k] == v for k, v in wanted.items()):
        print(row[column])
        break
else:
    print("<no row>")
PY
}
# rows CSV: its data rows (lines after the header).
rows() { echo $(($(wc -l <"$1") - 1)); }
