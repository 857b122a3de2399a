"""WordPress posts in, clean structured articles out.

The cleaning is the `wpclean` Rust library's: the dicts are exactly the articles the
`wpclean` command writes as NDJSON, and the Arrow batches have the fixed schema of its
`--format parquet`. Nothing here starts a thread at import: the worker pool of the batch
calls is built on first use (and again in a forked child), so the module is safe in
forked workers (Spark, multiprocessing, Ray).

    >>> import wpclean
    >>> ex = wpclean.Extractor(disable=["toc"])
    >>> ex.clean({"id": 1, "content": {"rendered": "<p>Hi</p>"}})["text"]
    'Hi'

`wpclean.spark` and `wpclean.ray` run the same per-post function on those engines; each
imports its engine only when called.
"""

from ._native import _PYARROW_MISSING, Error, ExportReader, Extractor, Post, __version__, read_export

__all__ = [
    "Error",
    "ExportReader",
    "Extractor",
    "Post",
    "__version__",
    "article_schema",
    "clean",
    "clean_arrow",
    "clean_many",
    "read_export",
    "read_warc",
    "record_schema",
    "records",
    "records_arrow",
]


def read_warc(path, max_post_bytes=None):
    """The pages of a WARC crawl (``.warc`` or ``.warc.gz``) as :class:`Post`s: each HTML
    response record read as a saved page, with ``WARC-Target-URI`` as its address. Records
    that are not pages are in the reader's ``skipped``, those that cannot be read in
    ``failed``."""
    return read_export(path, format="warc", max_post_bytes=max_post_bytes)


def clean(post, **options):
    """Cleans one post (JSON ``str``/``bytes``, ``dict`` or :class:`Post`) into an article dict.

    Raises :class:`Error` for a malformed post. Build an :class:`Extractor` once instead when
    cleaning many posts: it compiles the options once.
    """
    return Extractor(**options).clean(post)


def clean_many(posts, threads=None, **options):
    """Cleans many posts on every core (or ``threads``); a failed post gives an error dict."""
    return Extractor(**options).clean_many(posts, threads=threads)


def records(post, **options):
    """The search records of one post, as the command's ``records`` lines (dicts)."""
    return Extractor(**options).records(post)


def _pyarrow():
    """pyarrow, or an ImportError that names the extra installing it (pyarrow is optional)."""
    try:
        import pyarrow
    except ImportError as e:
        raise ImportError(_PYARROW_MISSING) from e
    return pyarrow


def _each_batch(data, call):
    """Runs ``call`` on a RecordBatch, or on each batch of a Table (giving a Table back)."""
    pa = _pyarrow()

    if isinstance(data, pa.Table):
        batches = [call(b) for b in data.to_batches()]
        schema = batches[0].schema if batches else call(_empty_posts()).schema
        return pa.Table.from_batches(batches, schema=schema)
    return call(data)


def _empty_posts(column="post"):
    pa = _pyarrow()

    return pa.record_batch({column: pa.array([], type=pa.string())})


def clean_arrow(batch, column="post", threads=None, **options):
    """Cleans the posts (JSON text) in ``column`` of a ``pyarrow.RecordBatch`` or ``Table``.

    The result has one row per input row, in order, with the schema of :func:`article_schema`;
    a row whose post failed has its message in ``error`` and nulls elsewhere.
    """
    ex = Extractor(**options)
    return _each_batch(batch, lambda b: ex.clean_arrow(b, column, threads))


def records_arrow(batch, column="post", threads=None, **options):
    """The search records of the posts in ``column``, with the schema of :func:`record_schema`.

    Each record row has ``row``, the position of its post in the input; a failed post gives
    one row with ``error`` set.
    """
    ex = Extractor(**options)
    return _each_batch(batch, lambda b: ex.records_arrow(b, column, threads))


def article_schema():
    """The ``pyarrow.Schema`` of :func:`clean_arrow`'s batches (and of ``--format parquet``)."""
    return Extractor().clean_arrow(_empty_posts()).schema


def record_schema():
    """The ``pyarrow.Schema`` of :func:`records_arrow`'s batches."""
    return Extractor().records_arrow(_empty_posts()).schema
