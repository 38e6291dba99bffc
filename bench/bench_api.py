"""Latency of `GET /events?bbox=...` over a store of synthetic events.

    .venv/bin/python bench/bench_api.py [--events 100000] [--requests 400] [--db FILE]

Stores N synthetic events (random towns over Ukraine, dates over two years, random types) through
the store's own ingest path (`Store.add_many`, with merging), starts `eventwire serve` on
127.0.0.1 in a subprocess, sends random bounding-box queries (half of them with a date range too)
and prints the latency percentiles in milliseconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from eventwire.pipeline import Coded
from eventwire.records import Event, PartialDate, Report, Span
from eventwire.store import EventFilter, Store
from eventwire.taxonomy import EVENT_TYPE

UKRAINE = (22.2, 44.4, 40.2, 52.4)  # min lon, min lat, max lon, max lat
FIRST_DAY = dt.date(2022, 2, 24)
SUB_EVENTS = ("Shelling/artillery/missile attack", "Air/drone strike", "Armed clash", "Attack", "Peaceful protest")


def synthetic(n: int, rng: random.Random) -> Coded:
    lon = round(rng.uniform(UKRAINE[0], UKRAINE[2]), 4)
    lat = round(rng.uniform(UKRAINE[1], UKRAINE[3]), 4)
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(730))
    sub = rng.choice(SUB_EVENTS)
    text = f"Synthetic report {n}: an event of type {sub} at {lat}, {lon} on {day}."
    event = Event(
        event_id=f"bench{n:07d}",
        doc_id=f"bench-{n}",
        language="en",
        event_date=day.isoformat(),
        time_precision=1,
        disorder_type="Political violence",
        event_type=EVENT_TYPE[sub],
        sub_event_type=sub,
        actor1="Military Forces of Russia (2000-)",
        actor2="Civilians (Ukraine)",
        country="Ukraine",
        admin1=f"Region {int(lat * 2) % 24}",
        location=f"Town {n}",
        latitude=lat,
        longitude=lon,
        geo_precision=1,
        fatalities=rng.randrange(5),
        evidence={
            "event_type": [Span(0, 9, "Synthetic")],
            "event_date": [Span(len(text) - 11, len(text) - 1, str(day))],
        },
    )
    report = Report(f"bench-{n}", text, PartialDate(day.year, day.month, day.day), "en", source="Bench Wire")
    return Coded(report, (event,), "en")


def fill(db: str, count: int, seed: int) -> float:
    rng = random.Random(seed)
    started = time.perf_counter()
    with Store(db) as store:
        for done, _ in enumerate(store.add_many((synthetic(n, rng) for n in range(count)), batch_size=1000), 1):
            if done % 20000 == 0:
                print(f"  {done} reports stored", file=sys.stderr)
        store.optimize()
    return time.perf_counter() - started


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def random_query(rng: random.Random) -> dict[str, str]:
    width, height = rng.uniform(0.5, 4.0), rng.uniform(0.3, 2.5)
    lon, lat = rng.uniform(UKRAINE[0], UKRAINE[2] - width), rng.uniform(UKRAINE[1], UKRAINE[3] - height)
    params = {"bbox": f"{lon:.3f},{lat:.3f},{lon + width:.3f},{lat + height:.3f}"}
    if rng.random() < 0.5:
        start = FIRST_DAY + dt.timedelta(days=rng.randrange(600))
        params |= {"start": start.isoformat(), "end": (start + dt.timedelta(days=rng.randrange(7, 120))).isoformat()}
    return params


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(db: str, requests: int, seed: int) -> dict:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", db, "--port", str(port)], stderr=subprocess.DEVNULL
    )
    rng = random.Random(seed + 1)
    latencies: list[float] = []
    totals: list[int] = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get("/stats", params={"admin1": "none"})
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            for _ in range(20):  # warm up
                client.get("/events", params=random_query(rng))
            for _ in range(requests):
                params = random_query(rng)
                started = time.perf_counter()
                response = client.get("/events", params=params)
                latencies.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
                totals.append(response.json()["total"])
    finally:
        server.terminate()
        server.wait()
    return {
        "requests": requests,
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "mean_ms": round(statistics.fmean(latencies), 1),
        "median_matches": int(statistics.median(totals)),
    }


def measure_store(db: str, requests: int, seed: int) -> dict:
    """The same queries straight on the store (count + first page), without HTTP: the database's share."""
    rng = random.Random(seed + 1)
    latencies = []
    with Store(db) as store:
        for _ in range(requests):
            params = random_query(rng)
            where = EventFilter(
                bbox=tuple(float(x) for x in params["bbox"].split(",")),  # type: ignore[arg-type]
                start=params.get("start"),
                end=params.get("end"),
            )
            started = time.perf_counter()
            store.count_events(where)
            store.list_events(where, limit=100)
            latencies.append((time.perf_counter() - started) * 1000)
    return {"store_p50_ms": round(percentile(latencies, 0.5), 2), "store_p95_ms": round(percentile(latencies, 0.95), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--db", help="Keep the store in this file (reused when it exists).")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "bench.db")
        fill_seconds = None
        if not Path(db).exists():
            fill_seconds = round(fill(db, args.events, args.seed), 1)
        with Store(db) as store:
            stored = store.count_events()
        result = {
            "stored_events": stored,
            "fill_seconds": fill_seconds,
            **measure(db, args.requests, args.seed),
            **measure_store(db, args.requests, args.seed),
            "load_average": round(os.getloadavg()[0], 1),
        }
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
