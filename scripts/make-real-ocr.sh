#!/usr/bin/env bash
# make-real-ocr.sh -- an English-OCR extraction set from annotated real documents: each
# document's published text (NAME.restored.txt) rendered clean and rough by
# ../shared/tools/render_ocr.sh, read by Tesseract's English model; the input is that OCR text,
# the gold the document's entity gold (same entities, `doc` renamed).
#
# Usage: scripts/make-real-ocr.sh SRC_DIR OUT_DIR NAME_PREFIX...
#   scripts/make-real-ocr.sh fixtures/real/dev fixtures/real-ocr-dev2 002 005 009 015 025 029 \
#     036 044 047 051 053 062 069 080          # fixtures/real-ocr-dev2 (sixteenth session)
# Clean pages: `-n 0 -s 5`; rough: `-n 2 -s 7`. Deterministic: same arguments, same output.
#   scripts/make-real-ocr.sh fixtures/real/dev fixtures/real-ocr-dev3 003 006 008 016 024 028 \
#     033 041 046 050 054 057 059 061 064 066 075 077
#   scripts/make-real-ocr.sh fixtures/real/dev2 fixtures/real-ocr-dev3 001 011 049 058 071 072 \
#     073 079                                  # fixtures/real-ocr-dev3 (seventeenth session)
# The rough renders of the fixtures were made WITHOUT numpy for render_ocr.sh's python3 (Pillow's
# own grain): with numpy the grain differs and so does the OCR text. To reproduce them, hide
# numpy (e.g. PYTHONPATH=DIR where DIR/numpy.py raises ImportError).
set -euo pipefail
src=${1:?usage: make-real-ocr.sh SRC_DIR OUT_DIR NAME_PREFIX...}
out=${2:?usage: make-real-ocr.sh SRC_DIR OUT_DIR NAME_PREFIX...}
shift 2
shared=${VANBAN_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
for n in "$@"; do
  f=$(ls "$src/${n}"_*.restored.txt)
  b=$(basename "$f" .restored.txt)
  for lv in clean rough; do
    if [ "$lv" = clean ]; then opt=(-n 0 -s 5); else opt=(-n 2 -s 7); fi
    bash "$shared/tools/render_ocr.sh" "${opt[@]}" -l eng -o "${b}_$lv" "$f" "$work/$lv" >/dev/null
    cp "$work/$lv/${b}_$lv.eng.txt" "$out/${b}_$lv.txt"
    python3 - "$src/$b.entities.json" "$out/${b}_$lv.entities.json" "${b}_$lv.txt" <<'P'
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
g["doc"] = sys.argv[3]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(g, f, ensure_ascii=False, indent=2)
    f.write("\n")
P
  done
done
