#!/usr/bin/env python3
"""Throughput of the Python package against the command, on the same posts, same machine.

    python/bench.py [--copies N] [--spark]

Posts: every JSON object of ../shared/corpus/wp-rest (the REST posts), repeated N times, as
NDJSON. Figures: posts/s of the command (`-j 1` and all cores), `clean_many` (1 thread and
all cores), `clean_arrow` (1 thread and all cores), and with --spark the Spark job of the
tests (read text, 4 partitions, clean, write Parquet) on local-cluster[1,1,1024] against
local-cluster[2,1,1024]. Each figure is the best of three runs.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
# The installed package, not the source folder this script sits in (it has no compiled module).
sys.path = [p for p in sys.path if pathlib.Path(p or ".").resolve() != ROOT / "python"]
sys.path.insert(0, str(ROOT / "python" / "tests"))


def posts(copies):
    from engines import _posts

    lines = []
    for path in sorted(CORPUS.glob("wp-rest/**/*.json")):
        try:
            value = json.loads(path.read_text(encoding="utf-8-sig"))
        except ValueError:
            continue
        lines.extend(json.dumps(p) for p in _posts(value))
    return lines * copies


def best(f, runs=3):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def report(name, n, secs, base=None):
    rate = n / secs
    ratio = f"  {rate / base:.2f}x the command" if base else ""
    print(f"{name:<40} {rate:9.0f} posts/s ({secs:.2f} s){ratio}")
    return rate


def spark_job(master, path, out):
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    from pyspark.sql import SparkSession

    import wpclean.spark

    spark = (
        SparkSession.builder.master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.executor.memory", "512m")
        .getOrCreate()
    )

    def job():
        df = spark.read.text(str(path)).withColumnRenamed("value", "post").repartition(4)
        wpclean.spark.clean(df).write.mode("overwrite").parquet(str(out))

    job()  # warm-up: JVMs and Python workers started
    secs = best(job)
    spark.stop()
    return secs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--spark", action="store_true")
    ap.add_argument("--cli", default=str(ROOT / "target" / "release" / "wpclean"))
    args = ap.parse_args()

    import pyarrow as pa

    import wpclean

    lines = posts(args.copies)
    n = len(lines)
    cores = os.cpu_count()
    tmp = pathlib.Path(tempfile.mkdtemp())
    path = tmp / "posts.ndjson"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{n} posts ({path.stat().st_size / 1e6:.1f} MB), {cores} cores")

    def cli(jobs):
        subprocess.run([args.cli, "--quiet", "-j", str(jobs), str(path)],
                       stdout=subprocess.DEVNULL, check=False)

    ex = wpclean.Extractor()
    batch = pa.record_batch({"post": lines})
    for threads in (1, cores):
        base = report(f"command -j {threads}", n, best(lambda: cli(threads)))
        report(f"clean_many threads={threads}", n,
               best(lambda: ex.clean_many(lines, threads=threads)), base)
        report(f"clean_arrow threads={threads}", n,
               best(lambda: ex.clean_arrow(batch, threads=threads)), base)
    if args.spark:
        one = report("spark local-cluster[1,1,1024]", n,
                     spark_job("local-cluster[1,1,1024]", path, tmp / "one"))
        two = report("spark local-cluster[2,1,1024]", n,
                     spark_job("local-cluster[2,1,1024]", path, tmp / "two"))
        print(f"2 executors / 1 executor: {two / one:.2f}")


if __name__ == "__main__":
    main()
