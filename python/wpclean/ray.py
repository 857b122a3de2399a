"""wpclean on Ray Data: a Dataset column of post JSON in, a Dataset of articles out.

``map_batches(batch_format="pyarrow")`` hands each worker Arrow tables that go straight to
``Extractor.clean_arrow``. Ray splits the work by block; each actor of the pool builds one
:class:`wpclean.Extractor` and cleans every batch it is given. Ray is imported only when
these functions are called.

    import ray, wpclean.ray

    ds = ray.data.read_text("exports/posts.ndjson").rename_columns({"text": "post"})
    wpclean.ray.clean(ds, workers=8).write_parquet("articles/")
"""

__all__ = ["clean", "records"]


class _Cleaner:
    """One actor's Extractor; called with each pyarrow Table of its share of the blocks."""

    def __init__(self, method, column, threads, options):
        import wpclean

        self._extractor = wpclean.Extractor(**options)
        self._method = method
        self._column = column
        self._threads = threads

    def __call__(self, table):
        import pyarrow as pa
        import wpclean

        call = getattr(self._extractor, self._method)
        batches = [call(b, self._column, self._threads) for b in table.to_batches()]
        if not batches:
            schema = {"clean_arrow": wpclean.article_schema, "records_arrow": wpclean.record_schema}
            return schema[self._method]().empty_table()
        return pa.Table.from_batches(batches)


def _map(ds, method, column, workers, threads, batch_size, options, udf=_Cleaner):
    import ray.data
    import wpclean

    wpclean.Extractor(**options)  # Bad options fail here, not in every actor.
    return ds.select_columns([column]).map_batches(
        udf,
        fn_constructor_args=(method, column, threads, options),
        batch_format="pyarrow",
        batch_size=batch_size,
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=threads,
    )


def clean(ds, column="post", workers=2, threads=1, batch_size=256, **options):
    """Cleans the posts in ``column`` (JSON strings) of a Ray Dataset on ``workers`` actors.

    One output row per input row, with :func:`wpclean.article_schema`; ``error`` set and
    the rest null for a post that failed. ``options`` are :class:`wpclean.Extractor`'s.
    """
    return _map(ds, "clean_arrow", column, workers, threads, batch_size, options)


def records(ds, column="post", workers=2, threads=1, batch_size=256, **options):
    """The search records of the posts in ``column``, with :func:`wpclean.record_schema`."""
    return _map(ds, "records_arrow", column, workers, threads, batch_size, options)
