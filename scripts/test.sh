#!/usr/bin/env bash
# The whole test suite: types, template XSS scan, unit, database and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests ..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
npx tsc --noEmit
npx xss-scan --cwd . >/dev/null
npx vitest run "$@"
