"""Reading events: a filtered page, one event with its reports, statistics, and exports."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import StreamingResponse

from ...writers import CsvWriter, GeoJsonWriter
from ..deps import FilterDep, SettingsDep, StoreDep
from ..schemas import EventDetail, EventPage, Stats, Updates

router = APIRouter(tags=["events"])
MAX_OFFSET = 10_000_000
EXPORT_CHUNK = 500


@router.get("/events", response_model=EventPage, summary="Events matching the filters, newest first")
def list_events(
    store: StoreDep,
    where: FilterDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, description="Events per page (at most 1000).")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict:
    if limit > settings.page_limit:
        raise HTTPException(422, f"limit: at most {settings.page_limit} events per page; got {limit}")
    return {
        "total": store.count_events(where),
        "limit": limit,
        "offset": offset,
        "events": store.list_events(where, limit=limit, offset=offset),
    }


@router.get("/stats", response_model=Stats, summary="Counts of the matching events by type, day and admin1")
def stats(store: StoreDep, where: FilterDep) -> dict:
    return store.stats(where)


@router.get("/updates", response_model=Updates, summary="When the events last changed (the dashboard polls it)")
def updates(store: StoreDep) -> dict:
    return {"last_updated": store.last_updated(), "events": store.count_events(), "reports": store.report_count()}


def _export(store: StoreDep, where: FilterDep, limit: int, writer_class: type) -> Iterator[str]:
    buffer = io.StringIO()
    writer = writer_class(buffer)
    batch = []
    for event in store.export_events(where, limit=limit):
        batch.append(event)
        if len(batch) >= EXPORT_CHUNK:
            writer.write(batch)
            batch = []
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    writer.write(batch)
    writer.close()
    yield buffer.getvalue()


def _export_limit(settings: SettingsDep, limit: int | None) -> int:
    if limit is not None and limit > settings.export_limit:
        raise HTTPException(422, f"limit: at most {settings.export_limit} events per export; got {limit}")
    return limit or settings.export_limit


@router.get("/events.csv", summary="The matching events as CSV in ACLED's columns", response_class=StreamingResponse)
def events_csv(
    store: StoreDep, where: FilterDep, settings: SettingsDep, limit: Annotated[int | None, Query(ge=1)] = None
) -> StreamingResponse:
    chunks = _export(store, where, _export_limit(settings, limit), CsvWriter)
    return StreamingResponse(
        chunks,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="events.csv"'},
    )


@router.get(
    "/events.geojson", summary="The matching events as a GeoJSON FeatureCollection", response_class=StreamingResponse
)
def events_geojson(
    store: StoreDep, where: FilterDep, settings: SettingsDep, limit: Annotated[int | None, Query(ge=1)] = None
) -> StreamingResponse:
    chunks = _export(store, where, _export_limit(settings, limit), GeoJsonWriter)
    return StreamingResponse(chunks, media_type="application/geo+json")


@router.get("/events/{event_id}", response_model=EventDetail, summary="One event with every report that supports it")
def get_event(event_id: str, store: StoreDep) -> dict:
    event = store.event(event_id)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return event
