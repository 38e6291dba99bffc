"""Writers: events as JSONL, ACLED-column CSV, or a GeoJSON FeatureCollection."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any, Protocol, TextIO

from .records import Event

# ACLED's export columns, in ACLED's order, so that ACLED users' tools read our CSV.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)


def event_record(event: Event) -> dict[str, Any]:
    record = asdict(event)
    record["certainty"] = str(event.certainty)
    return record


def acled_row(event: Event) -> dict[str, Any]:
    record = event_record(event)
    row = {column: record.get(column, "") for column in ACLED_COLUMNS}
    row["event_id_cnty"] = event.event_id
    row["year"] = event.event_date[:4]
    row["admin3"] = ""
    row["region"] = ""
    row["source_scale"] = ""
    row["timestamp"] = ""
    return {k: ("" if v is None else v) for k, v in row.items()}


def feature(event: Event) -> dict[str, Any]:
    geometry = (
        {"type": "Point", "coordinates": [event.longitude, event.latitude]}
        if event.latitude is not None and event.longitude is not None
        else None
    )
    properties = {k: v for k, v in event_record(event).items() if k not in ("latitude", "longitude")}
    return {"type": "Feature", "id": event.event_id, "geometry": geometry, "properties": properties}


class EventWriter(Protocol):
    """What every output format's writer does."""

    def write(self, events: Iterable[Event]) -> None: ...

    def close(self) -> None: ...


class JsonlWriter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            self.out.write(json.dumps(event_record(event), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.out.flush()


class CsvWriter:
    def __init__(self, out: TextIO) -> None:
        self.writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
        self.writer.writeheader()
        self.out = out

    def write(self, events: Iterable[Event]) -> None:
        self.writer.writerows(acled_row(e) for e in events)

    def close(self) -> None:
        self.out.flush()


class GeoJsonWriter:
    """Streams a FeatureCollection; the closing bracket is written by `close`."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.first = True
        out.write('{"type": "FeatureCollection", "features": [\n')

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            self.out.write(("" if self.first else ",\n") + json.dumps(feature(event), ensure_ascii=False))
            self.first = False

    def close(self) -> None:
        self.out.write("\n]}\n")
        self.out.flush()


WRITERS = {"jsonl": JsonlWriter, "csv": CsvWriter, "geojson": GeoJsonWriter}
