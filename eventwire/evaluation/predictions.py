"""Predictions to score: the pipeline run on the gold documents, or events read from a JSONL file."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..pipeline import Pipeline
from ..readers import BadInput, ReadOptions, report_from_record
from ..records import Event, InputError
from .gold import GoldSet


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    """The fields of an event that the gold sets score."""

    event_type: str
    sub_event_type: str
    event_date: str = ""
    time_precision: int | None = None
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    fatalities: int = 0


@dataclass(frozen=True, slots=True)
class Predictions:
    """Events by document id; `skipped` maps a document id to the reason it was not coded.

    A document that is absent, or skipped, predicts nothing.
    """

    events: Mapping[str, tuple[PredictedEvent, ...]]
    skipped: Mapping[str, str] = field(default_factory=dict)
    source: str = "pipeline"  # "pipeline", or the path of the events file

    def of(self, doc_id: str) -> tuple[PredictedEvent, ...]:
        return self.events.get(doc_id, ())


def from_event(event: Event) -> PredictedEvent:
    return PredictedEvent(
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        event_date=event.event_date,
        time_precision=event.time_precision,
        location=event.location,
        latitude=event.latitude,
        longitude=event.longitude,
        fatalities=event.fatalities,
    )


def _optional_float(value: Any) -> float | None:
    return float(value) if value not in (None, "") else None


def _optional_int(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


def from_record(record: Mapping[str, Any]) -> PredictedEvent:
    """An event as `eventwire extract --format jsonl` writes it (ACLED field names)."""
    return PredictedEvent(
        event_type=str(record.get("event_type") or ""),
        sub_event_type=str(record.get("sub_event_type") or ""),
        event_date=str(record.get("event_date") or ""),
        time_precision=_optional_int(record.get("time_precision")),
        location=str(record.get("location") or ""),
        latitude=_optional_float(record.get("latitude")),
        longitude=_optional_float(record.get("longitude")),
        fatalities=_optional_int(record.get("fatalities")) or 0,
    )


def run_pipeline(gold_set: GoldSet, pipeline: Pipeline) -> Predictions:
    """Code every gold document with the library, `doc_id` = the gold `id`."""
    events: dict[str, tuple[PredictedEvent, ...]] = {}
    skipped: dict[str, str] = {}
    for doc in gold_set.docs:
        try:
            coded = pipeline.code(report_from_record(doc.record, doc.id, ReadOptions()))
        except BadInput as error:
            skipped[doc.id] = str(error)
            continue
        if isinstance(coded, InputError):
            skipped[doc.id] = coded.reason
        else:
            events[doc.id] = tuple(from_event(event) for event in coded.events)
    return Predictions(events, skipped)


def group_records(records: Iterable[Mapping[str, Any]], source: str) -> Predictions:
    grouped: dict[str, list[PredictedEvent]] = {}
    for record in records:
        grouped.setdefault(str(record.get("doc_id") or ""), []).append(from_record(record))
    return Predictions({doc_id: tuple(events) for doc_id, events in grouped.items()}, source=source)


def load_predictions(path: Path | str) -> Predictions:
    """Events from a JSONL file written by `eventwire extract`; each line needs a `doc_id`."""
    path = Path(path)
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        if not isinstance(record, dict) or "doc_id" not in record:
            raise ValueError(f"{path.name}:{number}: an event needs a 'doc_id'")
        records.append(record)
    return group_records(records, str(path))
