"""The SQLite store: migrations, idempotent and transactional ingest."""

from __future__ import annotations

import sqlite3

import pytest

from eventwire import Pipeline, Report
from eventwire.records import PartialDate
from eventwire.store import MIGRATIONS, Store

REPORT = Report(
    "s1", "Russian forces shelled Kharkiv on Monday, killing two civilians.", PartialDate(2023, 1, 11), "en"
)


def test_schema_is_migrated_and_wal_is_on(tmp_path):
    store = Store(tmp_path / "a.db")
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    Store(tmp_path / "a.db").close()  # reopening does not migrate twice


def test_the_same_report_is_stored_once(tmp_path):
    events = Pipeline().run(REPORT).events
    store = Store(tmp_path / "b.db")
    assert store.add(REPORT, events) is True
    assert store.add(REPORT, events) is False
    assert store.conn.execute("SELECT COUNT(*) FROM report").fetchone()[0] == 1
    assert store.counts("location") == [("Kharkiv", len(events))]


def test_a_failed_insert_leaves_nothing_half_written(tmp_path):
    events = Pipeline().run(REPORT).events
    store = Store(tmp_path / "c.db")
    store.conn.execute("CREATE TRIGGER fail BEFORE INSERT ON event BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(sqlite3.IntegrityError):
        store.add(REPORT, events)
    assert store.conn.execute("SELECT COUNT(*) FROM report").fetchone()[0] == 0
    store.conn.execute("DROP TRIGGER fail")
    assert store.add(REPORT, events) is True
