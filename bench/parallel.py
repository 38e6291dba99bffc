"""Throughput with several processes on the bench corpus: a pool of N worker processes, and the Dask
engine with a local cluster of N workers, both in wall-clock time on an otherwise idle machine.

Both are timed from the moment every worker has its pipeline built and warmed (a pool) or the
cluster is up (Dask, whose workers build their pipeline on their first partition, so its figure
includes that), to the last result back; the one-process figure is the same pool with one worker.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwire import Coded, Pipeline, Report

_PIPELINE: Pipeline | None = None


@dataclass(frozen=True, slots=True)
class Parallel:
    label: str
    reports: int
    wall_s: float
    events: int

    @property
    def per_s(self) -> float:
        return self.reports / self.wall_s if self.wall_s else 0.0


def _start_worker(warm_up: Sequence[Report]) -> None:
    global _PIPELINE
    _PIPELINE = Pipeline()
    for report in warm_up:
        _PIPELINE.code(report)


def _code_chunk(chunk: Sequence[Report]) -> int:
    assert _PIPELINE is not None
    return sum(len(result.events) for result in map(_PIPELINE.code, chunk) if isinstance(result, Coded))


def _chunks(corpus: Sequence[Report], size: int) -> list[Sequence[Report]]:
    return [corpus[start : start + size] for start in range(0, len(corpus), size)]


def pool_rate(corpus: Sequence[Report], processes: int, chunk: int = 25) -> Parallel:
    """Reports per wall-clock second through `processes` worker processes, each with its own pipeline."""
    context = multiprocessing.get_context("spawn")  # fresh workers: no gazetteer connection shared by fork
    with context.Pool(processes, initializer=_start_worker, initargs=(corpus[:5],)) as pool:
        # a worker runs its initializer before its first task: once each has taken one, all are warm
        pool.map(time.sleep, [0.2] * (2 * processes), chunksize=1)
        start = time.perf_counter()
        events = sum(pool.map(_code_chunk, _chunks(corpus, chunk), chunksize=1))
        wall = time.perf_counter() - start
    label = "1 process" if processes == 1 else f"{processes} processes"
    return Parallel(label, len(corpus), wall, events)


def dask_rate(corpus: Sequence[Report], workers: int, partition_size: int = 100) -> Parallel | None:
    """The same corpus through `--engine dask --workers N` (None when the dask extra is not installed)."""
    try:
        from eventwire.engines.dask import DaskEngine
    except ImportError:
        return None
    from eventwire.readers import ReadOptions

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for report in corpus:
                record = {"id": report.id, "text": report.text, "published": str(report.published)}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        with DaskEngine(workers=workers, partition_size=partition_size) as engine:
            start = time.perf_counter()
            results = list(engine.code([str(path)], ReadOptions()))
            wall = time.perf_counter() - start
    events = sum(len(r.events) for r in results if isinstance(r, Coded))
    return Parallel(f"--engine dask --workers {workers}", len(corpus), wall, events)


def unpin(cores: set[int]) -> None:
    """Give the process (and the workers it starts) back the cores it was pinned away from."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, cores)
