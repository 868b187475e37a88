#!/usr/bin/env bash
# Install the npm packages the GraphQL-over-HTTP audit test needs (tests/e2e/audit).
# Node.js comes from the machine; where it is missing and we are root (as in CI), it is
# installed from Debian's packages. Without Node the audit test skips, visibly (and fails
# the run when CI=true).
set -euo pipefail
cd "$(dirname "$0")/../tests/e2e/audit"
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-node: installing nodejs and npm from Debian's packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "ensure-node: no npm on this machine and not root; the audit test will skip" >&2
    exit 0
  fi
fi
if [ ! -d node_modules/graphql-http ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
