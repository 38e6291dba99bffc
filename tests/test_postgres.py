"""The store and the API on PostgreSQL: a real server started for this test run on 127.0.0.1.

`make test` installs Debian's `postgresql` when it is missing; without it these tests are skipped.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from eventwire import Pipeline
from eventwire.api import Settings
from eventwire.store import MIGRATIONS, Store

from . import test_store
from .test_api import check_event_pages, fill, free_port, running_server


def _bindir() -> Path | None:
    found = shutil.which("pg_ctl") or next(
        iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)), None
    )
    return Path(found).resolve().parent if found else None


def _as_server_user() -> list[str]:
    """initdb and pg_ctl refuse to run as root: as root, run them as the `postgres` user."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root and there is no 'postgres' user to run PostgreSQL as")
    return ["runuser", "-u", "postgres", "--"]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A throwaway PostgreSQL server; yields the URL of its `postgres` database."""
    bindir = _bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (make test installs Debian's postgresql package)")
    prefix = _as_server_user()
    data = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
    if prefix:
        shutil.chown(data, "postgres", "postgres")
    port = free_port()
    log = str(data / "log")
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    try:
        subprocess.run(
            [*prefix, str(bindir / "initdb"), "-D", str(data / "db"), "-U", "postgres", "-A", "trust", "-E", "UTF8"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data / "db"), "-l", log, "-o", options, "-w", "start"],
            check=True,
            capture_output=True,
        )
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture
def database(server: str) -> str:
    """A fresh, empty database on the server."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + f"/{name}"


def test_schema_is_migrated_once(database):
    with Store(database) as store:
        assert store.dialect == "postgresql"
        assert store.db.schema_version() == len(MIGRATIONS)
    with Store(database) as store:  # reopening does not migrate twice
        assert store.conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_the_same_report_is_stored_once(database):
    test_store.check_idempotent_ingest(database)


def test_reports_of_one_happening_merge_across_languages(database):
    test_store.check_reports_of_one_happening_merge(database)


def test_queries_filter_and_count(database):
    test_store.check_queries(database)


def test_a_failed_insert_leaves_nothing_half_written(database):
    import psycopg

    events = Pipeline().run(test_store.REPORT).events
    with Store(database) as store:
        store.conn.execute(
            "CREATE FUNCTION fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql"
        )
        store.conn.execute("CREATE TRIGGER fail BEFORE INSERT ON event FOR EACH ROW EXECUTE FUNCTION fail()")
        with pytest.raises(psycopg.Error, match="disk full"):
            store.add(test_store.REPORT, events)
        assert store.report_count() == 0
        store.conn.execute("DROP TRIGGER fail ON event")
        assert store.add(test_store.REPORT, events).stored


def test_the_api_serves_a_postgresql_store(database):
    fill(database)
    with running_server(Settings(db=database, web_dir=None)) as url, httpx.Client(base_url=url) as client:
        check_event_pages(client)
        stats = client.get("/stats").json()
        assert stats["total"] == client.get("/events").json()["total"]


def test_watch_stores_feeds_into_postgresql(database):
    from eventwire.watch import FeedState, Watcher, WatchOptions

    from .feed_site import FeedServer
    from .test_watch import build_site

    with FeedServer() as site, Store(database) as store:
        feeds = build_site(site)
        watcher = Watcher(store, list(feeds.values()), WatchOptions(timeout=5, host_delay=0, backoff=0))
        first, second = watcher.run_round(), watcher.run_round()
        assert (first.reports, second.reports, second.not_modified) == (9, 1, 1)
        states = {f.url: f for f in FeedState(store).feeds()}
        assert states[feeds["broken.rss"]].failures == 2 and states[feeds["ru.rss"]].last_status == "ok"
        assert store.report_count() == 10
