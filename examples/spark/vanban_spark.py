#!/usr/bin/env python3
"""vanban on Apache Spark.

Lists the documents under INPUT (a local folder or any Hadoop filesystem URI the cluster can
read: hdfs://, s3a://, abfs://, ...), spreads their paths over the executors, pipes each
partition's paths through one `vanban run --files-from - -o -` process and writes the records
as JSON Lines (OUTPUT/jsonl) and as Parquet with the records' nested schema (OUTPUT/parquet).

    spark-submit examples/spark/vanban_spark.py INPUT OUTPUT [--vanban PATH] [--partitions N]

Executors need the `vanban` binary (with its dictionaries beside it: the repo's
`target/release/vanban` finds `dictionaries/` through the build path, or set VANBAN_DICT)
and Tesseract, as the Dockerfile installs them. Local paths (no scheme, or file:) are handed to
vanban as they are, so records name the same paths as a plain `vanban run` over that folder.
Files on other filesystems are copied by Spark (binaryFiles) into a scratch folder on the
executor first; their records name the original URI.

A task succeeds only if vanban exited 0 (all inputs read) or 1 (some inputs gave error
records, which are kept) and every path it was given has exactly one record; otherwise it
raises and Spark retries it, so a crashed or killed vanban never loses records silently.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from pyspark.sql import SparkSession
from pyspark.sql import types as T

EXTENSIONS = (".txt", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


# ---------------------------------------------------------------------------------------------
# The record schema (schema/record.schema.json) as a Spark schema. Entity values differ by
# entity type, so `value` is a tagged union: exactly one member is set, named after the kind
# of value (string: document_number / date / organization, number: percentage, and one
# struct per structured type). Parquet readers then see typed columns, not JSON strings.

def record_schema():
    s, d, l = T.StringType(), T.DoubleType(), T.LongType()
    f = T.StructField
    value = T.StructType([
        f("string", s), f("number", d),
        f("criterion", T.StructType([f("code", s), f("score", d), f("max", d)])),
        f("score", T.StructType([f("value", d), f("max", d)])),
        f("ranking", T.StructType([f("rank", l), f("of", l)])),
        f("legal_reference", T.StructType([f("doc_type", s), f("number", s), f("date", s)])),
    ])
    entity = T.StructType([
        f("type", s), f("text", s), f("value", value),
        f("span", T.ArrayType(l)), f("confidence", d),
    ])
    return T.StructType([
        f("schema_version", l),
        f("source", T.StructType([
            f("path", s), f("sha256", s), f("kind", s), f("pages", l),
            f("ocr_confidence", d), f("shard", s),
        ])),
        f("status", s),
        f("error", T.StructType([f("kind", s), f("message", s)])),
        f("text", T.StructType([f("raw", s), f("restored", s)])),
        f("restoration", T.StructType([
            f("tokens", l), f("changed", l), f("mean_confidence", d), f("low_confidence", l),
        ])),
        f("document", T.StructType([
            f("number", s), f("type", s), f("date", s), f("place", s), f("authority", s),
            f("parent_authority", s), f("title", s), f("signer", s), f("signer_title", s),
            f("recipients", T.ArrayType(s)),
        ])),
        f("entities", T.ArrayType(entity)),
    ])


def _num(x):
    return None if x is None else float(x)


def entity_value(e):
    """One entity's value as the tagged union of record_schema()."""
    v = e.get("value")
    u = {"string": None, "number": None, "criterion": None, "score": None,
         "ranking": None, "legal_reference": None}
    t = e.get("type")
    if isinstance(v, str):
        u["string"] = v
    elif isinstance(v, (int, float)) and not isinstance(v, bool):
        u["number"] = float(v)
    elif isinstance(v, dict) and t == "criterion":
        u["criterion"] = {"code": v.get("code"), "score": _num(v.get("score")),
                          "max": _num(v.get("max"))}
    elif isinstance(v, dict) and t == "score":
        u["score"] = {"value": _num(v.get("value")), "max": _num(v.get("max"))}
    elif isinstance(v, dict) and t == "ranking":
        u["ranking"] = {"rank": v.get("rank"), "of": v.get("of")}
    elif isinstance(v, dict) and t == "legal_reference":
        u["legal_reference"] = {k: v.get(k) for k in ("doc_type", "number", "date")}
    return u


def to_row(line):
    """A JSON record as a dict matching record_schema()."""
    r = json.loads(line)
    src = r.get("source") or {}
    rest = r.get("restoration")
    return {
        "schema_version": r.get("schema_version"),
        "source": {
            "path": src.get("path"), "sha256": src.get("sha256"), "kind": src.get("kind"),
            "pages": src.get("pages"), "ocr_confidence": _num(src.get("ocr_confidence")),
            "shard": src.get("shard"),
        },
        "status": r.get("status"),
        "error": r.get("error"),
        "text": r.get("text"),
        "restoration": None if rest is None else {
            "tokens": rest["tokens"], "changed": rest["changed"],
            "mean_confidence": _num(rest["mean_confidence"]),
            "low_confidence": rest["low_confidence"],
        },
        "document": r.get("document"),
        "entities": [
            {"type": e.get("type"), "text": e.get("text"), "value": entity_value(e),
             "span": e.get("span"), "confidence": _num(e.get("confidence"))}
            for e in r.get("entities") or []
        ],
    }


# ---------------------------------------------------------------------------------------------
# Listing and distributing the inputs.

def list_inputs(spark, root):
    """Every document under root, recursively, as (uri, size), sorted; through Hadoop's
    FileSystem, so any scheme the cluster is configured for works."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(root)
    fs = path.getFileSystem(conf)
    it = fs.listFiles(path, True)
    out = []
    while it.hasNext():
        st = it.next()
        uri = st.getPath().toString()
        if uri.lower().endswith(EXTENSIONS):
            out.append((uri, st.getLen()))
    out.sort()
    return out


def local_path(uri):
    """The local path of a file: URI (or None for other schemes)."""
    if uri.startswith("file:"):
        p = uri[len("file:"):]
        while p.startswith("//"):
            p = p[1:]
        return p
    return None if "://" in uri else uri


def balanced(files, n):
    """Assigns files to n partitions, largest first to the lightest partition (pages, and so
    OCR time, grow with file size), so no executor is left with the heavy tail."""
    loads = [0] * n
    parts = []
    for uri, size in sorted(files, key=lambda f: (-f[1], f[0])):
        i = min(range(n), key=lambda k: (loads[k], k))
        loads[i] += max(size, 1)
        parts.append((i, uri))
    return parts


# ---------------------------------------------------------------------------------------------
# The executor side: one vanban process per partition.

def pipe_through_vanban(vanban, args, paths, rename=None):
    """Feeds paths to `vanban run --files-from - -o -` and yields its records as they come.
    Raises (so that Spark retries the task) if vanban died or a path has no record."""
    cmd = [vanban, "run", "--files-from", "-", "-o", "-", *args]
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)

    def feed():
        try:
            for p in paths:
                proc.stdin.write(p.encode() + b"\n")
        finally:
            proc.stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    seen = {}
    for raw in proc.stdout:
        line = raw.decode().rstrip("\n")
        if not line:
            continue
        rec = json.loads(line)
        p = rec["source"]["path"]
        seen[p] = seen.get(p, 0) + 1
        if rename is not None:
            rec["source"]["path"] = rename.get(p, p)
            line = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
        yield line
    writer.join()
    code = proc.wait()
    if code not in (0, 1):
        raise RuntimeError(f"vanban exited with status {code}")
    lost = [p for p in paths if seen.get(p) != 1]
    if lost:
        raise RuntimeError(f"vanban gave no single record for {len(lost)} inputs, e.g. {lost[0]}")


def run_local(vanban, args):
    def run(part):
        paths = [uri for _, uri in part]
        if paths:
            yield from pipe_through_vanban(vanban, args, [local_path(u) for u in paths])
    return run


def run_staged(vanban, args):
    def run(part):
        part = list(part)
        if not part:
            return
        scratch = tempfile.mkdtemp(prefix="vanban-spark-")
        try:
            rename, paths = {}, []
            for i, (uri, data) in enumerate(part):
                ext = os.path.splitext(uri)[1]
                p = os.path.join(scratch, f"{i:06d}{ext}")
                with open(p, "wb") as fh:
                    fh.write(data)
                rename[p] = uri
                paths.append(p)
            yield from pipe_through_vanban(vanban, args, paths, rename)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="folder or filesystem URI to read documents from")
    ap.add_argument("output", help="output folder: jsonl/ and parquet/ are written inside")
    ap.add_argument("--vanban", default=os.environ.get("VANBAN", "vanban"),
                    help="the vanban binary on the executors (default: vanban on PATH)")
    ap.add_argument("--partitions", type=int, default=0,
                    help="vanban processes (tasks); default: one per core, at most ~500 inputs each")
    ap.add_argument("--stage", action="store_true",
                    help="copy inputs through Spark even if they are local paths")
    ap.add_argument("--ocr-lang", default=None, help="passed to vanban run --ocr-lang")
    ap.add_argument("--no-parquet", action="store_true", help="write JSON Lines only")
    a = ap.parse_args()

    spark = SparkSession.builder.appName("vanban").getOrCreate()
    sc = spark.sparkContext
    t0 = time.time()
    files = list_inputs(spark, a.input)
    if not files:
        print(f"vanban-spark: no documents under {a.input}", file=sys.stderr)
        return 2
    # One vanban process per core (its model and Tesseract load once), but no more than
    # ~500 documents per task, so that a retried task repeats little work.
    n = a.partitions or max(sc.defaultParallelism, -(-len(files) // 500))
    n = min(n, len(files))
    args = ["--jobs", "1"] + (["--ocr-lang", a.ocr_lang] if a.ocr_lang else [])
    staged = a.stage or any(local_path(u) is None for u, _ in files)
    parts = balanced(files, n)
    if staged:
        # binaryFiles reads on the executors; key them by URI, then group as balanced().
        where = {uri: i for i, uri in parts}
        data = sc.binaryFiles(",".join(u for u, _ in files), n)
        rdd = (data.map(lambda kv: (where.get(kv[0], hash(kv[0]) % n), kv))
               .partitionBy(n, lambda k: k)
               .values()
               .mapPartitions(run_staged(a.vanban, args)))
    else:
        # One element per slice, each the list of one partition's paths: no shuffle.
        groups = [[(i, uri) for i, uri in parts if i == k] for k in range(n)]
        rdd = (sc.parallelize(groups, n)
               .flatMap(lambda g: g)
               .mapPartitions(run_local(a.vanban, args)))
    records = rdd.cache()
    records.saveAsTextFile(os.path.join(a.output, "jsonl"))
    t1 = time.time()
    if not a.no_parquet:
        df = spark.createDataFrame(records.map(to_row), schema=record_schema())
        df.write.mode("overwrite").parquet(os.path.join(a.output, "parquet"))
    t2 = time.time()
    count = records.count()
    pages = records.map(lambda l: json.loads(l)["source"].get("pages") or 0).sum()
    errors = records.filter(lambda l: json.loads(l)["status"] != "ok").count()
    summary = {
        "documents": len(files), "records": count, "errors": errors, "pages": pages,
        "partitions": n, "staged": staged,
        "seconds_records": round(t1 - t0, 3), "seconds_parquet": round(t2 - t1, 3),
        "pages_per_second": round(pages / (t1 - t0), 3) if t1 > t0 else None,
    }
    print("vanban-spark: " + json.dumps(summary), file=sys.stderr)
    if local_path(a.output) is not None:
        with open(os.path.join(local_path(a.output), "summary.json"), "w") as fh:
            json.dump(summary, fh)
    spark.stop()
    return 0 if count == len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
