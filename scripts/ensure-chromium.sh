#!/usr/bin/env bash
# Install Chromium (Debian's chromium package) for the browser tests (tests/browser), which
# drive /usr/bin/chromium with Playwright's Python package (never `playwright install`).
# Where Chromium is missing and we are not root, or apt-get is missing, or the install fails,
# this says so and exits 0: the browser tests then skip, visibly (and fail the run when CI=true).
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is not installed and this is not root with apt-get;" \
    "the browser tests will skip" >&2
  exit 0
fi

echo "ensure-chromium: installing chromium from Debian's packages" >&2
started=$(date +%s)
install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    chromium >/dev/null
}
# Try with the package lists the machine has; refresh them only if that fails.
if ! install 2>/dev/null; then
  if ! { apt-get update -qq && install; }; then
    echo "ensure-chromium: apt-get could not install chromium; the browser tests will skip" >&2
    exit 0
  fi
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: the install did not provide $CHROMIUM; the browser tests will skip" >&2
  exit 0
fi
# A small Chinese font, so that the screenshots show the Chinese names (best effort).
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  fonts-wqy-microhei >/dev/null 2>&1 || echo "ensure-chromium: no Chinese font installed" >&2
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)" \
  "in $(($(date +%s) - started)) s" >&2
