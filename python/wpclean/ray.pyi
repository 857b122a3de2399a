from typing import Any

from ray.data import Dataset

def clean(
    ds: Dataset, column: str = "post", workers: int = 2, threads: int = 1,
    batch_size: int = 256, **options: Any,
) -> Dataset: ...
def records(
    ds: Dataset, column: str = "post", workers: int = 2, threads: int = 1,
    batch_size: int = 256, **options: Any,
) -> Dataset: ...
