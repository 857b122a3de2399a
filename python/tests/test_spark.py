"""A real Spark job: two executor JVMs, four partitions, Parquet written and read back."""

import os
import sys

import pytest

import wpclean
import wpclean.spark
from conftest import cli_articles, needs_corpus
from engines import check_articles, rest_posts_ndjson

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed")


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local-cluster[2,1,1024]")
        .appName("wpclean-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.executor.memory", "512m")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()


@needs_corpus()
def test_spark_job_cleans_every_post_like_the_command(spark, cli, tmp_path):
    ndjson, lines = rest_posts_ndjson(tmp_path)
    expected = cli_articles(cli, ndjson)
    posts = spark.read.text(str(ndjson)).withColumnRenamed("value", "post").repartition(4)
    assert posts.rdd.getNumPartitions() == 4
    articles = wpclean.spark.clean(posts)

    rows = [r.asDict(recursive=True) for r in articles.collect()]
    check_articles(rows, expected, len(lines))

    # The same tasks, followed by a probe in the Python worker that ran them (defined here
    # so that it is sent to the workers by value).
    def pids(batches):
        import pyarrow as pa

        for b in batches:
            yield pa.record_batch({"pid": pa.array([os.getpid()], pa.int64()),
                                   "n": pa.array([b.num_rows], pa.int64())})

    probe = articles.mapInArrow(pids, "pid long, n long").collect()
    assert sum(r.n for r in probe) == len(lines)
    assert len({r.pid for r in probe}) >= 2, f"one worker process did everything: {probe}"

    out = str(tmp_path / "articles.parquet")
    articles.write.parquet(out)
    back = [r.asDict(recursive=True) for r in spark.read.parquet(out).collect()]
    check_articles(back, expected, len(lines))


def test_spark_records_have_the_record_schema(spark):
    from conftest import FIXTURES

    seed = (FIXTURES / "seed-post.json").read_text(encoding="utf-8").replace("\n", " ")
    df = spark.createDataFrame([(seed,), ("{",)], "post string")
    rows = [r.asDict(recursive=True) for r in wpclean.spark.records(df).collect()]
    expected = wpclean.records(seed)
    good = [r for r in rows if r["error"] is None]
    assert len(rows) - len(good) == 1
    assert len(good) == len(expected)
    for row, record in zip(sorted(good, key=lambda r: r["id"]), sorted(expected, key=lambda r: r["id"])):
        del row["row"], row["error"]
        assert row == record


def test_spark_cleans_warc_files_spread_over_the_executors(spark, cli, tmp_path):
    from warcs import write_warcs

    paths, pages = write_warcs(str(tmp_path), corrupt=True)
    articles = wpclean.spark.clean_warcs(spark, paths)
    rows = [r.asDict(recursive=True) for r in articles.collect()]
    good = [r for r in rows if r["error"] is None]
    bad = [r for r in rows if r["error"] is not None]
    assert len(good) == pages, [r["error"] for r in bad]
    assert len(bad) == 1 and "crawl-1.warc.gz" in bad[0]["error"], bad
    # The same articles as the command's, and each says where its record is.
    expected = {a["url"]: a for p in paths for a in cli_articles(cli, p)}
    for r in good:
        e = expected[r["url"]]
        assert (r["id"], r["title"], r["text"]) == (e["id"], e["title"], e["text"])
        assert r["page"]["warc"]["offset"] == e["page"]["warc"]["offset"]
        assert r["page"]["warc"]["file"].endswith(".warc.gz")
