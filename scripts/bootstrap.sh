#!/usr/bin/env bash
# Installs every Debian 12 package that building and testing sigtrader needs.
# Idempotent: packages already installed are skipped, and `apt-get update` runs at most once.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build make pkg-config ccache git
  # formatting, linting and the libFuzzer toolchain (clang builds the fuzz targets)
  clang clang-format clang-tidy libclang-rt-14-dev
  # libraries
  libfmt-dev libspdlog-dev libcli11-dev libtomlplusplus-dev
  libsqlite3-dev libboost1.81-dev libboost-json1.81-dev libssl-dev openssl ca-certificates
  libfasttext-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # used by the tests that drive the program from a terminal
  tmux
  # the dashboard's end-to-end test drives Debian's Chromium headless; wrk loads the server
  # (bench/http_load.sh, which seeds its database with the sqlite3 shell)
  chromium wrk sqlite3
)

# The dashboard (web/) is built with Node.js and npm. A Node.js already installed (for example a
# newer one that bundles npm) is used as it is; otherwise Debian's packages provide both.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "bootstrap: all ${#packages[@]} packages present"
  exit 0
fi

echo "bootstrap: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
