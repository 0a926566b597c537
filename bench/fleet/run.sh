#!/usr/bin/env bash
# A fleet run: the hub's chain on 1,000 SQLite tenant databases with --jobs 1 and --jobs 8;
# seconds and databases per second.
#
#     bench/fleet/run.sh [--tenants N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cargo build --release -q -p schema-bench --bin fleet-bench
"$root/target/release/fleet-bench" "$@"
