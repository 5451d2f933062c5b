#!/usr/bin/env bash
# Searchable PDFs (issue 16): seed 000 scanned clean, mild and rough (five pages each) through
# `vanban run --pdf-dir`, then, per level: WER of Tesseract `vie` alone, of the record's restored
# text and of `pdftotext` on the output PDF, against the truth; `qpdf --check`; page count and
# image streams (size, colour, bits, encoding) against the input's; median IoU of each word's
# text-layer box (`pdftotext -bbox`) with Tesseract's box for it. Then pages/s on 20 clean
# pages: the tesseract CLI two at a time, `vanban run --jobs 2` without and with --pdf-dir.
# Usage: bash benches/searchable.sh [SCANS_DIR]   (default: ../shared/fixtures-dev/scans)
# Needs: tesseract (vie), poppler-utils, qpdf, python3 with Pillow (for the mild render).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_THREAD_LIMIT=1
src=${1:-../shared/fixtures-dev/scans}
cargo build --release --quiet
bin=$PWD/target/release/vanban
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The mild scan is rendered here (deterministic: seed 1), the others are shared.
bash ../shared/tools/render_ocr.sh -n 1 -s 1 -l vie -o 000_mild "$src/000_clean.gt.txt" "$work/mild" 2>/dev/null
declare -A input=([clean]="$src/000_clean.pdf" [mild]="$work/mild/000_mild.pdf" [rough]="$src/000_rough.pdf")
declare -A vie=([clean]="$src/000_clean.vie.txt" [mild]="$work/mild/000_mild.vie.txt" [rough]="$src/000_rough.vie.txt")

for level in clean mild rough; do
  mkdir -p "$work/$level"
  cp "${input[$level]}" "$work/$level/000.pdf"
  $bin run "$work/$level/000.pdf" -o "$work/$level.jsonl" --pdf-dir "$work/$level-out" --quiet
  out="$work/$level-out/000.pdf"
  check=$(qpdf --check "$out" >/dev/null 2>&1 && echo ok || echo FAILED)
  # Image streams as pdfimages lists them, without object numbers and sizes on disk.
  same=$(diff <(pdfimages -list "$work/$level/000.pdf" | awk 'NR>2 {print $1,$4,$5,$6,$7,$8,$9}') \
              <(pdfimages -list "$out" | awk 'NR>2 {print $1,$4,$5,$6,$7,$8,$9}') >/dev/null && echo same || echo DIFFERENT)
  mkdir -p "$work/$level/img"
  pdfimages -png "$work/$level/000.pdf" "$work/$level/img/p"
  python3 - "$src/000_clean.gt.txt" "${vie[$level]}" "$work/$level.jsonl" "$out" "$work/$level/img" "$level" "$check" "$same" <<'PY'
import glob, html, json, re, statistics, subprocess, sys
sys.path.insert(0, "benches")
from wer import wer, words as N
gt_f, vie_f, rec_f, pdf, imgs, level, check, same = sys.argv[1:]
gt = N(open(gt_f).read())
rec = json.loads(open(rec_f).readline())
pdftext = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
info = lambda f: re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", f], capture_output=True, text=True).stdout).group(1)
pages_in, pages_out = info(pdf.replace("-out/000.pdf", "/000.pdf")), info(pdf)
# IoU: each text-layer word box against the best-overlapping Tesseract word box on its page.
bbox = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
ious = []
for k, page in enumerate(re.split(r"<page ", bbox)[1:]):
    pts = [tuple(map(float, m.groups())) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">', page)]
    img = sorted(glob.glob(f"{imgs}/p-*.png"))[k]
    w_pt = float(re.search(r'width="([\d.]+)"', page).group(1))
    from PIL import Image
    scale = w_pt / Image.open(img).width
    tsv = subprocess.run(["tesseract", img, "stdout", "-l", "vie", "--dpi", "300", "tsv"],
                         capture_output=True, text=True).stdout
    boxes = []
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) == 12 and f[0] == "5" and f[11].strip():
            l, t, w, h = (float(v) * scale for v in f[6:10])
            boxes.append((l, t, l + w, t + h))
    def iou(a, b):
        ix = max(0, min(a[2], b[2]) - max(a[0], b[0])); iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
        u = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy
        return ix * iy / u if u > 0 else 0.0
    ious += [max((iou(p, b) for b in boxes), default=0.0) for p in pts]
print(f"{level:>6}: WER tesseract vie {wer(gt, N(open(vie_f).read())):.2%}   vanban record "
      f"{wer(gt, N(rec['text']['restored'])):.2%}   pdftotext of the PDF {wer(gt, N(pdftext)):.2%}   "
      f"qpdf {check}   pages {pages_in}->{pages_out}   images {same}   median IoU {statistics.median(ious):.2f}")
PY
done

# Throughput: 20 pages (seed 000's five clean pages, four copies each).
mkdir -p "$work/pages"
for copy in 1 2 3 4; do
  for p in "$src"/000_clean-p00*.png; do cp "$p" "$work/pages/c${copy}-$(basename "$p")"; done
done
n=$(ls "$work"/pages/*.png | wc -l)
t0=$(date +%s.%N)
ls "$work"/pages/*.png | xargs -P 2 -I{} tesseract {} {}.tess -l vie >/dev/null 2>&1
t1=$(date +%s.%N)
rm -f "$work"/pages/*.tess.txt
$bin run "$work/pages" -o "$work/plain.jsonl" --jobs 2 --quiet
t2=$(date +%s.%N)
$bin run "$work/pages" -o "$work/pdf.jsonl" --jobs 2 --quiet --pdf-dir "$work/pdfs"
t3=$(date +%s.%N)
python3 - "$n" "$t0" "$t1" "$t2" "$t3" <<'PY'
import sys
n, t0, t1, t2, t3 = int(sys.argv[1]), *map(float, sys.argv[2:])
a, b, c = n / (t1 - t0), n / (t2 - t1), n / (t3 - t2)
print(f"{n} pages: tesseract CLI x2 {a:.3f} pages/s   vanban {b:.3f} ({b / a:.0%})   "
      f"vanban --pdf-dir {c:.3f} ({c / a:.0%})")
PY
