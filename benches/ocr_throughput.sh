#!/usr/bin/env bash
# OCR throughput: `vanban run --jobs 2` against the tesseract CLI run two pages at a time, on
# the same 20 scanned pages (the five PNG pages of seed 000's clean scan, four copies each).
# Usage: bash benches/ocr_throughput.sh [PAGES_DIR]   (default: ../shared/fixtures-dev/scans)
# Also reports word error rates on the rendered scans when their truth files are there.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_THREAD_LIMIT=1
src=${1:-../shared/fixtures-dev/scans}
cargo build --release --quiet
bin=target/release/vanban
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pages"
n=0
for copy in 1 2 3 4; do
  for p in "$src"/000_clean-p00*.png; do
    n=$((n + 1))
    cp "$p" "$work/pages/c${copy}-$(basename "$p")"
  done
done
echo "pages: $n"
t0=$(date +%s.%N)
ls "$work"/pages/*.png | xargs -P 2 -I{} tesseract {} {}.tess -l vie >/dev/null 2>&1
t1=$(date +%s.%N)
rm -f "$work"/pages/*.tess.txt
$bin run "$work/pages" -o "$work/out.jsonl" --jobs 2 --quiet
t2=$(date +%s.%N)
python3 - "$n" "$t0" "$t1" "$t2" <<'PY'
import sys
n, t0, t1, t2 = int(sys.argv[1]), *map(float, sys.argv[2:])
a, b = n / (t1 - t0), n / (t2 - t1)
print(f"tesseract CLI x2: {a:.3f} pages/s   vanban run --jobs 2: {b:.3f} pages/s   ratio {b / a:.1%}")
PY
# Word error rates on the rendered scans: tesseract vie alone vs vanban (vie OCR + restore).
for level in clean rough; do
  pdf="$src/000_$level.pdf"
  [ -f "$pdf" ] || continue
  $bin run "$pdf" -o "$work/$level.jsonl" --force --quiet
  python3 - "$src/000_$level.gt.txt" "$src/000_$level.vie.txt" "$work/$level.jsonl" "$level" <<'PY'
import json, sys
sys.path.insert(0, "benches")
from wer import wer, words as N
gt, vie = N(open(sys.argv[1]).read()), N(open(sys.argv[2]).read())
rec = json.loads(open(sys.argv[3]).readline())
print(f"{sys.argv[4]:>6}: WER tesseract vie {wer(gt, vie):.2%}   vanban {wer(gt, N(rec['text']['restored'])):.2%}")
PY
done
