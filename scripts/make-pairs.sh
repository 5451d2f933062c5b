#!/usr/bin/env bash
# make-pairs.sh -- more OCR pairs for the channel model, in looks the shared pairs do not have.
#
# Usage: scripts/make-pairs.sh train|realdocs OUTDIR [COUNT]
#   train     COUNT (default 40) excerpts of the administrative corpus, each from the start of a
#             document (upper-case headers, codes, dates), none with a line of ../shared/realdocs;
#             pairNNN with NNN % 8 == 7 are held out by `vanban train` as for the shared pairs.
#   realdocs  the first lines of COUNT (default 12) real documents (held out from all training):
#             the measurement set (`vanban eval --ocr-pairs OUTDIR --all`).
# Each excerpt is rendered by ../shared/tools/render_ocr.sh in a font, resolution, size and
# noise level that rotate with NNN (DejaVu Serif/Sans, Liberation Sans/Serif; 200/300 dpi;
# 12-14 pt; clean/mild/rough), upper-case lines in bold, and read by Tesseract's English model:
# other faces and resolutions mangle other letters (`TIIANH`, `CilU`, `HQI`) than the shared
# pairs' one face at 300 dpi. Deterministic: same arguments, same pairs.
set -euo pipefail
mode=${1:?usage: make-pairs.sh train|realdocs OUTDIR [COUNT]}
out=${2:?usage: make-pairs.sh train|realdocs OUTDIR [COUNT]}
shared=${VANBAN_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}
render=$(mktemp)
trap 'rm -f "$render"' EXIT
# DejaVu names its regular face "Book": the shared renderer asks for "Regular" only.
sed 's/^regular=$(pick_font Regular)$/regular=$(pick_font Regular); [ -n "$regular" ] || regular=$(pick_font Book)/' \
  "$shared/tools/render_ocr.sh" > "$render"
case $mode in
  train) count=${3:-40} ;;
  realdocs) count=${3:-12} ;;
  *) echo "make-pairs: mode is train or realdocs" >&2; exit 2 ;;
esac
mkdir -p "$out/src"

python3 - "$mode" "$shared" "$out/src" "$count" <<'PY'
import os, sys, unicodedata
mode, shared, dst, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
nfc = lambda s: unicodedata.normalize("NFC", s)
docs = sorted(f for f in os.listdir(f"{shared}/realdocs") if f.endswith(".txt") and f[0].isdigit())

def cut(line, n=420):
    # Long paragraphs are cut at a word so an excerpt stays about one page.
    return line if len(line) <= n else line[:n].rsplit(" ", 1)[0]

if mode == "realdocs":
    step = max(1, len(docs) // count)
    for k, name in enumerate(docs[::step][:count]):
        lines = [l.strip() for l in nfc(open(f"{shared}/realdocs/{name}", encoding="utf-8").read()).splitlines()]
        lines = [cut(l) for l in lines if l][:30]
        open(f"{dst}/pair{k:03d}.txt", "w", encoding="utf-8").write("\n".join(lines) + "\n")
    sys.exit(0)

real = set()
for name in docs:
    for l in open(f"{shared}/realdocs/{name}", encoding="utf-8"):
        l = nfc(l.strip())
        if len(l.split()) >= 4:
            real.add(l)
lines = [nfc(l.strip()) for l in open(f"{shared}/corpus/train/admin_tnt305_tvpl_docs.txt", encoding="utf-8")]

def header(l):
    letters = [c for c in l if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)

# Document starts: an upper-case line after a line that is not upper case.
starts = [i for i in range(1, len(lines)) if header(lines[i]) and not header(lines[i - 1])]
stride = max(1, len(starts) // count)
k = 0
for s in starts[::stride]:
    window = [cut(l) for l in lines[s:s + 60] if l][:30]
    if any(l in real for l in window) or len(window) < 10:
        continue
    open(f"{dst}/pair{k:03d}.txt", "w", encoding="utf-8").write("\n".join(window) + "\n")
    k += 1
    if k == count:
        break
PY

fonts=("DejaVu Serif" "DejaVu Sans" "Liberation Sans" "Liberation Serif")
for src in "$out"/src/pair*.txt; do
  name=$(basename "$src" .txt); n=$((10#${name#pair}))
  [ -s "$out/$name.eng.txt" ] && continue
  font=${fonts[$((n % 4))]}
  dpi=$([ $(((n / 4) % 2)) -eq 0 ] && echo 300 || echo 200)
  pt=$((12 + (n / 2) % 3))
  noise=$((n % 3))
  work=$(mktemp -d)
  bash "$render" -l eng -n "$noise" -s "$n" -f "$font" -d "$dpi" -p "$pt" -o "$name" "$src" "$work" 2>"$work/log" \
    || { cat "$work/log" >&2; exit 1; }
  mv "$work/$name.gt.txt" "$out/$name.gt.txt"
  mv "$work/$name.eng.txt" "$out/$name.eng.txt"
  rm -rf "$work"
  echo "make-pairs: $name ($font, $dpi dpi, $pt pt, noise $noise)" >&2
done
