#!/usr/bin/env bash
# Issue 10 part 6 benchmark: exports of the benchmark volume (1,000,000 tasks) as CSV and
# XLSX, with their time, size and the server's peak resident memory, and imports of task
# files (a dry run and a real one), with how long they hold the write.
# Usage: bash bench/tabular.sh [database-url]      Needs bc and python3.
#   TASKS=1000000 tasks are seeded first unless SEED=0 (reuse a seeded database, DATA_DIR);
#   ROWS=5000 rows per import.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
WORK=$(mktemp -d)
PORT=18095
export DATA_DIR="${DATA_DIR:-$WORK}" BIND_ADDR="127.0.0.1:$PORT" ADMIN_PASSWORD="bench-admin-password"
export JWT_SECRET="bench-secret-0123456789-abcdefghijklmnop" RUST_LOG=warn
export DATABASE_URL="${1:-sqlite://$WORK/bench.db}"
BIN=./target/release/defense-compliance
if [ "${SEED:-1}" = 1 ]; then
  $BIN seed-bench --agencies "${AGENCIES:-100}" --tasks "${TASKS:-1000000}"
fi
$BIN serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
until curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do sleep 0.05; done
API="http://127.0.0.1:$PORT/api/v1"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
ADMIN=$(curl -fs "$API/auth/login" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | json '["access_token"]')
rss() { grep "$1" "/proc/$SERVER/status" | awk '{print $2 / 1024 " MB"}'; }
echo "resident memory before: $(rss VmRSS)"
export_as() {
  local t0 bytes
  t0=$(date +%s.%N)
  bytes=$(curl -fs "$API/tasks?format=$1" -H "authorization: Bearer $ADMIN" -o "$WORK/tasks.$1" -w '%{size_download}')
  echo "--- export of every task as $1: $(echo "$(date +%s.%N) - $t0" | bc) s, $((bytes / 1048576)) MiB;" \
    "peak resident memory so far $(rss VmHWM), now $(rss VmRSS)"
}
export_as csv
echo "    rows: $(($(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open('$WORK/tasks.csv'))))") - 1))"
export_as xlsx
DIRECTIVE=$(curl -fs "$API/directives?limit=1" -H "authorization: Bearer $ADMIN" | json '["items"][0]["id"]')
LEAD=$(curl -fs "$API/agencies?limit=1" -H "authorization: Bearer $ADMIN" | json '["items"][0]["id"]')
python3 - "$WORK/import.csv" "$DIRECTIVE" "$LEAD" "${ROWS:-5000}" <<'PY'
import sys
path, directive, lead, rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(path, "w") as f:
    f.write("directive_id,title,lead_agency_id,due_on,priority\n")
    for n in range(rows):
        f.write(f"{directive},Nhiệm vụ nhập số {n},{lead},2027-06-30,normal\n")
PY
import_once() {
  local t0
  t0=$(date +%s.%N)
  curl -fs "$API/imports/tasks$1" -H "authorization: Bearer $ADMIN" -H 'content-type: text/csv' \
    --data-binary @"$WORK/import.csv" | json '["imported"]' >/dev/null
  echo "--- import of ${ROWS:-5000} task rows$1: $(echo "$(date +%s.%N) - $t0" | bc) s"
}
import_once "?dry_run=true"
import_once ""
