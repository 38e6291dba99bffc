"""The distributed engine: partitions coded on the workers of a Dask cluster.

The client splits the inputs into partitions (`partitions.plan`), keeps a bounded window
of them in flight, and yields their results in partition order, so the output is the
single-process output. Each worker process builds one `Pipeline` (lexicons and gazetteer
loaded once) on its first partition. A partition that raises is retried `retries` times by
Dask; if it still fails, every report in it comes back as an `InputError` with the reason.
"""

from __future__ import annotations

import os
import uuid
from collections import deque
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

from ..pipeline import Pipeline
from ..readers import ReadOptions
from ..records import InputError
from .partitions import Partition, Result, code_partition, code_partition_to_shard, plan
from .shards import Shard

TASK_PREFIX = "eventwire-partition"  # what the Dask dashboard groups the tasks under


@cache
def worker_pipeline() -> Pipeline:
    """The pipeline of this worker process, built on its first partition and kept."""
    return Pipeline()


def run_partition(partition: Partition, options: ReadOptions, out_dir: str | None) -> list[Any]:
    """The task a worker runs: a partition's results, or its errors and its shard."""
    if out_dir is None:
        return code_partition(worker_pipeline(), partition, options)
    return code_partition_to_shard(worker_pipeline(), partition, options, Path(out_dir))


class DaskEngine:
    name = "dask"

    def __init__(
        self, scheduler: str | None = None, workers: int | None = None, partition_size: int = 500, retries: int = 2
    ) -> None:
        if scheduler and workers:
            raise ValueError("give a scheduler address or a number of local workers, not both")
        self.scheduler = scheduler
        self.workers = workers
        self.partition_size = partition_size
        self.retries = retries
        self.client: Any = None
        self.cluster: Any = None

    def __enter__(self) -> DaskEngine:
        from distributed import Client, LocalCluster

        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            # One thread per process: the stages are pure Python, so threads would share one core.
            self.cluster = LocalCluster(
                n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1, processes=True
            )
            self.client = Client(self.cluster)
        return self

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    @property
    def dashboard_link(self) -> str | None:
        try:
            return str(self.client.dashboard_link) if self.client is not None else None
        except Exception:  # a scheduler without the dashboard (bokeh not installed)
            return None

    def code(self, inputs: list[str], options: ReadOptions) -> Iterator[Result]:
        return self.run_partitions(plan(inputs, options, self.partition_size), options, None)

    def write_shards(self, inputs: list[str], options: ReadOptions, out_dir: Path) -> Iterator[InputError | Shard]:
        return self.run_partitions(plan(inputs, options, self.partition_size), options, str(out_dir))

    def run_partitions(
        self, partitions: Iterator[Partition], options: ReadOptions, out_dir: str | None = None
    ) -> Iterator[Any]:
        """Code partitions (and write their shards into `out_dir`, if given); results in partition order."""
        if self.client is None:
            raise RuntimeError("use the engine in a `with` block")
        run = uuid.uuid4().hex[:8]
        # Enough partitions in flight to keep every worker busy, few enough to bound the client's memory.
        window_size = max(4, 2 * sum(self.client.nthreads().values()))
        window: deque[tuple[Partition, Any]] = deque()
        for partition in partitions:
            future = self.client.submit(
                run_partition,
                partition,
                options,
                out_dir,
                key=f"{TASK_PREFIX}-{run}-{partition.index}",
                retries=self.retries,
                pure=False,
            )
            window.append((partition, future))
            if len(window) >= window_size:
                yield from self._collect(*window.popleft())
        while window:
            yield from self._collect(*window.popleft())

    def _collect(self, partition: Partition, future: Any) -> list[Any]:
        try:
            return list(future.result())
        except Exception as error:  # the task raised on every try, or its workers died
            reason = f"partition {partition.index} failed after {self.retries} retries: {type(error).__name__}: {error}"
            return list(partition.failed(reason))
        finally:
            future.release()


def pipelines_built() -> int:
    """How many pipelines this process has built (run on the workers to check each builds one)."""
    return worker_pipeline.cache_info().misses
