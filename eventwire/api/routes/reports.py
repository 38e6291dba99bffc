"""Reports: read one, or send new ones to be coded and stored."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool

from ...pipeline import Coded, Pipeline
from ...readers import BadInput, ReadOptions, content_id, report_from_record
from ...store import Store
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


def _ingest(store: Store, pipeline: Pipeline, records: list[Any]) -> dict:
    skipped: list[dict] = []
    coded: list[Coded] = []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            skipped.append({"index": index, "reason": "not a JSON object"})
            continue
        try:
            fallback = f"api-{content_id(str(record.get('text', '')))}"
            report = report_from_record(record, fallback, ReadOptions())
        except BadInput as error:
            skipped.append({"index": index, "id": record.get("id"), "reason": str(error)})
            continue
        result = pipeline.code(report)
        if isinstance(result, Coded):
            coded.append(result)
        else:
            skipped.append({"index": index, "id": report.id, "reason": result.reason})
    added = list(store.add_many(coded, batch_size=len(coded) or 1))
    return {
        "received": len(records),
        "stored": sum(a.stored for a in added),
        "duplicates": sum(not a.stored for a in added),
        "reports": [{"report_id": a.report_id, "stored": a.stored, "event_ids": list(a.event_ids)} for a in added],
        "skipped": skipped,
    }


@write_router.post(
    "/reports",
    response_model=IngestResult,
    summary="Code and store reports (needs the ingest token)",
    description="The body is one report or a list of them, with the fields of JSONL input: "
    "`text` (required), `id`, `published` (YYYY[-MM[-DD]]), `lang`, `title`, `url`, `source`.",
)
async def post_reports(request: Request, response: Response, store: StoreDep, settings: SettingsDep) -> dict:
    records = _records(await _read_body(request, settings.max_body_bytes), settings.max_reports)
    result = await run_in_threadpool(_ingest, store, _pipeline(request), records)
    response.status_code = 201 if result["stored"] else 200
    return result
