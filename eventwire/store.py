"""The embedded store: reports and their events in one SQLite file (WAL).

Ingest is idempotent (a report is keyed by the hash of its text) and each report
is stored in one transaction with its events, so an interrupted batch leaves the
database consistent and a rerun finishes it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .records import Event, Report

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE report (
        id TEXT PRIMARY KEY, content_hash TEXT UNIQUE NOT NULL, text TEXT NOT NULL, published TEXT,
        language TEXT, title TEXT, url TEXT, source TEXT, ingested_at TEXT DEFAULT CURRENT_TIMESTAMP
    );
    CREATE TABLE event (
        event_id TEXT PRIMARY KEY, report_id TEXT NOT NULL REFERENCES report(id) ON DELETE CASCADE,
        event_date TEXT, time_precision INTEGER, event_type TEXT, sub_event_type TEXT,
        actor1 TEXT, actor2 TEXT, country TEXT, admin1 TEXT, location TEXT,
        latitude REAL, longitude REAL, fatalities INTEGER, record TEXT NOT NULL
    );
    CREATE INDEX event_report ON event(report_id);
    CREATE INDEX event_date ON event(event_date);
    CREATE INDEX event_type ON event(event_type);
    """,
)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.conn = sqlite3.connect(self.path)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    def migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction():
                self.conn.executescript(f"BEGIN;{script}")
                self.conn.execute(f"PRAGMA user_version={number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self.conn
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise

    def has_report(self, text: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM report WHERE content_hash=?", (content_hash(text),)).fetchone()
        return row is not None

    def add(self, report: Report, events: tuple[Event, ...]) -> bool:
        """Store a report with its events; False when the same text was stored before."""
        digest = content_hash(report.text)
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM report WHERE content_hash=?", (digest,)).fetchone():
                return False
            report_id = report.id
            if conn.execute("SELECT 1 FROM report WHERE id=?", (report_id,)).fetchone():
                report_id = f"{report.id}#{digest[:8]}"
            conn.execute(
                "INSERT INTO report VALUES (?,?,?,?,?,?,?,?,CURRENT_TIMESTAMP)",
                (
                    report_id,
                    digest,
                    report.text,
                    str(report.published) if report.published else None,
                    report.language,
                    report.title,
                    report.url,
                    report.source,
                ),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO event VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    (
                        e.event_id,
                        report_id,
                        e.event_date,
                        e.time_precision,
                        e.event_type,
                        e.sub_event_type,
                        e.actor1,
                        e.actor2,
                        e.country,
                        e.admin1,
                        e.location,
                        e.latitude,
                        e.longitude,
                        e.fatalities,
                        json.dumps(asdict(e), ensure_ascii=False),
                    )
                    for e in events
                ),
            )
        return True

    def counts(self, column: str) -> list[tuple[str, int]]:
        if column not in {"event_type", "location", "event_date", "country", "admin1"}:
            raise ValueError(f"cannot count by {column}")
        rows = self.conn.execute(
            f"SELECT COALESCE(NULLIF({column}, ''), '(unknown)'), COUNT(*) FROM event GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        return [(str(k), int(n)) for k, n in rows]

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self.conn.execute("SELECT record FROM event ORDER BY event_date, event_id")]

    def close(self) -> None:
        self.conn.close()
