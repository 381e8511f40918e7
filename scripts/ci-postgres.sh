#!/usr/bin/env bash
# PostgreSQL for the gateway's tests (test/support/gatewayStores.ts runs every gateway test on it too).
# Starts the local cluster when it is installed but not running; on a fresh Debian machine, as root,
# installs it and lets local connections in without a password (a throw-away test cluster, loopback only).
# Ends non-zero, saying why, when 127.0.0.1:5432 still does not answer: CI must not skip those tests.
set -euo pipefail
host=127.0.0.1
port=5432

if ! command -v pg_ctlcluster >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "ci: installing PostgreSQL from Debian…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    for hba in /etc/postgresql/*/main/pg_hba.conf; do
      printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$hba"
    done
    # The package may have started the cluster already: make it read the new rules.
    for version in $(ls /etc/postgresql); do pg_ctlcluster --skip-systemctl-redirect "$version" main reload 2>/dev/null || true; done
  else
    echo "ci: PostgreSQL is not installed and cannot be installed here (needs root and apt-get)" >&2
    exit 1
  fi
fi

if ! pg_isready -h "$host" -p "$port" -q; then
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 30); do pg_isready -h "$host" -p "$port" -q && break; sleep 1; done
fi
if ! pg_isready -h "$host" -p "$port" -q; then
  echo "ci: PostgreSQL does not answer at $host:$port after starting it; the gateway tests need it" >&2
  exit 1
fi
if ! psql -h "$host" -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1; then
  createdb -h "$host" -p "$port" -U postgres test
fi
echo "ci: PostgreSQL ready at $host:$port, database test"
