from os import PathLike
from typing import Any, Iterable, Optional, TypeVar, Union

import pyarrow

from ._native import Article, Error, ErrorRow, ExportReader, Extractor, Post, PostInput, Record
from ._native import __version__ as __version__
from ._native import read_export as read_export

_Batch = TypeVar("_Batch", pyarrow.RecordBatch, pyarrow.Table)

def clean(post: PostInput, **options: Any) -> Article: ...
def clean_many(
    posts: Iterable[PostInput], threads: Optional[int] = None, **options: Any
) -> list[Union[Article, ErrorRow]]: ...
def records(post: PostInput, **options: Any) -> list[Record]: ...
def clean_arrow(
    batch: _Batch, column: str = "post", threads: Optional[int] = None, **options: Any
) -> _Batch: ...
def records_arrow(
    batch: _Batch, column: str = "post", threads: Optional[int] = None, **options: Any
) -> _Batch: ...
def article_schema() -> pyarrow.Schema: ...
def record_schema() -> pyarrow.Schema: ...

def read_warc(
    path: Union[str, PathLike[str]], max_post_bytes: Optional[int] = None
) -> ExportReader: ...
