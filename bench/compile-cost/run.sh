#!/usr/bin/env bash
# What `#[derive(Table)]` costs at compile time.
#
#     bench/compile-cost/run.sh            # K = 1 10 50 (24, 240, 1200 tables)
#     bench/compile-cost/run.sh 1 10       # other copy counts
#     RUNS=5 bench/compile-cost/run.sh     # timed runs per figure (default 3, the fastest kept)
#     COUNT=1 bench/compile-cost/run.sh 10 # instructions instead of seconds (valgrind's
#                                          # callgrind: the same count run after run; slow)
#
# Generates four throwaway crates under target/compile-cost/ (never committed): `derived`
# holds the ontology hub's 24 tables (examples/ontology-hub/src/models.rs) copied K times,
# every struct, enum, table, index, constraint and enum type name prefixed per copy, each
# copy with its `schema!`; `rows` is the same with schema-core's feature `rows` (sqlx's
# `FromRow`/`BindRow` and the enums' sqlx traits derived too); `plain` holds the same structs with every schema attribute, the
# `Table`/`SqlEnum` derives and `schema!` removed; `seaorm` holds the same tables as SeaORM
# 1.x entities (`DeriveEntityModel`, relations with `on_delete`, `DeriveActiveEnum`; written
# by seaorm_entities.py). After one warm-up build of the dependencies, it times `cargo check`
# of each crate alone (`touch src/lib.rs`, so only that crate is checked, from scratch: no
# incremental cache) in the same run, and prints the times, each derive's extra cost per
# table over the plain structs, ours/SeaORM, and how the check time grows from one K to the
# next (linear: the time grows by no more than the number of tables). Timings are
# wall-clock: run it on an otherwise idle machine; the ratios are what count.
set -euo pipefail
shopt -s inherit_errexit

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
models="$root/examples/ontology-hub/src/models.rs"
work="$root/target/compile-cost"
runs="${RUNS:-3}"
counts=("$@")
if [ ${#counts[@]} -eq 0 ]; then
    counts=(1 10 50)
fi

# Without incremental compilation, each timed check type-checks the whole crate again;
# with it, `touch` + check would mostly replay cached queries and hide the derive's cost.
export CARGO_INCREMENTAL=0

mkdir -p "$work"
# The repository's lock file pins the same dependency versions, so nothing is resolved anew.
cp "$root/Cargo.lock" "$work/Cargo.lock"
cat > "$work/Cargo.toml" <<EOF
[workspace]
resolver = "2"
members = ["derived", "rows", "plain", "seaorm"]

[workspace.dependencies]
schema-core = { path = "$root/schema-core" }
uuid = { version = "1", features = ["v4", "serde"] }
chrono = { version = "0.4", default-features = false, features = ["clock", "std", "serde"] }
serde_json = "1"
# The newest 1.x; the macros and the column types the hub uses, no database driver (ours
# brings sqlx's traits, SeaORM's derives do not need them).
sea-orm = { version = "1", default-features = false, features = ["macros", "with-json", "with-chrono", "with-uuid"] }
EOF

for crate in derived rows plain seaorm; do
    mkdir -p "$work/$crate/src"
    cat > "$work/$crate/Cargo.toml" <<EOF
[package]
name = "compile-cost-$crate"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
uuid.workspace = true
chrono.workspace = true
serde_json.workspace = true
EOF
    case "$crate" in
        seaorm) echo 'sea-orm.workspace = true' ;;
        rows) echo 'schema-core = { workspace = true, features = ["rows"] }' ;;
        *) echo 'schema-core.workspace = true' ;;
    esac >> "$work/$crate/Cargo.toml"
done

# The Rust names declared in models.rs, renamed per copy.
mapfile -t rust_names < <(grep -oP '^pub (struct|enum) \K\w+' "$models")

# Copy `k` of the models, with `derive` (keep the schema) or `plain` (strip it).
generate_copy() {
    local k="$1" kind="$2"
    local renames=()
    for name in "${rust_names[@]}"; do
        renames+=(-e "s/\\b${name}\\b/C${k}${name}/g")
    done
    # SQL names: every `name = "..."` (tables, indexes, constraints, enum types); the
    # default constraint names derive from the (prefixed) table names.
    sed -E "${renames[@]}" -e "s/name = \"/name = \"c${k}_/g" "$models" |
        if [ "$kind" = plain ]; then
            perl -0pe '
                s/^\s*#\[(table|column|index|unique|foreign_key|sql_enum)\b.*?\]\n//gms;
                s/#\[derive\((Table|SqlEnum), /#[derive(/g;
                s/^schema_core::schema! \{.*?^\}\n//gms;
                s/^use schema_core::.*\n//gm;
            '
        else
            cat
        fi
}

generate() {
    local copies="$1"
    for crate in derived rows plain seaorm; do
        rm -f "$work/$crate/src"/copy_*.rs
        : > "$work/$crate/src/lib.rs"
        echo '#![allow(dead_code, unused_imports)]' >> "$work/$crate/src/lib.rs"
        for k in $(seq 1 "$copies"); do
            case "$crate" in
                derived | rows) generate_copy "$k" derive ;;
                plain) generate_copy "$k" plain ;;
                seaorm) python3 "$root/bench/compile-cost/seaorm_entities.py" "$models" "$k" ;;
            esac > "$work/$crate/src/copy_$k.rs"
            echo "pub mod copy_$k;" >> "$work/$crate/src/lib.rs"
        done
    done
}

# Instructions rustc executes to check one crate (its command as cargo runs it, under
# callgrind): repeatable to 0.01%, whatever else the machine does.
count_check() {
    local crate="$1" command
    touch "$work/$crate/src/lib.rs"
    command=$(cargo check -v --manifest-path "$work/Cargo.toml" -p "compile-cost-$crate" 2>&1 |
        grep -oP 'Running `\K.*(?=`)' | tail -n1)
    touch "$work/$crate/src/lib.rs"
    (cd "$work" && eval "valgrind --tool=callgrind --callgrind-out-file=/dev/null $command" 2>&1) |
        grep -oP 'Collected : \K[0-9]+'
}

# Seconds for `cargo check` of one crate, the fastest of $runs.
time_check() {
    local crate="$1" best=""
    for _ in $(seq 1 "$runs"); do
        touch "$work/$crate/src/lib.rs"
        local start end took
        start=$(date +%s.%N)
        cargo check --quiet --manifest-path "$work/Cargo.toml" -p "compile-cost-$crate"
        end=$(date +%s.%N)
        took=$(echo "$end - $start" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$took < $best" | bc -l)" = 1 ]; then
            best="$took"
        fi
    done
    printf '%.2f' "$best"
}

# Each crate alone, as it is timed: cargo unifies the dependencies' features over the
# packages it is given, so `--workspace` would build them with SeaORM's features and the
# first timed check of `derived` would rebuild them.
check_each() {
    for crate in derived rows plain seaorm; do
        cargo check --quiet --manifest-path "$work/Cargo.toml" -p "compile-cost-$crate"
    done
}

echo "warming up: building the dependencies once (slow the first time) ..." >&2
generate 1
check_each

tables_per_copy=$(grep -c '^#\[derive(Table' "$models")
# Seconds (or instructions), then each derive's cost above the plain structs per table (ms,
# or millions of instructions), then ours against SeaORM's whole check (ours and with `rows`).
if [ -n "${COUNT:-}" ]; then
    measure=count_check unit="M instr" per_unit="/ 1000000"
else
    measure=time_check unit=ms per_unit="* 1000"
fi
printf '\n%4s %6s | %12s %12s %12s %12s | %22s %7s %7s | %12s %12s\n' K tables plain ours "+rows" SeaORM \
    "$unit/table: ours" "+rows" SeaORM ours/SeaORM "+rows/SeaORM"
results=()
for k in "${counts[@]}"; do
    generate "$k"
    # Make sure all four compile before measuring them.
    check_each
    derive=$($measure derived)
    rows=$($measure rows)
    seaorm=$($measure seaorm)
    plain=$($measure plain)
    tables=$((k * tables_per_copy))
    per_table() { echo "($1 - $plain) $per_unit / $tables" | bc -l; }
    printf '%4s %6s | %12s %12s %12s %12s | %22.1f %7.1f %7.1f | %12.2f %12.2f\n' "$k" "$tables" \
        "$plain" "$derive" "$rows" "$seaorm" "$(per_table "$derive")" "$(per_table "$rows")" \
        "$(per_table "$seaorm")" "$(echo "$derive / $seaorm" | bc -l)" "$(echo "$rows / $seaorm" | bc -l)"
    results+=("$k $derive $plain")
done

# Linear growth: from one K to the next, the cost (and the derive's extra cost over the plain
# structs) grows by at most the factor the tables grow by.
echo
echo "growth from one K to the next (linear: cost factor <= tables factor):"
previous=""
for result in "${results[@]}"; do
    read -r k derive plain <<<"$result"
    if [ -n "$previous" ]; then
        read -r pk pderive pplain <<<"$previous"
        printf '  K=%s -> K=%s: tables x%.1f, derive check x%.2f, extra over plain x%.2f\n' \
            "$pk" "$k" "$(echo "$k / $pk" | bc -l)" "$(echo "$derive / $pderive" | bc -l)" \
            "$(echo "($derive - $plain) / ($pderive - $pplain)" | bc -l)"
    fi
    previous="$result"
done
