"""The store: reports, the events they report (one per happening), the links between them with
their evidence, and the sources. One interface over SQLite (default) and PostgreSQL.

Ingest is idempotent (a report is keyed by the hash of its text) and transactional (a batch of
reports is stored whole or not at all, so an interrupted run leaves the database consistent and
running it again finishes the job). Each coded event of a report either joins the stored event of
the same happening (see `eventwire.merge`) or starts a new one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

from .. import merge
from ..pipeline import Coded
from ..records import Certainty, Event, Report, Sentence, Span
from .backend import Database, connect
from .query import EventFilter, search_text
from .schema import MIGRATIONS

BATCH_SIZE = 100  # reports per transaction in `add_many`
COUNTABLE = frozenset({"event_type", "sub_event_type", "location", "event_date", "country", "admin1"})
UNKNOWN = "(unknown)"
EVENT_COLUMNS = (
    "event_id, family, event_date, time_precision, date_lo, date_hi, event_type, sub_event_type, actor1, actor2, "
    "country, admin1, location, latitude, longitude, geo_precision, fatalities, report_count, search, record, "
    "updated_at"
)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _event_fields() -> frozenset[str]:
    return frozenset(f.name for f in fields(Event))


def event_from_record(record: dict[str, Any]) -> Event:
    """An `Event` back from its JSON record (as `writers.event_record` made it)."""
    values = {k: v for k, v in record.items() if k in _event_fields()}
    values["evidence"] = {k: [Span(**s) for s in spans] for k, spans in (record.get("evidence") or {}).items()}
    values["certainty"] = Certainty(values.get("certainty") or Certainty.REPORTED)
    return Event(**values)


def record_of(event: Event, evidence: bool = True) -> dict[str, Any]:
    """The JSON record of an event, as `writers.event_record` gives it (without `asdict`'s deep copies)."""
    record = {name: getattr(event, name) for name in _event_field_order() if name != "evidence"}
    record["certainty"] = str(event.certainty)
    if evidence:
        record["evidence"] = {
            name: [{"start": s.start, "end": s.end, "text": s.text} for s in spans]
            for name, spans in event.evidence.items()
        }
    return record


@cache
def _event_field_order() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Event))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Added:
    """What storing one report did."""

    report_id: str
    stored: bool  # False: a report with the same text was stored before
    event_ids: tuple[str, ...] = ()  # the stored events this report supports
    new_events: int = 0  # how many of them it started (the others it joined)


@dataclass(frozen=True, slots=True)
class Mention:
    """One coded event of one report, with the sentence that holds its trigger."""

    event: Event
    sentence_start: int
    sentence: str


def mentions_of(report: Report, events: Sequence[Event], sentences: Sequence[Sentence]) -> list[Mention]:
    """Each event with the sentence that holds its trigger (the whole text where none does)."""
    found = []
    for event in events:
        triggers = event.evidence.get("event_type") or []
        offset = triggers[0].start if triggers else 0
        sentence = next((s for s in sentences if s.start <= offset < s.end), None)
        found.append(Mention(event, sentence.start, sentence.text) if sentence else Mention(event, 0, report.text))
    return found


def _profile_of_row(row: Sequence[Any]) -> merge.Profile:
    family, date_lo, date_hi, latitude, longitude, geo_precision, country, admin1, actor1, actor2 = row
    return merge.Profile(
        family=family,
        date_lo=dt.date.fromisoformat(date_lo) if date_lo else None,
        date_hi=dt.date.fromisoformat(date_hi) if date_hi else None,
        latitude=latitude,
        longitude=longitude,
        geo_precision=geo_precision,
        country=country,
        admin1=admin1,
        actors=tuple(a for a in (actor1, actor2) if a),
    )


class Store:
    """Reports and events in SQLite (a file path) or PostgreSQL (a `postgresql://` URL)."""

    def __init__(self, target: str | Path) -> None:
        self.target = str(target)
        self.db: Database = connect(target)
        self.db.migrate(MIGRATIONS)

    @property
    def conn(self) -> Any:
        """This thread's DB-API connection (for tests and maintenance)."""
        return self.db.conn

    @property
    def dialect(self) -> str:
        return self.db.dialect

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    def has_report(self, text: str) -> bool:
        return self.known_report_id(text) is not None

    def known_report_id(self, text: str) -> str | None:
        """The id of the stored report with this text, or None."""
        rows = self.db.query("SELECT id FROM report WHERE content_hash = ?", (content_hash(text),))
        return rows[0][0] if rows else None

    def add(
        self,
        report: Report,
        events: Sequence[Event],
        language: str | None = None,
        sentences: Sequence[Sentence] = (),
    ) -> Added:
        """Store one report and link its events in one transaction.

        `language`: the one detected; `sentences`: the report's sentences as the pipeline split them
        (each event is stored with the sentence of its trigger; without them, with the whole text).
        """
        if language and not report.language:
            report = replace(report, language=language)
        with self.db.write():
            return self._add(report, events, sentences)

    def add_many(self, items: Iterable[Coded], batch_size: int = BATCH_SIZE) -> Iterator[Added]:
        """Store coded reports in transactions of `batch_size`; yields once each batch is committed."""
        batch: list[Coded] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._add_batch(batch)
                batch = []
        if batch:
            yield from self._add_batch(batch)

    def _add_batch(self, batch: list[Coded]) -> list[Added]:
        with self.db.write():
            return [
                self._add(replace(c.report, language=c.report.language or c.language), c.events, c.sentences)
                for c in batch
            ]

    def _add(self, report: Report, events: Sequence[Event], sentences: Sequence[Sentence]) -> Added:
        digest = content_hash(report.text)
        known = self.db.query("SELECT id FROM report WHERE content_hash = ?", (digest,))
        if known:
            return Added(report_id=known[0][0], stored=False)
        report_id = report.id
        if self.db.query("SELECT 1 FROM report WHERE id = ?", (report_id,)):
            report_id = f"{report.id}#{digest[:8]}"  # the same id for another text: both are kept
        now = _now()
        self._add_sources([report.source], now)
        self.db.execute(
            "INSERT INTO report (id, content_hash, text, published, language, title, url, source, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report_id,
                digest,
                report.text,
                str(report.published) if report.published else None,
                report.language or next((e.language for e in events if e.language), None),
                report.title,
                report.url,
                report.source,
                now,
            ),
        )
        linked: list[str] = []
        new_events = 0
        for mention in mentions_of(report, events, sentences):
            event_id, is_new = self._link(report_id, report.title, mention, exclude=set(linked), now=now)
            linked.append(event_id)
            new_events += is_new
        return Added(report_id, True, tuple(linked), new_events)

    def _add_sources(self, names: Iterable[str | None], now: str) -> None:
        for name in dict.fromkeys(n for n in names if n):
            self.db.execute(
                "INSERT INTO source (name, first_seen) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", (name, now)
            )

    def _candidates(self, profile: merge.Profile) -> list[tuple[str, merge.Profile]]:
        """The stored events in `merge.candidate_window` of the profile (`merge.best_match` decides)."""
        window = merge.candidate_window(profile)
        sql = (
            "SELECT event_id, family, date_lo, date_hi, latitude, longitude, geo_precision, country, admin1, "
            "actor1, actor2 FROM event WHERE family = ?"
        )
        params: list[Any] = [window.family]
        if window.date_lo_from and window.date_lo_to and window.date_hi_from:
            # Bounded on both sides, so that the (family, date_lo) index gives a short range.
            sql += " AND date_lo BETWEEN ? AND ? AND date_hi >= ?"
            params += [window.date_lo_from.isoformat(), window.date_lo_to.isoformat(), window.date_hi_from.isoformat()]
        else:
            sql += " AND date_lo IS NULL"
        if window.latitude_from is not None and window.latitude_to is not None:
            sql += " AND (latitude IS NULL OR geo_precision = 3 OR latitude BETWEEN ? AND ?)"
            params += [window.latitude_from, window.latitude_to]
        return [(row[0], _profile_of_row(row[1:])) for row in self.db.query(sql, params)]

    def _link(
        self, report_id: str, title: str | None, mention: Mention, exclude: set[str], now: str
    ) -> tuple[str, bool]:
        """Link a mention to the stored event of its happening, or to a new one; (event id, new?)."""
        event = mention.event
        candidates = [c for c in self._candidates(merge.profile(event)) if c[0] not in exclude]
        event_id = merge.best_match(merge.profile(event), candidates)
        is_new = event_id is None
        if event_id is None:
            event_id = event.event_id or hashlib.sha1(f"{report_id}|{mention.sentence_start}".encode()).hexdigest()[:16]
            if self.db.query("SELECT 1 FROM event WHERE event_id = ?", (event_id,)):
                event_id = hashlib.sha1(f"{event_id}|{report_id}".encode()).hexdigest()[:16]
        seq = self.db.query("SELECT COUNT(*) FROM link WHERE event_id = ?", (event_id,))[0][0]
        self._add_sources([event.source], now)
        self.db.execute(
            "INSERT INTO link (report_id, mention_id, event_id, seq, source, sentence_start, sentence, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report_id,
                event.event_id or event_id,
                event_id,
                int(seq),
                event.source or None,
                mention.sentence_start,
                mention.sentence,
                _dumps(record_of(event)),
            ),
        )
        self._save_event(event_id, now, known=[(event, title)] if is_new else None)
        return event_id, is_new

    def _save_event(self, event_id: str, now: str, known: list[tuple[Event, str | None]] | None = None) -> None:
        """(Re)compute a stored event from all its mentions (`known`: they are these, no need to read them)."""
        if known is None:
            rows = self.db.query(
                "SELECT l.record, r.title FROM link l JOIN report r ON r.id = l.report_id WHERE l.event_id = ? "
                "ORDER BY l.seq",
                (event_id,),
            )
            known = [(event_from_record(json.loads(record)), title) for record, title in rows]
        mentions = [event for event, _ in known]
        event = merge.combine(event_id, mentions)
        date_lo, date_hi = merge.date_window(min(mentions, key=merge.date_rank))
        record = record_of(event, evidence=False)
        search = search_text(
            event.notes,
            event.actor1,
            event.actor2,
            event.assoc_actor_1,
            event.assoc_actor_2,
            event.location,
            event.admin1,
            event.admin2,
            event.country,
            event.sub_event_type,
            event.source,
            *(title for _, title in known),
        )
        values = (
            event_id,
            merge.family(event.event_type, event.sub_event_type),
            event.event_date or None,
            event.time_precision,
            date_lo.isoformat() if date_lo else None,
            date_hi.isoformat() if date_hi else None,
            event.event_type,
            event.sub_event_type,
            event.actor1,
            event.actor2,
            event.country,
            event.admin1,
            event.location,
            event.latitude,
            event.longitude,
            event.geo_precision,
            event.fatalities,
            len(known),
            search,
            _dumps(record),
            now,
        )
        updates = ", ".join(f"{c.strip()} = excluded.{c.strip()}" for c in EVENT_COLUMNS.split(",")[1:])
        self.db.execute(
            f"INSERT INTO event ({EVENT_COLUMNS}) VALUES ({', '.join('?' * len(values))}) "
            f"ON CONFLICT (event_id) DO UPDATE SET {updates}",
            values,
        )

    def optimize(self) -> None:
        self.db.optimize()

    # --- reading -------------------------------------------------------------------------------

    @staticmethod
    def _event_out(record: str, report_count: int) -> dict[str, Any]:
        event = json.loads(record)
        event["report_count"] = int(report_count)
        return event

    def count_events(self, where: EventFilter | None = None) -> int:
        clause, params = (where or EventFilter()).where()
        return int(self.db.query(f"SELECT COUNT(*) FROM event{clause}", params)[0][0])

    def list_events(self, where: EventFilter | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Events matching the filter, newest first, as JSON-ready records with `report_count`."""
        clause, params = (where or EventFilter()).where()
        # The page's ids are found in the covering indexes first; only their records are read.
        rows = self.db.query(
            f"SELECT record, report_count FROM event WHERE event_id IN (SELECT event_id FROM event{clause} "
            "ORDER BY event_date DESC, event_id LIMIT ? OFFSET ?) ORDER BY event_date DESC, event_id",
            [*params, int(limit), int(offset)],
        )
        return [self._event_out(record, count) for record, count in rows]

    def export_events(self, where: EventFilter | None = None, limit: int | None = None) -> Iterator[Event]:
        """Events matching the filter, oldest first, as `Event`s (for the CSV and GeoJSON writers)."""
        clause, params = (where or EventFilter()).where()
        page, offset = 1000, 0
        while limit is None or offset < limit:
            size = page if limit is None else min(page, limit - offset)
            rows = self.db.query(
                f"SELECT record FROM event{clause} ORDER BY event_date, event_id LIMIT ? OFFSET ?",
                [*params, size, offset],
            )
            yield from (event_from_record(json.loads(record)) for (record,) in rows)
            if len(rows) < size:
                return
            offset += size

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with every report that supports it: the sentence of its trigger and its evidence."""
        found = self.db.query("SELECT record, report_count FROM event WHERE event_id = ?", (event_id,))
        if not found:
            return None
        event = self._event_out(*found[0])
        rows = self.db.query(
            "SELECT r.id, r.title, r.url, r.source, r.published, r.language, l.source, l.sentence, "
            "l.sentence_start, l.record FROM link l JOIN report r ON r.id = l.report_id "
            "WHERE l.event_id = ? ORDER BY l.seq",
            (event_id,),
        )
        event["reports"] = [
            {
                "report_id": report_id,
                "title": title,
                "url": url,
                "source": outlet or attributed,
                "published": published,
                "language": language,
                "sentence": sentence,
                "sentence_start": sentence_start,
                "evidence": json.loads(record).get("evidence", {}),
            }
            for report_id, title, url, outlet, published, language, attributed, sentence, sentence_start, record in rows
        ]
        return event

    def report(self, report_id: str) -> dict[str, Any] | None:
        found = self.db.query(
            "SELECT id, title, url, source, published, language, text, content_hash, ingested_at FROM report "
            "WHERE id = ?",
            (report_id,),
        )
        if not found:
            return None
        keys = ("id", "title", "url", "source", "published", "language", "text", "content_hash", "ingested_at")
        report = dict(zip(keys, found[0], strict=True))
        events = self.db.query("SELECT event_id FROM link WHERE report_id = ? ORDER BY mention_id", (report_id,))
        report["event_ids"] = list(dict.fromkeys(e for (e,) in events))
        taken = self.db.query("SELECT basis FROM feed_item WHERE report_id = ? ORDER BY first_seen", (report_id,))
        report["coded_from"] = taken[0][0] if taken else None
        return report

    def stats(self, where: EventFilter | None = None) -> dict[str, Any]:
        clause, params = (where or EventFilter()).where()

        def by(column: str) -> dict[str, int]:
            rows = self.db.query(
                f"SELECT {column}, COUNT(*) FROM event{clause} GROUP BY {column} ORDER BY {column}", params
            )
            return {(key or UNKNOWN): int(n) for key, n in rows}

        return {
            "total": self.count_events(where),
            "by_type": by("event_type"),
            "by_day": by("event_date"),
            "by_admin1": by("admin1"),
            "last_updated": self.last_updated(),
        }

    def counts(self, column: str) -> list[tuple[str, int]]:
        """Events per value of a column, most first."""
        if column not in COUNTABLE:
            raise ValueError(f"cannot count by {column}")
        rows = self.db.query(f"SELECT {column}, COUNT(*) FROM event GROUP BY {column}")
        return sorted(((str(k) if k else UNKNOWN, int(n)) for k, n in rows), key=lambda kv: (-kv[1], kv[0]))

    def last_updated(self) -> str | None:
        """When an event was last created or joined by a report (UTC, ISO 8601), or None for an empty store."""
        row = self.db.query("SELECT MAX(updated_at) FROM event")[0]
        return row[0]

    def report_count(self) -> int:
        return int(self.db.query("SELECT COUNT(*) FROM report")[0][0])
