#!/usr/bin/env bash
# Task benchmark (issue step 2): 100,000 tasks over 100 agencies, then wrk against /healthz,
# an authenticated GET of one task, a filtered list of 50 tasks, and report drafting.
# Usage: bash bench/tasks.sh [database-url]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
WORK=$(mktemp -d)
PORT=18091
export DATA_DIR="$WORK" BIND_ADDR="127.0.0.1:$PORT" ADMIN_PASSWORD="bench-admin-password" RUST_LOG=warn
export JWT_SECRET="bench-secret-0123456789-abcdefghijklmnop"
export DATABASE_URL="${1:-sqlite://$WORK/bench.db}"
BIN=./target/release/defense-compliance
t0=$(date +%s.%N)
$BIN seed-bench --agencies "${AGENCIES:-100}" --tasks "${TASKS:-100000}"
echo "seeded in $(echo "$(date +%s.%N) - $t0" | bc) s"
$BIN serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
until curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do sleep 0.05; done
API="http://127.0.0.1:$PORT/api/v1"
login() {
  curl -fs "$API/auth/login" -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
ADMIN=$(login admin "$ADMIN_PASSWORD")
STAFF=$(login bench.staff.001 benchmark-password)
TASK=$(curl -fs "$API/tasks?limit=1&status=in_progress" -H "authorization: Bearer $STAFF" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
run() { wrk -t2 -c16 -d10s --latency "$@" | grep -E 'Requests/sec|^ +(50|99)%|Non-2xx' ; }
echo "--- GET /healthz"; run "http://127.0.0.1:$PORT/healthz"
echo "--- GET /api/v1/tasks/{id} as agency staff (scoped)"; run -H "Authorization: Bearer $STAFF" "$API/tasks/$TASK"
echo "--- GET /api/v1/tasks/{id} as admin"; run -H "Authorization: Bearer $ADMIN" "$API/tasks/$TASK"
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
