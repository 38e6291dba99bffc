"""The store: migrations, idempotent and transactional ingest, merging, queries.

The `check_*` functions take a database target (an SQLite path or a PostgreSQL URL), so that
tests/test_postgres.py runs the same behaviour against a real PostgreSQL server.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from eventwire import Pipeline, Report
from eventwire.readers import ReadOptions, read_inputs
from eventwire.records import PartialDate
from eventwire.store import MIGRATIONS, EventFilter, Store

from .conftest import SAMPLES

REPORT = Report(
    "s1", "Russian forces shelled Kharkiv on Monday, killing two civilians.", PartialDate(2023, 1, 11), "en"
)
MYKOLAIV = [SAMPLES / "en-mykolaiv-strike.txt", SAMPLES / "nl-mykolaiv-strike.txt"]


def coded(paths) -> list:
    return [c for c in Pipeline().code_all(read_inputs([str(p) for p in paths], ReadOptions())) if hasattr(c, "events")]


def check_idempotent_ingest(target: str) -> None:
    events = Pipeline().run(REPORT).events
    with Store(target) as store:
        first = store.add(REPORT, events)
        assert first.stored and len(first.event_ids) == len(events) == first.new_events
        again = store.add(REPORT, events)
        assert not again.stored and again.report_id == first.report_id
        assert store.report_count() == 1
        assert store.counts("location") == [("Kharkiv", len(events))]


def check_reports_of_one_happening_merge(target: str) -> None:
    with Store(target) as store:
        english, dutch = (store.add(c.report, c.events, c.language) for c in coded(MYKOLAIV))
        assert english.new_events == 1 and dutch.new_events == 0
        assert english.event_ids == dutch.event_ids  # the Dutch report joined the English one's event
        event = store.event(english.event_ids[0])
        assert event["event_id"] == english.event_ids[0]  # the first report's id stays the event's id
        assert event["report_count"] == 2 and event["fatalities"] == 4 and event["location"] == "Mykolaiv"
        assert [r["language"] for r in event["reports"]] == ["en", "nl"]
        for report in event["reports"]:
            text = store.report(report["report_id"])["text"]
            assert text[report["sentence_start"] :].startswith(report["sentence"])
            for spans in report["evidence"].values():
                for span in spans:
                    assert text[span["start"] : span["end"]] == span["text"]
        trigger = event["reports"][1]["evidence"]["event_type"][0]["text"]
        assert trigger in event["reports"][1]["sentence"]


def check_queries(target: str) -> None:
    with Store(target) as store:
        list(store.add_many(coded(sorted(SAMPLES.glob("*.txt")))))
        total = store.count_events()
        assert total >= 9 and len(store.list_events(limit=1000)) == total
        around_mykolaiv = EventFilter(bbox=(31.8, 46.8, 32.2, 47.1))
        assert [e["location"] for e in store.list_events(around_mykolaiv)] == ["Mykolaiv"]
        in_march = store.list_events(EventFilter(start="2023-03-01", end="2023-03-31"))
        assert in_march and all("2023-03-01" <= e["event_date"] <= "2023-03-31" for e in in_march)
        dates = [e["event_date"] for e in store.list_events()]
        assert dates == sorted(dates, reverse=True)
        assert {e["location"] for e in store.list_events(EventFilter(q="tbilisi"))} == {"Tbilisi"}
        russian = store.list_events(EventFilter(actor="forces of russia"))
        assert russian and all("Russia" in e["actor1"] + e["actor2"] for e in russian)
        assert store.count_events(EventFilter(q="100%_")) == 0  # LIKE wildcards are taken literally
        stats = store.stats()
        assert stats["total"] == total == sum(stats["by_type"].values()) == sum(stats["by_day"].values())


def test_schema_is_migrated_and_wal_is_on(tmp_path):
    store = Store(tmp_path / "a.db")
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    Store(tmp_path / "a.db").close()  # reopening does not migrate twice


def test_a_database_of_the_first_layout_is_migrated(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(";".join(MIGRATIONS[0]) + ";PRAGMA user_version=1;")
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert store.add(REPORT, Pipeline().run(REPORT).events).stored


def test_the_same_report_is_stored_once(tmp_path):
    check_idempotent_ingest(str(tmp_path / "b.db"))


def test_reports_of_one_happening_merge_across_languages(tmp_path):
    check_reports_of_one_happening_merge(str(tmp_path / "m.db"))


def test_queries_filter_and_count(tmp_path):
    check_queries(str(tmp_path / "q.db"))


def test_a_failed_insert_leaves_nothing_half_written(tmp_path):
    events = Pipeline().run(REPORT).events
    store = Store(tmp_path / "c.db")
    store.conn.execute("CREATE TRIGGER fail BEFORE INSERT ON event BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(sqlite3.IntegrityError):
        store.add(REPORT, events)
    assert store.report_count() == 0
    assert store.conn.execute("SELECT COUNT(*) FROM link").fetchone()[0] == 0
    store.conn.execute("DROP TRIGGER fail")
    assert store.add(REPORT, events).stored


def _many_reports(path, count: int) -> None:
    towns = ("Kharkiv", "Kherson", "Mykolaiv", "Zaporizhzhia", "Odesa", "Sumy", "Chernihiv", "Dnipro")
    with path.open("w") as out:
        for n in range(count):
            day = 1 + n % 28
            text = (
                f"Russian forces shelled {towns[n % len(towns)]} on {day} March 2023, killing {1 + n % 5} civilians, "
                f"the regional governor said. Report number {n}."
            )
            out.write(json.dumps({"id": f"r{n}", "published": "2023-03-29", "lang": "en", "text": text}) + "\n")


def _snapshot(db) -> dict:
    conn = sqlite3.connect(db)
    try:
        events = dict(conn.execute("SELECT event_id, report_count FROM event"))
        links = conn.execute("SELECT event_id, COUNT(*) FROM link GROUP BY event_id").fetchall()
        orphans = conn.execute("SELECT COUNT(*) FROM link WHERE report_id NOT IN (SELECT id FROM report)").fetchone()
        unlinked = conn.execute(
            "SELECT COUNT(*) FROM report r WHERE NOT EXISTS (SELECT 1 FROM link l WHERE l.report_id = r.id)"
        ).fetchone()
    finally:
        conn.close()
    assert dict(links) == events  # every event counts exactly the reports linked to it
    assert orphans[0] == 0 and unlinked[0] == 0  # every report (each has an event here) is linked
    return events


TOTAL = 70  # reports r0 and r56 (same town, same day) are one event


def test_an_interrupted_ingest_is_consistent_and_a_rerun_finishes_it(tmp_path):
    reports = tmp_path / "many.jsonl"
    _many_reports(reports, TOTAL)
    command = [sys.executable, "-m", "eventwire.cli", "ingest", str(reports), "--batch-size", "5", "--quiet"]
    crashed, clean = tmp_path / "crashed.db", tmp_path / "clean.db"
    process = subprocess.Popen([*command, "--db", str(crashed)])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if crashed.exists():
            try:
                if sqlite3.connect(crashed).execute("SELECT COUNT(*) FROM report").fetchone()[0] >= 10:
                    break
            except sqlite3.OperationalError:  # not migrated yet
                continue
    process.send_signal(signal.SIGKILL)
    process.wait()
    _snapshot(crashed)
    stored = sqlite3.connect(crashed).execute("SELECT COUNT(*) FROM report").fetchone()[0]
    assert stored < TOTAL  # it was interrupted midway
    subprocess.run([*command, "--db", str(crashed)], check=True)
    subprocess.run([*command, "--db", str(clean)], check=True)
    assert _snapshot(crashed) == _snapshot(clean)
    assert sqlite3.connect(crashed).execute("SELECT COUNT(*) FROM report").fetchone()[0] == TOTAL


def test_ingest_command_stores_and_a_rerun_adds_nothing(tmp_path):
    from click.testing import CliRunner

    from eventwire.cli import main

    db = str(tmp_path / "i.db")
    first = CliRunner().invoke(main, ["ingest", *map(str, MYKOLAIV), "--db", db])
    assert first.exit_code == 0 and "2 reports stored" in first.stderr and "1 new events" in first.stderr
    again = CliRunner().invoke(main, ["ingest", *map(str, MYKOLAIV), "--db", db])
    assert again.exit_code == 0 and "0 reports stored (2 stored before" in again.stderr
