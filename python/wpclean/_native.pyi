"""Types of the Rust core (see the package's README for the full documentation)."""

from os import PathLike
from typing import Any, Iterable, Iterator, Optional, Union

import pyarrow

PostInput = Union[str, bytes, dict[str, Any], "Post"]
Article = dict[str, Any]
Record = dict[str, Any]
ErrorRow = dict[str, Any]

__version__: str
_PYARROW_MISSING: str

class Error(Exception):
    """A post that cannot be read or cleaned, or options that do not compile."""

    kind: str
    message: str
    file: Optional[str]
    index: Optional[int]
    id: Optional[int]
    offset: Optional[int]

class Post:
    """A post read by :func:`read_export`."""

    @property
    def id(self) -> Optional[int]: ...
    @property
    def type(self) -> Optional[str]: ...
    @property
    def status(self) -> Optional[str]: ...
    @property
    def slug(self) -> Optional[str]: ...
    @property
    def link(self) -> Optional[str]: ...
    @property
    def file(self) -> Optional[str]: ...
    @property
    def index(self) -> Optional[int]: ...
    @property
    def offset(self) -> Optional[int]: ...

class ExportReader(Iterator[Post]):
    """The posts of one export; what is not a post or cannot be read is gathered aside."""

    def __iter__(self) -> "ExportReader": ...
    def __next__(self) -> Post: ...
    @property
    def skipped(self) -> list[dict[str, Any]]: ...
    @property
    def failed(self) -> list[ErrorRow]: ...

class Extractor:
    """Compiled options; every method may be called from many threads at once."""

    def __init__(
        self,
        *,
        disable: Optional[Iterable[str]] = None,
        drop: Optional[Iterable[str]] = None,
        keep: Optional[Iterable[str]] = None,
        iframe_hosts: Optional[Iterable[str]] = None,
        max_post_bytes: Optional[int] = None,
        max_html_bytes: Optional[int] = None,
        max_depth: Optional[int] = None,
        max_elements: Optional[int] = None,
        max_table_cells: Optional[int] = None,
        max_chars: Optional[int] = None,
        overlap: Optional[int] = None,
        statuses: Optional[Iterable[str]] = None,
        include_protected: bool = False,
        all_page_kinds: bool = False,
        include_comments: bool = False,
    ) -> None: ...
    def clean(self, post: PostInput) -> Article: ...
    def clean_page(
        self,
        html: Union[str, bytes],
        url: Optional[str] = None,
        content_type: Optional[str] = None,
    ) -> Article: ...
    def clean_many(
        self, posts: Iterable[PostInput], threads: Optional[int] = None
    ) -> list[Union[Article, ErrorRow]]: ...
    def records(self, post: PostInput) -> list[Record]: ...
    def records_many(
        self, posts: Iterable[PostInput], threads: Optional[int] = None
    ) -> list[Union[list[Record], ErrorRow]]: ...
    def clean_file_arrow(
        self,
        path: Union[str, PathLike[str]],
        format: str = "auto",
        batch_size: int = 64,
        threads: Optional[int] = None,
    ) -> Iterator[Any]: ...
    def clean_arrow(
        self, batch: pyarrow.RecordBatch, column: str = "post", threads: Optional[int] = None
    ) -> pyarrow.RecordBatch: ...
    def records_arrow(
        self, batch: pyarrow.RecordBatch, column: str = "post", threads: Optional[int] = None
    ) -> pyarrow.RecordBatch: ...

def read_export(
    path: Union[str, PathLike[str]], format: str = "auto", max_post_bytes: Optional[int] = None
) -> ExportReader: ...
