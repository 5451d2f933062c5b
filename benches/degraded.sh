#!/usr/bin/env bash
# Degraded images (issue 15): word error rate of `vanban run` against the `tesseract` CLI with
# `vie` on the same images. Pages of real documents (../shared/realdocs/, one page each) are
# rendered clean at 300 dpi, then degraded with ImageMagick as phone photos and tired scanners
# make them: blur, downscale to phone resolution with no DPI, rotation of 1-3 degrees,
# darkening, noise, and all of these together.
# Usage: bash benches/degraded.sh [DOCS]   (default 6 documents; needs imagemagick, pillow)
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_THREAD_LIMIT=1
ndocs=${1:-6}
shared=../shared
cargo build --release --quiet
bin=$PWD/target/release/vanban
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One page of each document, spread over the issuers.
docs=$(ls "$shared"/realdocs/*.txt | awk -v n="$ndocs" 'NR % int(80 / n) == 1' | head -n "$ndocs")
for d in $docs; do
  name=$(basename "$d" .txt)
  # 30 non-empty lines cut at a word before 70 characters: one rendered page, no wrapping.
  python3 -c '
import sys
out = []
for line in open(sys.argv[1], encoding="utf-8"):
    words, cur = line.split(), ""
    for w in words:
        if len(cur) + len(w) + 1 > 70:
            break
        cur = f"{cur} {w}" if cur else w
    if cur:
        out.append(cur)
print("\n".join(out[:30]))' "$d" >"$work/$name.txt"
  bash "$shared/tools/render_ocr.sh" -l "" -o "$name" "$work/$name.txt" "$work/render" >/dev/null 2>&1
done

# The degradations, each a list of ImageMagick operators on the clean 300-dpi page.
declare -A ops=(
  [blur]="-blur 0x1.6"
  [phone]="-resize 640x -strip -units Undefined -density 0"
  [phone-blur]="-resize 576x -blur 0x0.7 -strip -units Undefined -density 0 -quality 70"
  [rotate]="-background white -rotate 2.2"
  [rotate3]="-background white -rotate -3"
  [sideways]="-rotate 90"
  [upside-down]="-rotate 180"
  [dark]="-level 0%,75% -brightness-contrast -20x10"
  [noise]="-attenuate 0.6 +noise Gaussian"
  [photo]="-background white -rotate -1.4 -blur 0x1 -resize 960x -level 0%,85% -attenuate 0.4 +noise Gaussian -strip -units Undefined -density 0 -quality 80"
)
for kind in "${!ops[@]}"; do
  mkdir -p "$work/$kind" "$work/tess-$kind"
  # Photos are JPEGs; scanner degradations stay PNG.
  ext=png
  case $kind in phone-blur | photo) ext=jpg ;; esac
  for p in "$work"/render/*-p001.png; do
    name=$(basename "$p" -p001.png)
    # shellcheck disable=SC2086
    convert "$p" ${ops[$kind]} -type Grayscale "$work/$kind/$name.$ext"
    tesseract "$work/$kind/$name.$ext" "$work/tess-$kind/$name" -l vie >/dev/null 2>&1
  done
  "$bin" run "$work/$kind" -o "$work/$kind.jsonl" --quiet --force --jobs 2 ${VANBAN_ARGS:-}
done

# Scans with a mangled text layer: each clean page OCR'd by Tesseract's English model into a
# searchable PDF (the page image under an invisible layer without diacritics), read with each
# --reocr setting.
mkdir -p "$work/layered"
for p in "$work"/render/*-p001.png; do
  tesseract "$p" "$work/layered/$(basename "$p" -p001.png)" -l eng pdf >/dev/null 2>&1
done
for mode in never auto always; do
  "$bin" run "$work/layered" -o "$work/layered-$mode.jsonl" --quiet --force --jobs 2 --reocr $mode
done

python3 - "$work" "${!ops[@]}" <<'PY'
import json, os, sys
sys.path.insert(0, "benches")
from wer import errors, words as N
work, kinds = sys.argv[1], sorted(sys.argv[2:])
print(f"{'degradation':<12} {'pages':>5} {'words':>6}  {'tesseract vie':>13}  {'vanban':>7}")
tot_t = tot_v = tot_n = 0
for kind in kinds:
    recs = {}
    for line in open(f"{work}/{kind}.jsonl"):
        r = json.loads(line)
        recs[os.path.splitext(os.path.basename(r["source"]["path"]))[0]] = r
    n = et = ev = 0
    for name, r in sorted(recs.items()):
        gt = N(open(f"{work}/render/{name}.gt.txt").read())
        tess = N(open(f"{work}/tess-{kind}/{name}.txt").read())
        mine = N((r.get("text") or {}).get("restored") or "")
        n += len(gt); et += errors(gt, tess); ev += errors(gt, mine)
    tot_t += et; tot_v += ev; tot_n += n
    print(f"{kind:<12} {len(recs):>5} {n:>6}  {et / n:>12.2%}  {ev / n:>7.2%}")
print(f"{'all':<12} {'':>5} {tot_n:>6}  {tot_t / tot_n:>12.2%}  {tot_v / tot_n:>7.2%}")
print()
print("PDFs with an English-OCR text layer: WER of vanban by --reocr")
for mode in ["never", "auto", "always"]:
    n = e = 0
    for line in open(f"{work}/layered-{mode}.jsonl"):
        r = json.loads(line)
        name = os.path.splitext(os.path.basename(r["source"]["path"]))[0]
        gt = N(open(f"{work}/render/{name}.gt.txt").read())
        n += len(gt); e += errors(gt, N((r.get("text") or {}).get("restored") or ""))
    print(f"  --reocr {mode:<7} {e / n:>7.2%}")
PY
