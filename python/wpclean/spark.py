"""wpclean on Spark: a DataFrame column of post JSON in, a DataFrame of articles out.

The posts are cleaned in the executors' Python workers through ``mapInArrow``: Arrow
batches go from the JVM to ``Extractor.clean_arrow`` and back without a Python object per
row. Spark splits the work by partition (one task per partition, in parallel over the
executors); each task builds its own :class:`wpclean.Extractor` once. PySpark is imported
only when these functions are called.

    from pyspark.sql import SparkSession
    import wpclean.spark

    spark = SparkSession.builder.getOrCreate()
    posts = spark.read.text("exports/*.ndjson").withColumnRenamed("value", "post")
    wpclean.spark.clean(posts).write.parquet("articles.parquet")
"""

__all__ = ["article_schema", "clean", "clean_files", "clean_warcs", "record_schema", "records"]


def _spark_schema(arrow_schema):
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(arrow_schema)


def article_schema():
    """The Spark ``StructType`` of :func:`clean`'s DataFrame."""
    import wpclean

    return _spark_schema(wpclean.article_schema())


def record_schema():
    """The Spark ``StructType`` of :func:`records`'s DataFrame."""
    import wpclean

    return _spark_schema(wpclean.record_schema())


def _batches(method, column, threads, options):
    """The function each task runs: one Extractor, every batch of the partition through it."""

    def run(batches):
        import wpclean

        ex = wpclean.Extractor(**options)
        call = getattr(ex, method)
        for batch in batches:
            yield call(batch, column, threads)

    return run


def clean(df, column="post", threads=1, **options):
    """Cleans the posts in ``column`` (JSON strings) of a Spark DataFrame.

    Returns a DataFrame with :func:`article_schema`: one row per input row (in each
    partition's order), ``error`` set and the rest null for a post that failed. ``threads``
    is the cores each task uses (default 1: Spark already runs one task per core).
    ``options`` are :class:`wpclean.Extractor`'s.
    """
    import wpclean

    wpclean.Extractor(**options)  # Bad options fail here, not in every task.
    return df.select(column).mapInArrow(
        _batches("clean_arrow", column, threads, options), article_schema()
    )


def records(df, column="post", threads=1, **options):
    """The search records of the posts in ``column``, with :func:`record_schema`.

    ``row`` is the post's position within its Arrow batch; add your own key column to the
    input and join if records must be traced back across partitions.
    """
    import wpclean

    wpclean.Extractor(**options)
    return df.select(column).mapInArrow(
        _batches("records_arrow", column, threads, options), record_schema()
    )


def clean_files(spark, paths, format="auto", batch_size=64, threads=1, **options):
    """Cleans files spread over the executors: exports, saved pages or WARC crawls.

    ``paths`` are paths every executor can read (a shared file system; Spark reads none of
    them itself). Each file is one task: it is read and cleaned ``batch_size`` posts at a
    time into Arrow batches, so memory stays bounded however large the file. Returns a
    DataFrame with :func:`article_schema`: one row per article, and one error row (``error``
    set) per record that could not be read; what is not a post (a WARC request record, a
    404, an archive page) is left out.
    """
    import wpclean

    wpclean.Extractor(**options)  # Bad options fail here, not in every task.
    paths = [str(p) for p in paths]
    df = spark.createDataFrame([(p,) for p in paths], "path string")
    df = df.repartition(max(len(paths), 1), "path")

    def run(batches):
        import wpclean

        ex = wpclean.Extractor(**options)
        for batch in batches:
            for path in batch.column("path").to_pylist():
                yield from ex.clean_file_arrow(path, format, batch_size, threads)

    return df.mapInArrow(run, article_schema())


def clean_warcs(spark, paths, batch_size=64, threads=1, **options):
    """Cleans WARC crawls (``.warc``, ``.warc.gz``) spread over the executors, one task per
    file, as cc-pyspark does for Common Crawl: each HTML response record is read as a saved
    page (see :func:`clean_files`). The article's ``page.warc`` says which file, record,
    offset and length it came from."""
    return clean_files(spark, paths, "warc", batch_size, threads, **options)

