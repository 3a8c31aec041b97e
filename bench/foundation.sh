#!/usr/bin/env bash
# Foundation benchmark: /healthz against authenticated reads, and login latency, on a fresh
# database. Usage: bash bench/foundation.sh [database-url]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
WORK=$(mktemp -d)
PORT=18090
export DATA_DIR="$WORK" BIND_ADDR="127.0.0.1:$PORT" ADMIN_PASSWORD="bench-admin-password" RUST_LOG=warn
export JWT_SECRET="bench-secret-0123456789-abcdefghijklmnop"
export DATABASE_URL="${1:-sqlite://$WORK/bench.db}"
start=$(date +%s.%N)
./target/release/defense-compliance serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
until curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do sleep 0.02; done
echo "ready after $(echo "$(date +%s.%N) - $start" | bc) s (fresh database, migrations included)"
sleep 1
echo "idle RSS: $(ps -o rss= -p $SERVER) KiB"
API="http://127.0.0.1:$PORT/api/v1"
TOKEN=$(curl -fs "$API/auth/login" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
AGENCY=$(curl -fs "$API/agencies" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"code":"BENCH","name":"Sở Thông tin và Truyền thông","kind":"department"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
run() { wrk -t2 -c16 -d10s "$@" | grep -E 'Requests/sec|Latency|99%' ; }
echo "--- GET /healthz"; run --latency "http://127.0.0.1:$PORT/healthz"
echo "--- GET /api/v1/agencies/{id} (authenticated)"; run --latency -H "Authorization: Bearer $TOKEN" "$API/agencies/$AGENCY"
echo "--- GET /api/v1/agencies?q=thong%20tin (authenticated list)"; run --latency -H "Authorization: Bearer $TOKEN" "$API/agencies?q=thong%20tin"
echo "--- 20 sequential logins"
t0=$(date +%s.%N)
for _ in $(seq 1 20); do
  curl -fs "$API/auth/login" -H 'content-type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" >/dev/null
done
echo "mean login: $(echo "($(date +%s.%N) - $t0) * 1000 / 20" | bc) ms"
