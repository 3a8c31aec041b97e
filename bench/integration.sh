#!/usr/bin/env bash
# Issue 10 benchmark: the change feed's read rate, webhook delivery throughput to a local
# receiver, and the latency of an authenticated GET with no deliveries, with 10,000 deliveries
# queued for a paused webhook, and while they drain once it is enabled; each with the server's
# CPU time.
# Usage: bash bench/integration.sh [database-url]     Needs wrk, bc and python3.
#   DRAFTS=10000 report drafts are made through the API, each a change and a delivery.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
WORK=$(mktemp -d)
PORT=18093
RPORT=18094
export DATA_DIR="$WORK" BIND_ADDR="127.0.0.1:$PORT" ADMIN_PASSWORD="bench-admin-password"
export JWT_SECRET="bench-secret-0123456789-abcdefghijklmnop" RUST_LOG=warn WEBHOOK_ALLOW_PRIVATE=true
export DATABASE_URL="${1:-sqlite://$WORK/bench.db}"
BIN=./target/release/defense-compliance
DRAFTS=${DRAFTS:-10000}
$BIN seed-bench --agencies 10 --tasks 1000 >/dev/null
$BIN serve >"$WORK/server.log" 2>&1 &
SERVER=$!
python3 bench/receiver.py $RPORT "$WORK/status" "$WORK/count" &
RECEIVER=$!
trap 'kill $SERVER $RECEIVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
until curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do sleep 0.05; done
API="http://127.0.0.1:$PORT/api/v1"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
login() {
  curl -fs "$API/auth/login" -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" | json '["access_token"]'
}
ADMIN=$(login admin "$ADMIN_PASSWORD")
STAFF=$(login bench.staff.001 benchmark-password)
TASK=$(curl -fs "$API/tasks?limit=1&status=in_progress" -H "authorization: Bearer $STAFF" | json '["items"][0]["id"]')
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
HOOK=$(curl -fs "$API/webhooks" -H "authorization: Bearer $ADMIN" -H 'content-type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$RPORT/hook\",\"event_types\":[\"report.*\"]}" | json '["webhook"]["id"]')

echo "--- GET /healthz"; run "http://127.0.0.1:$PORT/healthz"
echo "--- GET /api/v1/tasks/{id} as agency staff, no deliveries"
run -H "Authorization: Bearer $STAFF" "$API/tasks/$TASK"

hook_active() {
  curl -fs -X PATCH "$API/webhooks/$HOOK" -H "authorization: Bearer $ADMIN" -H 'content-type: application/json' \
    -d "{\"active\":$1}" >/dev/null
}
delivered() { local c; c=$(cat "$WORK/count" 2>/dev/null || true); echo "${c:-0}"; }
drafts() {
  hook_active false
  local t0; t0=$(date +%s.%N)
  python3 bench/drafts.py "$API/tasks/$TASK/reports" "$STAFF" "$DRAFTS"
  echo "made $DRAFTS report drafts in $(echo "$(date +%s.%N) - $t0" | bc) s"
}
drafts
sleep 2
echo "--- GET /api/v1/tasks/{id} as agency staff, $DRAFTS deliveries queued for a paused webhook"
run -H "Authorization: Bearer $STAFF" "$API/tasks/$TASK"

echo "--- GET /api/v1/changes?limit=200&types=report as admin (each page re-reads 200 reports)"
run -H "Authorization: Bearer $ADMIN" "$API/changes?limit=200&types=report"

echo "--- the $DRAFTS deliveries drain, nothing else running"
t0=$(date +%s.%N); before=$(cpu)
hook_active true
while [ "$(delivered)" -lt "$DRAFTS" ]; do sleep 0.1; done
took=$(echo "$(date +%s.%N) - $t0" | bc)
echo "    $DRAFTS sent in $took s: $(echo "scale=0; $DRAFTS / $took" | bc)/s; server CPU per delivery: $(echo "scale=3; ($(cpu) - $before) * 1000 / $TICKS / $DRAFTS" | bc) ms"

drafts
echo "--- GET /api/v1/tasks/{id} as agency staff while another $DRAFTS deliveries drain"
hook_active true
run -H "Authorization: Bearer $STAFF" "$API/tasks/$TASK"
while [ "$(delivered)" -lt $((2 * DRAFTS)) ]; do sleep 0.1; done
