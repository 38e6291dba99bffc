"""Engines: where the pipeline runs. `local` codes in this process; `dask` on a Dask cluster.

Every engine is a context manager with the same two methods, and the same results in the
same order for the same inputs:

- `code(inputs, options)`: an iterator of `Coded` results and `InputError`s, in reading order;
- `write_shards(inputs, options, out_dir)`: codes and writes the events as Parquet shards
  (`part-NNNNN.parquet`, one per partition), yielding the `InputError`s and one `Shard` per partition.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from ..readers import ReadOptions
from ..records import InputError
from .partitions import Result
from .shards import SHARD_PATTERN, Shard

ENGINES = ("local", "dask")


class Engine(Protocol):
    name: str

    @property
    def dashboard_link(self) -> str | None: ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *args: object) -> None: ...

    def code(self, inputs: list[str], options: ReadOptions) -> Iterator[Result]: ...

    def write_shards(self, inputs: list[str], options: ReadOptions, out_dir: Path) -> Iterator[InputError | Shard]: ...


def open_engine(
    name: str, *, scheduler: str | None = None, workers: int | None = None, partition_size: int = 500
) -> Engine:
    """An engine by name; enter it (`with`) before use. The dask engine needs `eventwire[dask]`."""
    if name == "local":
        from .local import LocalEngine

        return LocalEngine(partition_size)
    if name == "dask":
        from .dask import DaskEngine

        return DaskEngine(scheduler, workers, partition_size)
    raise ValueError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")


__all__ = ["ENGINES", "SHARD_PATTERN", "Engine", "Result", "Shard", "open_engine"]
