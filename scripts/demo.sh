#!/usr/bin/env bash
# `make demo` until `sigtrader demo` exists: shows the CLI and runs a small end-to-end smoke run
# (configuration check, database creation and migration, status) in build/demo/.
set -euo pipefail
exe=${1:?path to the sigtrader binary}
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/build/demo"
rm -rf "$work"
mkdir -p "$work"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

step "$exe" --version
step "$exe" --help
step "$exe" config check "$root/sigtrader.example.toml"
step "$exe" db migrate --db "$work/sigtrader.db"
step "$exe" db status --db "$work/sigtrader.db"
printf '\nsmoke run ok: database at %s\n' "$work/sigtrader.db"
