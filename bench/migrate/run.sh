#!/usr/bin/env bash
# Benchmarks on the ontology hub copied K times: `upgrade` vs `psql -1 -f` of the same
# offline SQL, then the drift check (`check`) against the catalog read alone.
#
#     bench/migrate/run.sh                        # both, K = 1, 10, 50
#     BENCH=check bench/migrate/run.sh --runs 9   # only the check (BENCH=migrate: only upgrade)
#     bench/migrate/run.sh --copies 1,10
#
# Starts a PostgreSQL server of its own (bench/pg.sh: port 54329, max_locks_per_transaction
# raised past what K = 50 needs in one transaction).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../pg.sh"

cargo build --release -q -p schema-bench
url="$bench_pg_url"
case "${BENCH:-all}" in
  migrate) "$root/target/release/migrate-bench" --url "$url" "$@" ;;
  check) "$root/target/release/check-bench" --url "$url" "$@" ;;
  *) "$root/target/release/migrate-bench" --url "$url" "$@"; echo; "$root/target/release/check-bench" --url "$url" "$@" ;;
esac
