"""The HTTP API, against a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn

from eventwire import Pipeline
from eventwire.api import Settings, create_app
from eventwire.readers import ReadOptions, read_inputs
from eventwire.store import Store
from eventwire.writers import ACLED_COLUMNS

from .conftest import SAMPLES

TOKEN = "s3cret-ingest"
MYKOLAIV_BBOX = "31.8,46.8,32.2,47.1"
# The samples report the Mykolaiv strike in several languages (named <lang>-mykolaiv-strike.txt).
MYKOLAIV_LANGUAGES = {p.name.split("-")[0] for p in SAMPLES.glob("*-mykolaiv-strike.txt")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(settings: Settings) -> Iterator[str]:
    """A uvicorn server in a thread on a free port; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def fill(target: str) -> None:
    coded = Pipeline().code_all(read_inputs([str(p) for p in sorted(SAMPLES.glob("*.txt"))], ReadOptions()))
    with Store(target) as store:
        list(store.add_many(c for c in coded if hasattr(c, "events")))


@pytest.fixture(scope="module")
def api(tmp_path_factory) -> Iterator[httpx.Client]:
    db = str(tmp_path_factory.mktemp("api") / "events.db")
    fill(db)
    with running_server(Settings(db=db, token=TOKEN, web_dir=None)) as url, httpx.Client(base_url=url) as client:
        yield client


def check_event_pages(api: httpx.Client) -> None:
    page = api.get("/events").json()
    assert set(page) == {"total", "limit", "offset", "events"} and page["limit"] == 100 and page["offset"] == 0
    assert page["total"] == len(page["events"]) >= 9
    for event in page["events"]:
        assert {"event_id", "event_date", "event_type", "latitude", "geo_precision", "report_count"} <= set(event)
    second = api.get("/events", params={"limit": 2, "offset": 2}).json()
    assert [e["event_id"] for e in second["events"]] == [e["event_id"] for e in page["events"][2:4]]
    (mykolaiv,) = api.get("/events", params={"bbox": MYKOLAIV_BBOX}).json()["events"]
    assert mykolaiv["location"] == "Mykolaiv" and mykolaiv["report_count"] == len(MYKOLAIV_LANGUAGES) >= 2


def test_events_are_paged_and_filtered(api):
    check_event_pages(api)
    march = api.get("/events", params={"start": "2023-03-01", "end": "2023-03-31"}).json()["events"]
    assert march and all(e["event_date"].startswith("2023-03") for e in march)
    protests = api.get("/events", params={"event_type": "Protests"}).json()["events"]
    assert [e["location"] for e in protests] == ["Tbilisi"]
    assert api.get("/events", params={"q": "TBILISI"}).json()["total"] == 1
    georgia = api.get("/events", params={"country": "Georgia", "actor": "PROTESTERS"}).json()
    assert georgia["total"] == 1
    assert api.get("/events", params={"admin1": "No Such Region"}).json() == {
        "total": 0,
        "limit": 100,
        "offset": 0,
        "events": [],
    }


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"bbox": "1,2,3"}, 400, "bbox"),
        ({"bbox": "40,50,30,45"}, 400, "min<=max"),
        ({"start": "2023-13-01"}, 422, "start"),
        ({"start": "2023-03-02", "end": "2023-03-01"}, 400, "after"),
        ({"limit": 1001}, 422, "limit"),
        ({"limit": 0}, 422, "limit"),
        ({"offset": -1}, 422, "offset"),
    ],
)
def test_bad_requests_get_a_clear_4xx(api, params, status, words):
    response = api.get("/events", params=params)
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_an_event_comes_with_its_reports_and_evidence(api):
    (summary,) = api.get("/events", params={"bbox": MYKOLAIV_BBOX}).json()["events"]
    event = api.get(f"/events/{summary['event_id']}").json()
    assert event["event_id"] == summary["event_id"] and len(event["reports"]) == len(MYKOLAIV_LANGUAGES)
    assert {r["language"] for r in event["reports"]} == MYKOLAIV_LANGUAGES
    for link in event["reports"]:
        report = api.get(f"/reports/{link['report_id']}").json()
        assert summary["event_id"] in report["event_ids"]
        text = report["text"]
        assert text[link["sentence_start"] :].startswith(link["sentence"])
        trigger = link["evidence"]["event_type"][0]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"] and trigger["text"] in link["sentence"]
    assert api.get("/events/nope").status_code == 404
    assert "nope" in api.get("/reports/nope").json()["detail"]


def test_stats_count_the_same_events(api):
    total = api.get("/events").json()["total"]
    stats = api.get("/stats").json()
    assert stats["total"] == total == sum(stats["by_type"].values()) == sum(stats["by_day"].values())
    assert sum(stats["by_admin1"].values()) == total
    assert api.get("/stats", params={"event_type": "Protests"}).json()["by_type"] == {"Protests": 1}


def test_exports_have_acled_columns_and_geojson_features(api):
    total = api.get("/events").json()["total"]
    response = api.get("/events.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) == total
    collection = api.get("/events.geojson", params={"bbox": MYKOLAIV_BBOX}).json()
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"]["type"] == "Point" and feature["properties"]["location"] == "Mykolaiv"


def test_openapi_documents_the_routes(api):
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/events", "/events/{event_id}", "/stats", "/events.csv", "/events.geojson", "/reports"} <= set(paths)
    assert api.get("/docs").status_code == 200


REPORT = {
    "id": "api-1",
    "published": "2023-02-06",
    "lang": "en",
    "title": "Shelling in Sumy",
    "text": "Russian forces shelled Sumy on Sunday, killing two civilians, the regional governor said.",
}


def test_posting_reports_needs_the_token_and_is_idempotent(api):
    assert api.post("/reports", json=REPORT).status_code == 401
    assert api.post("/reports", json=REPORT, headers={"Authorization": "Bearer wrong"}).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = api.post("/reports", json=[REPORT, {"id": "empty", "text": " "}], headers=auth)
    assert first.status_code == 201
    body = first.json()
    assert (body["received"], body["stored"], body["duplicates"]) == (2, 1, 0)
    assert body["skipped"] == [{"index": 1, "id": "empty", "reason": "no text"}]
    (event_id,) = body["reports"][0]["event_ids"]
    assert api.get(f"/events/{event_id}").json()["location"] == "Sumy"
    assert api.get("/events", params={"q": "shelling in sumy"}).json()["total"] == 1  # titles are searched
    again = api.post("/reports", json=REPORT, headers=auth)
    assert again.status_code == 200 and again.json()["duplicates"] == 1
    assert api.post("/reports", content=b"{not json", headers=auth).status_code == 400
    too_big = api.post("/reports", content=b"[" + b" " * (11 * 1024 * 1024) + b"]", headers=auth)
    assert too_big.status_code == 413 and "too large" in too_big.json()["detail"]


def test_ingest_is_off_without_a_token_and_reading_can_need_one(tmp_path):
    db = str(tmp_path / "closed.db")
    with running_server(Settings(db=db, read_token="reader", web_dir=None)) as url:
        assert httpx.post(f"{url}/reports", json=REPORT).status_code == 403
        assert httpx.get(f"{url}/events").status_code == 401
        reader = {"Authorization": "Bearer reader"}
        assert httpx.get(f"{url}/events", headers=reader).json()["total"] == 0


def test_the_dashboard_is_served_at_the_root(tmp_path):
    web = tmp_path / "web"
    web.mkdir()
    (web / "index.html").write_text("<!doctype html><title>eventwire dashboard</title>")
    with running_server(Settings(db=str(tmp_path / "w.db"), web_dir=web)) as url:
        assert "eventwire dashboard" in httpx.get(f"{url}/").text
        assert httpx.get(f"{url}/events").json()["total"] == 0  # the API routes come first


def test_serve_and_ingest_have_help():
    from click.testing import CliRunner

    from eventwire.cli import main

    for command in ("serve", "ingest"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "--db" in result.output
