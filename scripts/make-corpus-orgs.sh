#!/usr/bin/env bash
# make-corpus-orgs.sh -- the organisation gold set on corpus windows: 40 windows of 60 lines of
# ../shared/corpus/train/admin_tnt305_tvpl_docs.txt (accented; none with a line of the real
# documents), cut out by fixtures/corpus-orgs/INDEX.tsv (name, first line, last line), with the
# organisations two annotators read in them (fixtures/corpus-orgs/NAME.orgs.txt, every mention
# in text order, `#` lines their doubts). The corpus text is not in the repository; this puts
# each window and a gold file holding only organisations into OUT_DIR, for
#   vanban eval --summary --gold OUT_DIR     # read the `organization` row only
# Usage: scripts/make-corpus-orgs.sh OUT_DIR
set -euo pipefail
out=${1:?usage: make-corpus-orgs.sh OUT_DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${VANBAN_SHARED:-$here/../shared}
src=$shared/corpus/train/admin_tnt305_tvpl_docs.txt
mkdir -p "$out"
while IFS=$'\t' read -r name first last; do
  b=${name%.txt}
  sed -n "${first},${last}p" "$src" > "$out/$b.txt"
  python3 - "$here/fixtures/corpus-orgs/$b.orgs.txt" "$out/$b.entities.json" "$name" <<'P'
import json, sys
orgs = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
doc = {k: None for k in ["number", "type", "date", "place", "authority", "parent_authority",
                         "title", "signer", "signer_title"]}
doc["recipients"] = []
g = {"doc": sys.argv[3], "document": doc, "entities": {"organization": orgs}}
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(g, f, ensure_ascii=False, indent=1)
    f.write("\n")
P
done < "$here/fixtures/corpus-orgs/INDEX.tsv"
