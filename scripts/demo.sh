#!/usr/bin/env bash
# `make demo`: runs `sigtrader demo` in build/demo/ — a generated market and three signal channels
# paper-traded in accelerated time, with the dashboard on http://127.0.0.1:8080 (the printed API
# key logs in). Extra arguments go to the demo (--speed, --port, --no-browser, --reset, ...).
# Ctrl-C stops it; `make demo` again resumes.
set -euo pipefail
exe=${1:?path to the sigtrader binary}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
exe=$(realpath "$exe")
mkdir -p "$root/build"
cd "$root/build"
exec "$exe" demo --dir demo "$@"
