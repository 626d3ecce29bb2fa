#!/usr/bin/env bash
# Builds the web dashboard (web/ -> web/dist/) that `sigtrader serve` serves at `/`.
# Installs the npm packages from package-lock.json first when web/node_modules is missing or
# older than the lock file. Without npm it says so and exits 0: the C++ build and its tests do
# not need the dashboard, only the browser end-to-end test does.
set -euo pipefail

web_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../web" && pwd)"

if ! command -v npm >/dev/null 2>&1; then
  echo "build_web: npm is not installed; skipping the dashboard (apt-get install nodejs npm)"
  exit 0
fi

cd "$web_dir"
# npm ci rewrites node_modules/.package-lock.json, so its time says when the install was made.
stamp=node_modules/.package-lock.json
if [[ ! -d node_modules || ! -f "$stamp" || package-lock.json -nt "$stamp" ]]; then
  echo "build_web: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

npm run build
echo "build_web: dashboard built in $web_dir/dist"
