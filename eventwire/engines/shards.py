"""Events as Parquet shards: one file per partition, `part-00000.parquet`, `part-00001.parquet`, ...

Every shard has the same schema, derived from `Event`: one column per field, in the
field order of the JSONL output, with `evidence` as a JSON string (its keys vary by event).
Reading the folder in file-name order gives the events in reading order. A shard is written
to a temporary name and renamed, so a retried partition replaces its shard whole.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import Event
from ..writers import event_record

if TYPE_CHECKING:
    import pyarrow as pa

SHARD_PATTERN = "part-*.parquet"


@dataclass(frozen=True, slots=True)
class Shard:
    """A partition's events, written; `path` is None when the partition had no events."""

    index: int
    path: str | None
    reports: int
    events: int


@cache
def event_schema() -> pa.Schema:
    import pyarrow as pa

    def arrow_type(annotation: str) -> pa.DataType:
        if annotation.startswith("float"):
            return pa.float64()
        if annotation.startswith("int"):
            return pa.int64()
        return pa.string()  # str, enums, and evidence as JSON

    return pa.schema([(f.name, arrow_type(str(f.type))) for f in fields(Event)])


def shard_row(event: Event) -> dict[str, Any]:
    record = event_record(event)
    record["evidence"] = json.dumps(record["evidence"], ensure_ascii=False)
    return record


def write_shard(out_dir: Path, index: int, events: list[Event], reports: int) -> Shard:
    if not events:
        return Shard(index, None, reports, 0)
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(out_dir) / f"part-{index:05d}.parquet"
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(pa.Table.from_pylist([shard_row(e) for e in events], schema=event_schema()), tmp)
    os.replace(tmp, path)
    return Shard(index, str(path), reports, len(events))


def read_shards(out_dir: Path) -> list[dict[str, Any]]:
    """Every event row of a shard folder, in shard order (for checks and small folders)."""
    import pyarrow.parquet as pq

    return [row for path in sorted(Path(out_dir).glob(SHARD_PATTERN)) for row in pq.read_table(path).to_pylist()]
