#!/usr/bin/env bash
# Issue 12 benchmark: the dashboard of a half-year over 1,000,000 tasks (`seed-bench`), for the
# province (admin) and for one agency's staff, with wrk -t2 -c16 -d10s beside /healthz, and the
# server's CPU time per request.
# Usage: bash bench/dashboard.sh [database-url]
#   TASKS=1000000 (default) tasks are seeded first unless SEED=0 (reuse a seeded database).
#   PERIOD=2026 (default). Needs wrk and bc (apt-get install wrk bc).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
WORK=$(mktemp -d)
PORT=18094
export DATA_DIR="${DATA_DIR:-$WORK}" BIND_ADDR="127.0.0.1:$PORT" ADMIN_PASSWORD="bench-admin-password"
export JWT_SECRET="bench-secret-0123456789-abcdefghijklmnop" RUST_LOG=warn
export DATABASE_URL="${1:-sqlite://$WORK/bench.db}"
BIN=./target/release/defense-compliance
if [ "${SEED:-1}" = 1 ]; then
  t0=$(date +%s.%N)
  $BIN seed-bench --agencies "${AGENCIES:-100}" --tasks "${TASKS:-1000000}"
  echo "seeded in $(echo "$(date +%s.%N) - $t0" | bc) s"
fi
$BIN serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
until curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do sleep 0.01; done
API="http://127.0.0.1:$PORT/api/v1"
login() {
  curl -fs "$API/auth/login" -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
ADMIN=$(login admin "$ADMIN_PASSWORD")
STAFF=$(login bench.staff.001 benchmark-password)
DASHBOARD="$API/dashboard?period=${PERIOD:-2026}"
for who in ADMIN STAFF; do
  for i in 1 2 3; do
    curl -fs -o /dev/null -w "one dashboard as $who: %{time_total} s\n" -H "Authorization: Bearer ${!who}" "$DASHBOARD"
  done
done
SERIES="$API/dashboard/series?metric=tasks&granularity=month&from=${FROM:-2026-M01}&to=${TO:-2026-M12}"
curl -fs -o /dev/null -w "a 12-month series as STAFF: %{time_total} s\n" -H "Authorization: Bearer $STAFF" "$SERIES"
curl -fs -H "Authorization: Bearer $ADMIN" "$DASHBOARD" |
  python3 -c 'import json,sys; d=json.load(sys.stdin)["current"]; print("tasks:", d["tasks"])'
TICKS=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
run() {
  local before out requests
  before=$(cpu)
  out=$(wrk -t2 -c16 -d10s --timeout 60s --latency "$@")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$out" | grep -E 'Requests/sec|^ +(50|99)%|Non-2xx'
  echo "    server CPU per request: $(echo "scale=3; ($(cpu) - $before) * 1000 / $TICKS / $requests" | bc) ms"
}
echo "--- GET /healthz"; run "http://127.0.0.1:$PORT/healthz"
# The agency's view first: requests a run leaves unanswered keep the server busy after it.
echo "--- dashboard, one agency's staff"; run -H "Authorization: Bearer $STAFF" "$DASHBOARD"
sleep 5
echo "--- dashboard, province (admin)"; run -H "Authorization: Bearer $ADMIN" "$DASHBOARD"
