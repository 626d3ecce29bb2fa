#!/usr/bin/env bash
# The dashboard's end-to-end test as CTest runs it: starts `sigtrader demo` (fast, on a free port)
# in a temp folder, drives the dashboard in headless Chromium with tests/e2e/dashboard.e2e.mjs
# (log in, a signal arrives live, switch the policy, cancel an order, phone-sized screen), and
# stops the demo with SIGINT. Screenshots go to $3 (test artefacts).
#
#   tests/e2e/run_dashboard_e2e.sh SIGTRADER_EXE SOURCE_DIR SCREENSHOT_DIR
#
# Without Node.js, Chromium or the built dashboard it skips (exit 77), except under CI=true, where
# the bootstrap installs them and a skip would hide a broken dashboard.
set -euo pipefail

exe="$1"
source_dir="$2"
shots="$3"

missing=""
command -v node >/dev/null || missing="node"
[[ -x /usr/bin/chromium ]] || missing="$missing /usr/bin/chromium"
[[ -f "$source_dir/web/dist/index.html" ]] || missing="$missing web/dist (scripts/build_web.sh)"
[[ -d "$source_dir/web/node_modules/playwright-core" ]] || missing="$missing web/node_modules"
if [[ -n "$missing" ]]; then
  echo "dashboard e2e: missing$missing"
  if [[ "${CI:-}" == "true" ]]; then exit 1; fi
  exit 77
fi

work="$(mktemp -d)"
demo=""
cleanup() {
  if [[ -n "$demo" ]] && kill -0 "$demo" 2>/dev/null; then
    kill -INT "$demo" 2>/dev/null || true
    wait "$demo" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# 3000x: a 15-minute candle every 0.3 s, a post every few seconds; the four days last ~2 minutes.
(cd "$work" && exec "$exe" demo --dir demo --no-browser --port 0 --speed 3000 \
  >"$work/demo.out" 2>"$work/demo.err") &
demo=$!

url=""
for _ in $(seq 1200); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/demo.out" 2>/dev/null | head -1 || true)"
  [[ -n "$url" ]] && break
  kill -0 "$demo" 2>/dev/null || break
  sleep 0.1
done
if [[ -z "$url" ]]; then
  echo "dashboard e2e: the demo did not start its server"
  cat "$work/demo.out" "$work/demo.err"
  exit 1
fi
key="$(grep -o 'sgt_[0-9a-f]*_[A-Za-z0-9_-]*' "$work/demo.out" | head -1)"

mkdir -p "$shots"
status=0
SIGTRADER_URL="$url" SIGTRADER_API_KEY="$key" SIGTRADER_SCREENSHOTS="$shots" \
  node "$source_dir/tests/e2e/dashboard.e2e.mjs" || status=$?

kill -INT "$demo"
demo_status=0
wait "$demo" || demo_status=$?
demo_pid="$demo"
demo=""
if [[ $status -ne 0 ]]; then
  echo "--- demo output"
  tail -20 "$work/demo.out"
  tail -20 "$work/demo.err"
  exit "$status"
fi
if [[ $demo_status -ne 0 ]]; then
  echo "dashboard e2e: the demo (pid $demo_pid) exited $demo_status after SIGINT, not 0"
  tail -20 "$work/demo.err"
  exit 1
fi
grep -q "Paper session" "$work/demo.out"
echo "dashboard e2e: passed; screenshots in $shots"
