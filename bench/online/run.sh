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
# Starts the PostgreSQL server of the benchmarks (bench/pg.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../pg.sh"

cargo build --release -q -p schema-bench --bin online-bench
"$root/target/release/online-bench" --url "$bench_pg_url" "$@"
