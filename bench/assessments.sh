#!/usr/bin/env bash
# Assessment benchmark (issue step 3): 100 departments registered in one campaign of the
# TT124-CQ template, each fully self-scored; then wrk against the campaign overview, one
# assessment, and saving self-scores.
# Usage: bash bench/assessments.sh [database-url]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
WORK=$(mktemp -d)
PORT=18092
export DATA_DIR="$WORK" BIND_ADDR="127.0.0.1:$PORT" ADMIN_PASSWORD="bench-admin-password" RUST_LOG=warn
export JWT_SECRET="bench-secret-0123456789-abcdefghijklmnop"
export DATABASE_URL="${1:-sqlite://$WORK/bench.db}"
BIN=./target/release/defense-compliance
N="${AGENCIES:-100}"
$BIN seed-bench --agencies "$N" --tasks 0 >/dev/null
$BIN load-templates --admin admin
$BIN serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
until curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do sleep 0.05; done
API="http://127.0.0.1:$PORT/api/v1"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
login() {
  curl -fs "$API/auth/login" -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" | json '["access_token"]'
}
ADMIN=$(login admin "$ADMIN_PASSWORD")
H=(-H "authorization: Bearer $ADMIN" -H 'content-type: application/json')
FW=$(curl -fs "$API/frameworks?code=TT124-CQ" "${H[@]}" | json '["items"][0]["id"]')
curl -fs -X POST "$API/frameworks/$FW/publish" "${H[@]}" -d '{}' >/dev/null
YEAR=$(( $(date +%Y) + 1 ))
CAMPAIGN=$(curl -fs "$API/campaigns" "${H[@]}" -d "{\"framework_id\":\"$FW\",\"year\":$YEAR}" | json '["id"]')
SCORES='{"scores":[{"criterion_code":"1.1","score":10},{"criterion_code":"1.2","score":5},{"criterion_code":"1.3","score":5},{"criterion_code":"2.1","score":10},{"criterion_code":"2.2","score":10},{"criterion_code":"2.3","score":8},{"criterion_code":"3.1","score":15},{"criterion_code":"3.2","score":12},{"criterion_code":"3.3","score":10},{"criterion_code":"3.4","score":10},{"criterion_code":"KX1","met":true},{"criterion_code":"KX2","met":true},{"criterion_code":"KX3","met":true}]}'
t0=$(date +%s.%N)
for i in $(seq -f '%03g' 1 "$N"); do
  MANAGER=$(login "bench.manager.$i" benchmark-password)
  AGENCY=$(curl -fs "$API/me" -H "authorization: Bearer $MANAGER" | json '["agency_id"]')
  ID=$(curl -fs "$API/campaigns/$CAMPAIGN/registrations" -H "authorization: Bearer $MANAGER" -H 'content-type: application/json' \
    -d "{\"agency_id\":\"$AGENCY\",\"document_number\":\"$((10#$i))/STTTT-VP\",\"registered_on\":\"$(date +%F)\"}" | json '["id"]')
  curl -fs -X PUT "$API/assessments/$ID/self-scores" -H "authorization: Bearer $MANAGER" -H 'content-type: application/json' -d "$SCORES" >/dev/null
done
echo "registered and scored $N agencies through the API in $(echo "$(date +%s.%N) - $t0" | bc) s (includes $N logins)"
STAFF=$(login bench.staff.001 benchmark-password)
run() { wrk -t2 -c16 -d10s --latency "$@" | grep -E 'Requests/sec|^ +(50|99)%|Non-2xx' ; }
echo "--- GET /healthz"; run "http://127.0.0.1:$PORT/healthz"
echo "--- GET /api/v1/campaigns/{id}/assessments as admin ($N rows and counts)"
run -H "Authorization: Bearer $ADMIN" "$API/campaigns/$CAMPAIGN/assessments"
echo "--- GET /api/v1/campaigns/{id}/assessments as agency staff (its own row)"
run -H "Authorization: Bearer $STAFF" "$API/campaigns/$CAMPAIGN/assessments"
ID=$(curl -fs "$API/campaigns/$CAMPAIGN/assessments" -H "authorization: Bearer $STAFF" | json '["items"][0]["assessment_id"]')
echo "--- GET /api/v1/assessments/{id} as agency staff (13 criteria, totals, rating)"
run -H "Authorization: Bearer $STAFF" "$API/assessments/$ID"
cat >"$WORK/scores.lua" <<LUA
wrk.method = "PUT"
wrk.body = '{"scores":[{"criterion_code":"3.2","score":13,"note":"Mô hình Tổ an ninh tự quản"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $STAFF"
LUA
echo "--- PUT /api/v1/assessments/{id}/self-scores (one criterion per request, one commit each)"
run -s "$WORK/scores.lua" "$API/assessments/$ID/self-scores"
