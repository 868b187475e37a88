#!/usr/bin/env bash
# Install OpenLink Virtuoso (Debian's virtuoso-opensource) for the test runs with
# FINREG_TEST_STORE=virtuoso. The tests start private instances of their own
# (tests/servers/virtuoso.py); the system service the package ships is never left running.
# Where Virtuoso is missing and we are not root, or apt-get is missing, this says so and
# exits 0: the Virtuoso tests then skip, visibly.
set -euo pipefail

if command -v virtuoso-t >/dev/null 2>&1 || [ -x /usr/bin/virtuoso-t ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-virtuoso: Virtuoso is not installed and this is not root with apt-get;" \
    "the Virtuoso tests will skip" >&2
  exit 0
fi

echo "ensure-virtuoso: installing virtuoso-opensource from Debian's packages" >&2
started=$(date +%s)

# Keep the package's init script from starting the system service (ports 1111/8890):
# a policy-rc.d that forbids every start, only for the time of the install.
policy=/usr/sbin/policy-rc.d
own_policy=no
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  own_policy=yes
fi
cleanup() { if [ "$own_policy" = yes ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

# No DBA password for the system instance: with an empty one the postinst disables the
# daemon instead of asking (the private test instances set up their own databases).
if command -v debconf-set-selections >/dev/null 2>&1; then
  debconf-set-selections <<'EOF'
virtuoso-opensource-7 virtuoso-opensource-7/dba-password password
virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password
EOF
fi

apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  virtuoso-opensource >/dev/null

# Belt and braces: should the package have started its service anyway, stop it, and keep
# it from starting at boot.
if [ -f /etc/default/virtuoso-opensource-7 ]; then
  sed -i 's/^RUN=yes/RUN=no/' /etc/default/virtuoso-opensource-7
fi
if [ -x /etc/init.d/virtuoso-opensource-7 ]; then
  /etc/init.d/virtuoso-opensource-7 stop >/dev/null 2>&1 || true
fi
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now virtuoso-opensource-7 >/dev/null 2>&1 || true
fi

if ! command -v virtuoso-t >/dev/null 2>&1; then
  echo "ensure-virtuoso: the install did not provide virtuoso-t; the Virtuoso tests will skip" >&2
  exit 0
fi
echo "ensure-virtuoso: installed $(virtuoso-t -? 2>&1 | grep -m1 -o 'Version [^ ]*' || true)" \
  "in $(($(date +%s) - started)) s" >&2
