#!/usr/bin/env bash
# Issue 8 benchmark: start-up, idle memory, and wrk -t2 -c16 -d10s against /healthz, an
# authenticated GET of one task as agency staff, lists of 50 overdue tasks by due date (staff
# and admin) and report drafting, each with the server's CPU time per request.
# Usage: bash bench/access.sh [database-url]
#   TASKS=1000000 (default) tasks are seeded first unless SEED=0 (reuse a seeded database).
#   Needs wrk and bc (apt-get install wrk bc).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
WORK=$(mktemp -d)
PORT=18092
export DATA_DIR="${DATA_DIR:-$WORK}" BIND_ADDR="127.0.0.1:$PORT" ADMIN_PASSWORD="bench-admin-password"
export JWT_SECRET="bench-secret-0123456789-abcdefghijklmnop" RUST_LOG=warn
export DATABASE_URL="${1:-sqlite://$WORK/bench.db}"
BIN=./target/release/defense-compliance
if [ "${SEED:-1}" = 1 ]; then
  t0=$(date +%s.%N)
  $BIN seed-bench --agencies "${AGENCIES:-100}" --tasks "${TASKS:-1000000}"
  echo "seeded in $(echo "$(date +%s.%N) - $t0" | bc) s"
fi
t0=$(date +%s.%N)
$BIN serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
until curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do sleep 0.01; done
echo "ready in $(echo "$(date +%s.%N) - $t0" | bc) s"
sleep 1
echo "idle resident memory: $(grep VmRSS /proc/$SERVER/status | awk '{print $2, $3}')"
API="http://127.0.0.1:$PORT/api/v1"
login() {
  curl -fs "$API/auth/login" -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
ADMIN=$(login admin "$ADMIN_PASSWORD")
STAFF=$(login bench.staff.001 benchmark-password)
TASK=$(curl -fs "$API/tasks?limit=1&status=in_progress" -H "authorization: Bearer $STAFF" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
TICKS=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
run() {
  local before out requests
  before=$(cpu)
  out=$(wrk -t2 -c16 -d10s --latency "$@")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$out" | grep -E 'Requests/sec|^ +(50|99)%|Non-2xx'
  echo "    server CPU per request: $(echo "scale=3; ($(cpu) - $before) * 1000 / $TICKS / $requests" | bc) ms"
}
echo "--- GET /healthz"; run "http://127.0.0.1:$PORT/healthz"
echo "--- GET /api/v1/tasks/{id} as agency staff"; run -H "Authorization: Bearer $STAFF" "$API/tasks/$TASK"
echo "--- list of 50, agency staff: overdue, by due date"
run -H "Authorization: Bearer $STAFF" "$API/tasks?deadline_status=overdue&sort=due_on&limit=50"
echo "--- list of 50, admin over all tasks: overdue, by due date"
run -H "Authorization: Bearer $ADMIN" "$API/tasks?deadline_status=overdue&sort=due_on&limit=50"
cat >"$WORK/report.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"period": "2026-Q4", "body": "Báo cáo tiến độ", "actual_value": 50}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $STAFF"
LUA
echo "--- POST /api/v1/tasks/{id}/reports (a draft report per request)"
run -s "$WORK/report.lua" "$API/tasks/$TASK/reports"
