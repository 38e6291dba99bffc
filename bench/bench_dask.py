"""One process vs. a local Dask cluster on the same reports: wall time, throughput, and their ratio.

    .venv/bin/python bench/bench_dask.py [--reports 20000] [--workers 2] [--partition-size 500]

The reports are our bundled samples (eventwire/samples/samples.jsonl), repeated with new ids
into one JSONL file. Both runs include their start-up (the dask time also the cluster's); the
dask run is also given without the cluster start. Both must give the same events, in the same
order. On a shared machine wall time depends on the load (printed), so CPU time is measured too:
the client's plus every worker's, which tells the overhead of distributing whatever the load.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from eventwire.engines.dask import DaskEngine
from eventwire.engines.local import LocalEngine
from eventwire.pipeline import Coded
from eventwire.readers import ReadOptions

SAMPLES = Path(__file__).resolve().parent.parent / "eventwire" / "samples" / "samples.jsonl"


def write_reports(path: Path, count: int) -> None:
    records = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            record = records[number % len(records)]
            out.write(json.dumps({**record, "id": f"{record['id']}-{number:06d}"}, ensure_ascii=False) + "\n")


def event_ids(results: list) -> list[str]:
    return [e.event_id for r in results if isinstance(r, Coded) for e in r.events]


def workers_cpu(engine: DaskEngine) -> float:
    seconds: dict[str, Any] = engine.client.run(time.process_time)
    return sum(seconds.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        inputs = [str(Path(folder) / "reports.jsonl")]
        write_reports(Path(inputs[0]), args.reports)
        print(f"{args.reports} reports, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")

        start, cpu_start = time.perf_counter(), time.process_time()
        local = list(LocalEngine().code(inputs, ReadOptions()))
        local_seconds, local_cpu = time.perf_counter() - start, time.process_time() - cpu_start

        start = time.perf_counter()
        with DaskEngine(workers=args.workers, partition_size=args.partition_size) as engine:
            cluster_seconds = time.perf_counter() - start
            cpu_start, worker_cpu_start = time.process_time(), workers_cpu(engine)
            distributed = list(engine.code(inputs, ReadOptions()))
            dask_cpu = time.process_time() - cpu_start + workers_cpu(engine) - worker_cpu_start
        dask_seconds = time.perf_counter() - start

    if event_ids(distributed) != event_ids(local):
        raise SystemExit("the dask run gave other events than the local run")
    events = len(event_ids(local))
    print(
        f"one process:       {local_seconds:7.1f} s  {args.reports / local_seconds:7.0f} reports/s"
        f"  CPU {local_cpu:.1f} s  {events} events"
    )
    print(
        f"dask, {args.workers} workers:  {dask_seconds:7.1f} s  {args.reports / dask_seconds:7.0f} reports/s"
        f"  CPU {dask_cpu:.1f} s (client and workers)  cluster start {cluster_seconds:.1f} s"
    )
    print(f"ratio one process / dask: {local_seconds / dask_seconds:.2f}  (speed-up; > 1 means dask was faster)")
    print(f"without the cluster start: {local_seconds / (dask_seconds - cluster_seconds):.2f}")
    print(f"CPU overhead of dask: {dask_cpu / local_cpu:.2f} x the CPU time of one process")
    print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
