# Sourced by the CI scripts: builds the debug binary and starts it on $PORT against
# DATABASE_URL ($1, default a temporary SQLite file), stopping it when the script exits.
# Sets WORK (a temporary directory), BASE (the server's address) and ADMIN_PASSWORD.

cargo build --quiet
WORK=$(mktemp -d)
PORT=${PORT:-18080}
BASE="http://127.0.0.1:$PORT"
export DATA_DIR="$WORK" BIND_ADDR="127.0.0.1:$PORT" ADMIN_PASSWORD="schemathesis-admin-password"
export JWT_SECRET="schemathesis-secret-0123456789-abcdefghij" SQLITE_SYNCHRONOUS=normal RUST_LOG=warn
export DATABASE_URL="${1:-sqlite://$WORK/st.db}"
./target/debug/defense-compliance serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do
    curl -fs "$BASE/readyz" >/dev/null 2>&1 && break
    sleep 0.2
done
