from os import PathLike
from typing import Any, Iterable, Union

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.types import StructType

def article_schema() -> StructType: ...
def record_schema() -> StructType: ...
def clean(df: DataFrame, column: str = "post", threads: int = 1, **options: Any) -> DataFrame: ...
def records(df: DataFrame, column: str = "post", threads: int = 1, **options: Any) -> DataFrame: ...
def clean_files(
    spark: SparkSession,
    paths: Iterable[Union[str, PathLike[str]]],
    format: str = "auto",
    batch_size: int = 64,
    threads: int = 1,
    **options: Any,
) -> DataFrame: ...
def clean_warcs(
    spark: SparkSession,
    paths: Iterable[Union[str, PathLike[str]]],
    batch_size: int = 64,
    threads: int = 1,
    **options: Any,
) -> DataFrame: ...
