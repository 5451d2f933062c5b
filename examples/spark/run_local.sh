#!/usr/bin/env bash
# Runs the PySpark job in Spark local mode (local[2]) and checks that it gives exactly the
# records of one plain `vanban run` over the same inputs, then compares throughput.
#
#   bash examples/spark/run_local.sh [INPUT_DIR] [COPIES]
#
# INPUT_DIR defaults to the shipped scans (fixtures/scans). COPIES > 1 replicates the inputs
# that many times in a scratch folder, so that throughput is measured on more than a few
# seconds of OCR. Installs what is missing: a Java runtime (Debian's default-jre-headless)
# and PySpark (from PyPI, into a venv under target/). Exit 0 only if the records match.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
input=${1:-fixtures/scans}
copies=${2:-1}
export OMP_THREAD_LIMIT=1

if ! command -v java >/dev/null; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends default-jre-headless
fi
pyspark=4.0.1  # Java 17 or 21, Python 3.9 to 3.13
venv=$root/target/spark-venv
if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$pyspark')" 2>/dev/null; then
  command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends python3; }
  python3 -m venv "$venv" 2>/dev/null || {
    apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-venv
    python3 -m venv "$venv"
  }
  "$venv/bin/pip" install -q "pyspark==$pyspark"
fi
[ -x target/release/vanban ] || cargo build --release
vanban=$root/target/release/vanban

work=$(mktemp -d /tmp/vanban-spark.XXXXXX)
trap 'rm -rf "$work"' EXIT
data=$work/in
mkdir -p "$data"
for i in $(seq 1 "$copies"); do
  mkdir -p "$data/copy$i"
  cp -r "$input"/. "$data/copy$i/"
done
pages_note="$(find "$data" -type f | wc -l) files"

echo "== plain vanban run --jobs 2 ($pages_note)" >&2
t0=$(date +%s.%N)
"$vanban" run "$data" --jobs 2 -o "$work/plain.jsonl" || [ $? -eq 1 ]
t1=$(date +%s.%N)

echo "== Spark local[2]" >&2
export PYSPARK_PYTHON=$venv/bin/python
s0=$(date +%s.%N)
"$venv/bin/python" - "$data" "$work/spark" "$vanban" <<'PY'
import runpy, sys
from pyspark.sql import SparkSession
data, out, vanban = sys.argv[1:4]
SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false") \
    .config("spark.log.level", "WARN").getOrCreate()
sys.argv = ["vanban_spark.py", data, out, "--vanban", vanban]
try:
    runpy.run_path("examples/spark/vanban_spark.py", run_name="__main__")
except SystemExit as e:
    if e.code:
        raise
PY
s1=$(date +%s.%N)

"$venv/bin/python" - "$work" "$t0" "$t1" "$s0" "$s1" <<'PY'
import glob, json, sys
work, t0, t1, s0, s1 = sys.argv[1], *map(float, sys.argv[2:])

def canon(line):
    r = json.loads(line)
    r["source"].pop("shard", None)  # the only field a run's partitioning may set
    return json.dumps(r, sort_keys=True, ensure_ascii=False)

plain = sorted(canon(l) for l in open(f"{work}/plain.jsonl") if l.strip())
spark = sorted(canon(l) for f in glob.glob(f"{work}/spark/jsonl/part-*")
               for l in open(f) if l.strip())
summary = json.load(open(f"{work}/spark/summary.json"))
from pyspark.sql import SparkSession
s = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
pq = s.read.parquet(f"{work}/spark/parquet")
pq_rows = {(r.source.path, r.source.sha256, r.document.number, len(r.entities))
           for r in pq.select("source", "document", "entities").collect()}
js_rows = {(r["source"]["path"], r["source"]["sha256"], r["document"]["number"],
            len(r["entities"])) for r in map(json.loads, plain)}
s.stop()
pages = sum(json.loads(l)["source"].get("pages") or 0 for l in plain)
plain_pps = pages / (t1 - t0)
spark_pps = summary["pages_per_second"] or 0.0
print(f"records: plain {len(plain)}, spark {len(spark)}, identical: {plain == spark}")
print(f"parquet rows: {len(pq_rows)}, same path/sha/number/entities as plain: {pq_rows == js_rows}")
print(f"pages: {pages}")
print(f"plain vanban run --jobs 2: {t1 - t0:.2f} s, {plain_pps:.3f} pages/s")
print(f"spark local[2] job (listing to JSON Lines written): {summary['seconds_records']:.2f} s, "
      f"{spark_pps:.3f} pages/s" + (f" = {100 * spark_pps / plain_pps:.0f} % of plain" if pages else ""))
print(f"spark end to end (JVM start, Parquet, shutdown): {s1 - s0:.2f} s")
sys.exit(0 if plain == spark and pq_rows == js_rows else 1)
PY
