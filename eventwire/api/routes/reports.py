"""Reports: read one, or send new ones to be coded and stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from ...ingestion import code_and_store
from ...pipeline import Pipeline
from ...readers import BadInput, ReadOptions, content_id, parse_theatre_codes, report_from_record
from ...records import InputError, Report
from ...store import Added, Store
from ..deps import SettingsDep, StoreDep
from ..schemas import IngestResult, ReportOut

read_router = APIRouter(tags=["reports"])
write_router = APIRouter(tags=["reports"])


@read_router.get("/reports/{report_id:path}", response_model=ReportOut, summary="One report, its text and its events")
def get_report(report_id: str, store: StoreDep) -> dict:
    report = store.report(report_id)
    if report is None:
        raise HTTPException(404, f"no report with id {report_id!r}")
    return report


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body too large: {declared} bytes (limit {limit})")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise HTTPException(413, f"body too large (limit {limit} bytes)")
    return bytes(body)


def _records(body: bytes, max_reports: int) -> list[Any]:
    if not body.strip():
        raise HTTPException(400, "empty body: send one report or a list of reports as JSON")
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise HTTPException(400, f"body is not JSON: {error}") from None
    records = data if isinstance(data, list) else [data]
    if not records:
        raise HTTPException(400, "an empty list: send at least one report")
    if len(records) > max_reports:
        raise HTTPException(413, f"too many reports: {len(records)} (limit {max_reports} per request)")
    return records


def _pipeline(request: Request) -> Pipeline:
    state = request.app.state
    if getattr(state, "pipeline", None) is None:
        state.pipeline = Pipeline()
    return state.pipeline


def _reports(records: list[Any], options: ReadOptions) -> Iterator[Report | InputError]:
    """Each record as a report, or as the error that says why it is not one (input: its index)."""
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            yield InputError(input=str(index), reason="not a JSON object")
            continue
        try:
            fallback = f"api-{content_id(str(record.get('text', '')))}"
            yield report_from_record(record, fallback, options)
        except BadInput as error:
            yield InputError(input=str(index), reason=str(error), line=index)


def _skipped(index: int, error: InputError, record: Any) -> dict:
    if not isinstance(record, dict):
        return {"index": index, "reason": error.reason}
    # A record that is no report (line set) is named by its own id; one the pipeline failed on, by the report's.
    identifier = record.get("id") if error.line is not None else error.input
    return {"index": index, "id": identifier, "reason": error.reason}


def _ingest(store: Store, pipeline: Pipeline, records: list[Any], options: ReadOptions) -> dict:
    tally = code_and_store(_reports(records, options), store, pipeline, batch_size=len(records))
    outcomes = tally.in_order()
    added = [o for o in outcomes if isinstance(o, Added)]
    return {
        "received": len(records),
        "stored": tally.stored,
        "duplicates": tally.known,
        "reports": [{"report_id": a.report_id, "stored": a.stored, "event_ids": list(a.event_ids)} for a in added],
        "skipped": [
            _skipped(index, o, records[index]) for index, o in enumerate(outcomes) if isinstance(o, InputError)
        ],
    }


@write_router.post(
    "/reports",
    response_model=IngestResult,
    summary="Code and store reports (needs the ingest token)",
    description="The body is one report or a list of them, with the fields of JSONL input: "
    "`text` (required), `id`, `published` (YYYY[-MM[-DD]]), `lang`, `title`, `url`, `source`.",
)
async def post_reports(
    request: Request,
    response: Response,
    store: StoreDep,
    settings: SettingsDep,
    theatre: Annotated[
        str | None,
        Query(
            description="Countries (ISO 3166-1 alpha-2, comma-separated) a report naming no country is taken to be "
            "about, to choose between namesake places; 'none' for no such prior (as `extract --theatre`).",
        ),
    ] = None,
) -> dict:
    try:
        options = ReadOptions(theatre=parse_theatre_codes(theatre))
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    records = _records(await _read_body(request, settings.max_body_bytes), settings.max_reports)
    result = await run_in_threadpool(_ingest, store, _pipeline(request), records, options)
    response.status_code = 201 if result["stored"] else 200
    return result
