#!/usr/bin/env bash
# HTTP throughput and latency of `jamlik serve` on loopback (issue 6), measured with wrk.
#   bench/http_bench.sh [DURATION_S] [CONNECTIONS] [WRK_THREADS]     (defaults: 15 16 2)
# Env: JAMLIK (the binary, default build/src/cli/jamlik), DEMO_CSV (default: the build's
# demo/demo_orebro_lan.csv next to the binary's build), SERVER_THREADS (jamlik serve --threads;
# default: the server's own default), DATABASE_URL (a postgresql://… URL for --database-url, e.g.
# `scripts/with-postgres env DATABASE_URL=... `; by default JAMLIK_TEST_DATABASE_URL when set by
# scripts/with-postgres, else SQLite in the fresh data folder).
#
# Starts `jamlik serve --demo` on 127.0.0.1 at a free port with a fresh data folder under
# bench/out/, logs in as the demo user (POST /api/auth/login), creates one analysis of the demo
# dataset (POST /api/organisations/{org}/analyses with the X-CSRF-Token header), then runs wrk
# for DURATION_S seconds with CONNECTIONS connections against
#   (1) the saved analysis' results, GET /api/organisations/{org}/analyses/{id}/results (cookie)
#   (2) the same results revalidated with If-None-Match: their ETag (304 Not Modified, audited
#       like a view), when the server sends an ETag
#   (3) the log-in page, GET /
# and prints one summary line per endpoint: requests/s, p50, p99, errors (socket errors and
# non-2xx answers). wrk keeps CONNECTIONS requests in flight (closed loop), so requests/s is the
# maximum throughput at that concurrency, not a fixed offered rate (wrk2 is not in Debian).
# The server and wrk share the machine's cores. The server is stopped and its folder removed
# on exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
duration=${1:-15}
connections=${2:-16}
wrk_threads=${3:-2}
jamlik=${JAMLIK:-$root/build/src/cli/jamlik}
demo_csv=${DEMO_CSV:-$(cd "$(dirname "$jamlik")/../.." && pwd)/demo/demo_orebro_lan.csv}
out="$root/bench/out"
((duration >= 1 && duration <= 120)) || { echo "http_bench: duration 1..120 s" >&2; exit 2; }
((connections >= 1 && connections <= 256)) || { echo "http_bench: connections 1..256" >&2; exit 2; }
command -v wrk >/dev/null || { echo "http_bench: wrk missing (scripts/install-deps --bench)" >&2; exit 1; }
[[ -x "$jamlik" ]] || { echo "http_bench: no jamlik binary at $jamlik (set JAMLIK=...)" >&2; exit 1; }
[[ -f "$demo_csv" ]] || { echo "http_bench: no demo data at $demo_csv (build target demo_data)" >&2; exit 1; }

mkdir -p "$out"
data_dir=$(mktemp -d "$out/http_bench_data.XXXXXX")
server_pid=
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  # The server's request log (with each request's Server-Timing) stays for reading.
  [[ -f "$data_dir/stderr" ]] && cp "$data_dir/stderr" "$out/http_bench_server.log"
  rm -rf "$data_dir"
}
trap cleanup EXIT

# Port 0: the server picks a free port and prints it.
serve_args=(serve --demo --demo-data "$demo_csv" --data-dir "$data_dir" --listen "127.0.0.1:0")
[[ -n "${SERVER_THREADS:-}" ]] && serve_args+=(--threads "$SERVER_THREADS")
database_url=${DATABASE_URL:-${JAMLIK_TEST_DATABASE_URL:-}}
[[ -n "$database_url" ]] && serve_args+=(--database-url "$database_url")
"$jamlik" "${serve_args[@]}" >"$data_dir/stdout" 2>"$data_dir/stderr" &
server_pid=$!
base=
for _ in $(seq 300); do
  base=$(sed -n 's|^Jämlik: \(http://[^/]*\)/.*|\1|p' "$data_dir/stdout" | head -1)
  [[ -n "$base" ]] && curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$data_dir/stderr" >&2; exit 1; }
  sleep 0.1
done
curl -fsS "$base/healthz" >/dev/null
password=$(sed -n 's/.*\(password\|lösenord\): *\([^ ]*\).*/\2/p' "$data_dir/stdout" | head -1)
[[ -n "$password" ]] || { echo "http_bench: no demo password printed" >&2; cat "$data_dir/stdout" >&2; exit 1; }

# Log in: the session cookie from Set-Cookie, the CSRF token from the body.
log_in() {
  login=$(curl -fsS -D "$data_dir/login_headers" -H 'Content-Type: application/json' \
    --data "$(jq -n --arg p "$1" '{email: "demo@jamlik.example", password: $p}')" "$base/api/auth/login")
  csrf=$(jq -r .csrf_token <<<"$login")
  cookie=$(sed -n 's/^[Ss]et-[Cc]ookie: *\(jamlik_session=[^;]*\).*/\1/p' "$data_dir/login_headers" | tr -d '\r' | head -1)
  [[ -n "$cookie" && -n "$csrf" ]] || { echo "http_bench: log-in failed" >&2; exit 1; }
}
api() { curl -fsS -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' "$@"; }
log_in "$password"
# The printed password is an initial one: it opens nothing until changed (which ends the session).
if [[ $(jq .user.must_change_password <<<"$login") == true ]]; then
  new_password="http_bench $(head -c 12 /dev/urandom | base64)"
  api -o /dev/null --data "$(jq -n --arg c "$password" --arg n "$new_password" \
    '{current_password: $c, new_password: $n}')" "$base/api/auth/password"
  log_in "$new_password"
fi

org=$(api "$base/api/organisations" | jq '[.organisations[] | select(.code == "demo")][0].id')
dataset=$(api "$base/api/organisations/$org/datasets" | jq '.datasets[0].id')
request=$(jq -n --argjson d "$dataset" '{
  name: "Benchmark", dataset_id: $d, areas: ["kommun", "lan", "riket"],
  dimensions: ["kon", "utbildning", ["kon", "utbildning"]],
  indicators: [
    {id: "hemtjanst_65", name_sv: "Andel med hemtjänst, 65+", type: "proportion",
     numerator: "hemtjanst", filter: "alder >= 65", multiplier: 100, higher_is_favourable: false},
    {id: "gymnasiebehorighet", name_sv: "Behörighet till gymnasiet", type: "proportion",
     numerator: "gymnasiebehorig", filter: "alder == 16", multiplier: 100, higher_is_favourable: true}]}')
analysis=$(api -X POST --data "$request" "$base/api/organisations/$org/analyses")
analysis_id=$(jq .id <<<"$analysis")
results_path="/api/organisations/$org/analyses/$analysis_id/results"
results_bytes=$(api "$base$results_path" | wc -c)
result_rows=$(api "$base$results_path" | jq '.rows | length')
# GET / is the web application's page: served when the binary's build has web/dist.
login_status=$(curl -sS -o "$data_dir/login_page" -w '%{http_code}' "$base/")
login_bytes=$(wc -c <"$data_dir/login_page")
etag=$(api -D - -o /dev/null "$base$results_path" | sed -n 's/^[Ee][Tt]ag: *//p' | tr -d '\r' | head -1)
echo "http_bench: server pid $server_pid at $base ($([[ -n "$database_url" ]] && echo PostgreSQL || echo SQLite));" \
  "analysis $analysis_id: $result_rows result rows, $results_bytes bytes of JSON, ETag ${etag:-none};" \
  "GET / $login_status, $login_bytes bytes" >&2

# Run wrk; print "name req_s p50_ms p99_ms requests errors" from its --latency report.
to_ms() {
  awk '{ v = $1; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
         f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1;
         printf "%.3f", v * f }' <<<"$1"
}
run_wrk() {
  local name=$1 path=$2
  shift 2
  local report="$out/wrk_$name.txt"
  wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --timeout 5s --latency "$@" "$base$path" >"$report"
  local rps p50 p99 requests socket non2xx
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$report")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$report")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$report")")
  requests=$(awk '/requests in/ { print $1 }' "$report")
  socket=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$report")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$report")
  printf '%-10s %10.0f %9.2f %9.2f %10d %7d\n' "$name" "$rps" "$p50" "$p99" "$requests" \
    $((${socket:-0} + ${non2xx:-0}))
}

echo
echo "HTTP on loopback: wrk -t$wrk_threads -c$connections -d${duration}s, $(nproc) cores shared by server and wrk, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %10s %9s %9s %10s %7s\n' endpoint req_s p50_ms p99_ms requests errors
run_wrk results "$results_path" -H "Cookie: $cookie"
[[ -n "$etag" ]] && run_wrk results_304 "$results_path" -H "Cookie: $cookie" -H "If-None-Match: $etag"
if [[ $login_status == 200 ]]; then
  run_wrk login_page "/"
else
  echo "(GET / answers $login_status: this build has no web/dist; the page is not measured)"
fi
echo "(full wrk reports: bench/out/wrk_results.txt, wrk_results_304.txt, wrk_login_page.txt)"
