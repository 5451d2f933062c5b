#!/usr/bin/env bash
# Peak memory of `vanban merge` on N small records (default 1,000,000) spread over two shard
# files with 10 % duplicated across them: bounded memory means the peak does not grow with N.
#   bash benches/merge_memory.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
[ -x target/release/vanban ] || cargo build --release
work=$(mktemp -d /tmp/vanban-merge-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$n" "$work" <<'PY'
import sys
n, work = int(sys.argv[1]), sys.argv[2]
rec = ('{"schema_version":1,"source":{"path":"archive/box%05d/doc%08d.pdf","sha256":"%064x",'
       '"kind":"pdf","pages":1},"status":"ok","error":null,"text":{"raw":"so 1","restored":'
       '"số 1"},"restoration":null,"document":{"number":null},"entities":[]}\n')
with open(f"{work}/a.jsonl", "w") as a, open(f"{work}/b.jsonl", "w") as b:
    for i in range(n):
        line = rec % (i // 1000, i, i)
        (a if i % 2 == 0 else b).write(line)
        if i % 10 == 0:
            b.write(line)
PY
ls -l "$work"/a.jsonl "$work"/b.jsonl
/usr/bin/time -f "merge of $n records: %e s, peak RSS %M KiB" \
  target/release/vanban merge "$work/a.jsonl" "$work/b.jsonl" -o "$work/all.jsonl"
test "$(wc -l < "$work/all.jsonl")" -eq "$n"
