#!/usr/bin/env bash
# Fetches the official lists of Vietnam's administrative divisions that `vanban train
# --divisions` turns into dictionaries/places.txt: the PyPI package `vietnam-provinces`,
# version 2025.10.1 (34 provinces and 3,321 communes and wards after 1 July 2025) and 0.6.0
# (63 provinces, 696 districts and 10,051 communes before), pinned by sha256. Writes
# target/divisions/<version>.json (the packages' nested-divisions.json).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/divisions
mkdir -p "$out/wheels"
cat >"$out/requirements.txt" <<'REQ'
vietnam-provinces==2025.10.1 --hash=sha256:1693dece496b1e04e2b637a3dd79a87a22666e13c91c51cf06dc27e482987f57
REQ
cat >"$out/requirements-old.txt" <<'REQ'
vietnam-provinces==0.6.0 --hash=sha256:4b5772870efdcb7c58a64fbdc0e0c9ce497e67017a0c189dff99582ddadb7815
REQ
for req in requirements.txt requirements-old.txt; do
  python3 -m pip download -q --no-deps --require-hashes -r "$out/$req" -d "$out/wheels"
done
for v in 2025.10.1 0.6.0; do
  python3 - "$out/wheels/vietnam_provinces-$v-py3-none-any.whl" "$out/$v.json" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    data = z.read("vietnam_provinces/data/nested-divisions.json")
open(sys.argv[2], "wb").write(data)
PY
done
ls -l "$out"/*.json
