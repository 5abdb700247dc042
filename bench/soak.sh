#!/usr/bin/env bash
# Soak of `jamlik serve` (issue 18): a paced open-loop mixed load (80 % reads, 20 % cheap
# writes) on loopback for minutes; see bench/soak.mjs for what is measured and reported.
#   bench/soak.sh [--rate 800] [--connections 12] [--duration 180] [--find-ceiling] [...]
#       SQLite in a fresh data folder under bench/out/.
#   bench/soak.sh --database-url postgresql://…/DB [...]
#       PostgreSQL: an existing, empty database.
#   scripts/with-postgres bench/soak.sh --postgres [...]
#       PostgreSQL in with-postgres' throw-away cluster: creates a fresh database soak_<random>
#       in $JAMLIK_TEST_DATABASE_URL's cluster, points the server at it and drops it afterwards.
# Env: JAMLIK (the binary, default build/src/cli/jamlik), DEMO_CSV (default
# build/demo/demo_orebro_lan.csv). Output: bench/out/soak_<label>_server.log (the server's
# stderr) and bench/out/soak_<label>_summary.json; the last line on stdout is a JSON summary.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v node >/dev/null || { echo "soak: node (20 or later) is missing" >&2; exit 1; }

args=()
postgres=0
for arg in "$@"; do
  if [[ $arg == --postgres ]]; then postgres=1; else args+=("$arg"); fi
done

database=
cleanup() {
  if [[ -n $database ]]; then
    psql -q "$JAMLIK_TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

if ((postgres)); then
  [[ -n ${JAMLIK_TEST_DATABASE_URL:-} ]] ||
    { echo "soak: --postgres needs JAMLIK_TEST_DATABASE_URL (run under scripts/with-postgres)" >&2; exit 2; }
  command -v psql >/dev/null || { echo "soak: psql is missing" >&2; exit 1; }
  database="soak_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
  psql -q -v ON_ERROR_STOP=1 "$JAMLIK_TEST_DATABASE_URL" -c "CREATE DATABASE $database" >/dev/null
  url="${JAMLIK_TEST_DATABASE_URL%/*}/$database"
  args+=(--database-url "$url")
fi

cd "$root"
node bench/soak.mjs "${args[@]}"
