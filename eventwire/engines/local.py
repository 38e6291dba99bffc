"""The in-process engine: read, code and write in this process, in reading order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from ..pipeline import Pipeline
from ..readers import ReadOptions, read_inputs
from ..records import InputError
from .partitions import Result, code_partition_to_shard, plan
from .shards import Shard


class LocalEngine:
    name = "local"
    dashboard_link: str | None = None

    def __init__(self, partition_size: int = 500) -> None:
        self.partition_size = partition_size
        self.pipeline = Pipeline()

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        return None

    def code(self, inputs: list[str], options: ReadOptions) -> Iterator[Result]:
        return self.pipeline.code_all(read_inputs(inputs, options))

    def write_shards(self, inputs: list[str], options: ReadOptions, out_dir: Path) -> Iterator[InputError | Shard]:
        for partition in plan(inputs, options, self.partition_size):
            yield from code_partition_to_shard(self.pipeline, partition, options, out_dir)
