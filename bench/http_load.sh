#!/usr/bin/env bash
# Load on the HTTP API with wrk (Debian's package): requests/s and latency percentiles for
# GET /livez and an authenticated GET /api/v1/positions, one server thread, keep-alive
# connections from a second process. Not part of `make test`: run it on an idle machine.
#
#   bench/http_load.sh [path/to/sigtrader] [seconds] [connections]
#
# It makes a throwaway database with one user and a paper session's positions in a temp folder.
set -euo pipefail

exe="${1:-build/release/src/app/sigtrader}"
seconds="${2:-10}"
connections="${3:-64}"
command -v wrk >/dev/null || { echo "http_load: wrk is not installed (apt-get install wrk)"; exit 1; }
[[ -x "$exe" ]] || { echo "http_load: no sigtrader at $exe (make release)"; exit 1; }
exe="$(realpath "$exe")"

work="$(mktemp -d)"
server=""
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

key="$("$exe" users add bench --role viewer --db bench.db | grep -o 'sgt_[0-9a-f]*_[A-Za-z0-9_-]*')"
# A session with three positions, so that /positions answers with real content.
sqlite3 bench.db <<'SQL'
INSERT INTO paper_sessions (user_id, name, setup_hash, status, created_at, updated_at, steps, state_json)
VALUES (1, 'bench', 'x', 'running', 0, 0, 1,
 '{"positions":[{"symbol":"BTC/USDT","quantity":"0.1","average_entry":"60000","realized_pnl":"0","fees":"0","mark":"61000","unrealized_pnl":"100"},{"symbol":"ETH/USDT","quantity":"-2","average_entry":"3000","realized_pnl":"0","fees":"0","mark":"2950","unrealized_pnl":"100"},{"symbol":"SOL/USDT","quantity":"10","average_entry":"150","realized_pnl":"0","fees":"0","mark":"151","unrealized_pnl":"10"}]}');
SQL

# wrk comes from one address with one key: with the default rate limits it would measure the
# limits (429s), not the server. They are lifted for this run through the environment.
SIGTRADER_API__KEY_RATE=1e8 SIGTRADER_API__KEY_BURST=1e8 SIGTRADER_API__IP_RATE=1e8 \
  SIGTRADER_API__IP_BURST=1e8 \
  "$exe" serve --port 0 --db bench.db --log-level warn >server.out 2>server.err &
server=$!
for _ in $(seq 100); do
  grep -q 'http://' server.out 2>/dev/null && break
  sleep 0.1
done
port="$(grep -o '127.0.0.1:[0-9]*' server.out | head -1 | cut -d: -f2)"
[[ -n "$port" ]] || { cat server.err; exit 1; }
echo "sigtrader serve on port $port ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"

echo "== GET /livez"
wrk -t1 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/livez" | grep -E 'Requests/sec|50%|90%|99%|Non-2xx'
echo "== GET /api/v1/positions (authenticated)"
wrk -t1 -c"$connections" -d"${seconds}s" --latency -H "X-API-Key: $key" \
  "http://127.0.0.1:$port/api/v1/positions" | grep -E 'Requests/sec|50%|90%|99%|Non-2xx'
