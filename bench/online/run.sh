#!/usr/bin/env bash
# The online forms on a big table: PostgreSQL, 1,000,000 rows, a writer inserting every 5 ms
# while a revision adds an index, a foreign key, a CHECK, a UNIQUE constraint, a NOT NULL
# column with a default, or sets NOT NULL; the longest write stall of the plain form and of
# the online form of each. Then the SQLite rebuild of a 1,000,000-row table against a plain
# INSERT INTO ... SELECT copy. Exits 1 when an online stall reaches 100 ms or the rebuild is
# over 1.3x the copy.
#
#     bench/online/run.sh
#
# Starts the PostgreSQL server bench/migrate uses (port 54329, data in target/bench-pg).
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

cargo build --release -q -p schema-bench --bin online-bench
"$root/target/release/online-bench" --url "postgres://postgres@127.0.0.1:$port/postgres" "$@"
