#!/usr/bin/env bash
# The archive's bench (issue 17): base records from `vanban extract` over the fixtures and
# the real documents, replicated to N synthetic records (default 100,000) with varied paths,
# numbers, dates and citations; index rate into SQLite (one thread), archive size against the
# JSONL, query latencies (two words + date filter, --cites), and search quality on the real
# documents with gold (first six title words without accents, top 3).
#   bash benches/archive.sh            # N=100000
#   N=20000 bash benches/archive.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
out=$CARGO_TARGET_DIR/archive-bench
mkdir -p "$out"
cargo build --release -q
vanban=$CARGO_TARGET_DIR/release/vanban
real=(fixtures/real/dev/*.txt fixtures/real/test/*.txt)
real=("${real[@]/*.restored.txt/}")
gold=(fixtures/gold/*.txt)
gold=("${gold[@]/*.restored.txt/}")
shared=()
[ -d ../shared/realdocs ] && shared=(../shared/realdocs/*.txt)
# The real documents as an archivist's pipeline gives them (stripped text restored), with the
# fixtures' written documents as distractors: the search-quality archive.
"$vanban" extract ${real[@]} ${gold[@]} > "$out/real.jsonl"
# Base records for the synthetic archive: everything above plus the clean real documents.
cp "$out/real.jsonl" "$out/base.jsonl"
[ ${#shared[@]} -gt 0 ] && "$vanban" extract "${shared[@]}" >> "$out/base.jsonl"
echo "base records: $(wc -l < "$out/base.jsonl")"
VANBAN_BENCH_BASE="$out/base.jsonl" VANBAN_BENCH_DIR="$out" VANBAN_BENCH_N="${N:-100000}" \
  VANBAN_BENCH_REAL="$out/real.jsonl" VANBAN_BENCH_GOLD="$PWD/fixtures/real/dev:$PWD/fixtures/real/test" \
  cargo bench -q -p vanban-archive --bench archive
# The CLI on the same archive: one search as a person types it, timed end to end.
time "$vanban" search --db "$out/archive.db" --from 2024 --to 2024 chuyen doi --limit 3
