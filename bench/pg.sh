# Sourced by the benchmarks: starts the PostgreSQL server of their own (port 54329, data in
# target/bench-pg, max_locks_per_transaction raised: at K = 50 one transaction takes about
# 10,000 locks to create the hub and 16,000 to drop it) and stops it when the script exits.
# Sets `root` (the repository) and `bench_pg_url`.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
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
bench_pg_url="postgres://postgres@127.0.0.1:$port/postgres"
