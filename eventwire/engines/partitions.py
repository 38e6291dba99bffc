"""Inputs split into partitions, and one partition coded: the unit of work of every engine.

A partition is either a run of items the readers produced (text, JSONL, CSV and HTML
files, standard input; read where the run was started) or a slice of rows of a Parquet
file (read where the partition is coded, so an archive never passes through one machine).
Partitions are numbered in reading order; concatenating their results in that order gives
exactly the sequence that reading and coding everything in one process gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from ..pipeline import Coded, Pipeline
from ..readers import (
    PARQUET_SUFFIXES,
    BadInput,
    Item,
    ReadOptions,
    expand_inputs,
    parquet_rows,
    read_parquet,
    read_source,
)
from ..records import InputError
from .shards import Shard, write_shard

Result = Coded | InputError


@dataclass(frozen=True, slots=True)
class ItemsPartition:
    """Reports (and reading errors, passed through) that were read before the partition was sent."""

    index: int
    items: tuple[Item, ...]

    def load(self, options: ReadOptions) -> Iterator[Item]:
        return iter(self.items)

    def size(self) -> int:
        return len(self.items)

    def failed(self, reason: str) -> Iterator[InputError]:
        for item in self.items:
            yield item if isinstance(item, InputError) else InputError(item.id, reason)


@dataclass(frozen=True, slots=True)
class ParquetSlice:
    """Rows [start, stop) of a Parquet file, read by whoever codes the partition."""

    index: int
    path: str
    start: int
    stop: int

    def load(self, options: ReadOptions) -> Iterator[Item]:
        return read_parquet(Path(self.path), options, self.start, self.stop)

    def size(self) -> int:
        return self.stop - self.start

    def failed(self, reason: str) -> Iterator[InputError]:
        for row in range(self.start + 1, self.stop + 1):
            yield InputError(self.path, reason, row)


Partition = ItemsPartition | ParquetSlice


def plan(inputs: list[str], options: ReadOptions, size: int) -> Iterator[Partition]:
    """The partitions of the inputs, in reading order, of at most `size` reports each (lazily)."""
    if size < 1:
        raise ValueError("partition size must be at least 1")
    numbers = count()
    batch: list[Item] = []
    for source in expand_inputs(inputs):
        if isinstance(source, Path) and source.suffix.lower() in PARQUET_SUFFIXES:
            try:
                rows = parquet_rows(source)
            except BadInput as error:
                batch.append(InputError(str(source), str(error)))
                continue
            if batch:
                yield ItemsPartition(next(numbers), tuple(batch))
                batch = []
            for start in range(0, rows, size):
                yield ParquetSlice(next(numbers), str(source), start, min(start + size, rows))
            continue
        for item in read_source(source, options):
            batch.append(item)
            if len(batch) >= size:
                yield ItemsPartition(next(numbers), tuple(batch))
                batch = []
    if batch:
        yield ItemsPartition(next(numbers), tuple(batch))


def code_partition(pipeline: Pipeline, partition: Partition, options: ReadOptions) -> list[Result]:
    return list(pipeline.code_all(partition.load(options)))


def code_partition_to_shard(
    pipeline: Pipeline, partition: Partition, options: ReadOptions, out_dir: Path
) -> list[InputError | Shard]:
    """Code a partition and write its events as one Parquet shard; return its errors and the shard."""
    results = code_partition(pipeline, partition, options)
    coded = [r for r in results if isinstance(r, Coded)]
    shard = write_shard(out_dir, partition.index, [e for c in coded for e in c.events], reports=len(coded))
    return [*(r for r in results if isinstance(r, InputError)), shard]
