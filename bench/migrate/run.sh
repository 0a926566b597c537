#!/usr/bin/env bash
# Benchmarks on the ontology hub copied K times: `upgrade` vs `psql -1 -f` of the same
# offline SQL, then the drift check (`check`) against the catalog read alone.
#
#     bench/migrate/run.sh                        # both, K = 1, 10, 50
#     BENCH=check bench/migrate/run.sh --runs 9   # only the check (BENCH=migrate: only upgrade)
#     bench/migrate/run.sh --copies 1,10
#
# Starts a PostgreSQL server of its own (port 54329, data in target/bench-pg) with
# max_locks_per_transaction raised: at K = 50 one transaction takes about 10,000 locks to
# create the schema and 16,000 to drop it, more than the default (64 per connection) allows.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
data="$root/target/bench-pg"
port=54329
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

mkdir -p "$data"
if [ "$(id -u)" = 0 ]; then chown postgres "$data"; fi
if [ ! -f "$data/PG_VERSION" ]; then
  as_postgres "$bin/initdb" -D "$data" -U postgres -A trust >/dev/null
fi
as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
  -o "-p $port -k /tmp -c max_locks_per_transaction=1024 -c listen_addresses=127.0.0.1" start >/dev/null
trap 'as_postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null' EXIT

cargo build --release -q -p schema-bench
url="postgres://postgres@127.0.0.1:$port/postgres"
case "${BENCH:-all}" in
  migrate) "$root/target/release/migrate-bench" --url "$url" "$@" ;;
  check) "$root/target/release/check-bench" --url "$url" "$@" ;;
  *) "$root/target/release/migrate-bench" --url "$url" "$@"; echo; "$root/target/release/check-bench" --url "$url" "$@" ;;
esac
