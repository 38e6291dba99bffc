"""The store's schema, as numbered migrations in SQL that SQLite and PostgreSQL both run.

A migration is never edited once released: a change is a new migration at the end.
"""

from __future__ import annotations

# 1: the first layout (one row per coded event of one report).
_V1 = (
    """CREATE TABLE report (
        id TEXT PRIMARY KEY, content_hash TEXT UNIQUE NOT NULL, text TEXT NOT NULL, published TEXT,
        language TEXT, title TEXT, url TEXT, source TEXT, ingested_at TEXT DEFAULT CURRENT_TIMESTAMP
    )""",
    """CREATE TABLE event (
        event_id TEXT PRIMARY KEY, report_id TEXT NOT NULL REFERENCES report(id) ON DELETE CASCADE,
        event_date TEXT, time_precision INTEGER, event_type TEXT, sub_event_type TEXT,
        actor1 TEXT, actor2 TEXT, country TEXT, admin1 TEXT, location TEXT,
        latitude REAL, longitude REAL, fatalities INTEGER, record TEXT NOT NULL
    )""",
    "CREATE INDEX event_report ON event(report_id)",
    "CREATE INDEX event_date ON event(event_date)",
    "CREATE INDEX event_type ON event(event_type)",
)

# 2: one event per happening, linked to every report of it. The first layout held only what coding
# derives from the reports, so it is dropped; running the ingest again fills the new one.
_V2 = (
    "DROP TABLE event",
    "DROP TABLE report",
    """CREATE TABLE source (
        name TEXT PRIMARY KEY, first_seen TEXT NOT NULL
    )""",
    """CREATE TABLE report (
        id TEXT PRIMARY KEY, content_hash TEXT UNIQUE NOT NULL, text TEXT NOT NULL, published TEXT,
        language TEXT, title TEXT, url TEXT, source TEXT REFERENCES source(name), ingested_at TEXT NOT NULL
    )""",
    """CREATE TABLE event (
        event_id TEXT PRIMARY KEY, family TEXT NOT NULL,
        event_date TEXT, time_precision INTEGER, date_lo TEXT, date_hi TEXT,
        event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, actor1 TEXT NOT NULL, actor2 TEXT NOT NULL,
        country TEXT NOT NULL, admin1 TEXT NOT NULL, location TEXT NOT NULL,
        latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, geo_precision INTEGER,
        fatalities INTEGER NOT NULL, report_count INTEGER NOT NULL,
        search TEXT NOT NULL, record TEXT NOT NULL, updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE link (
        report_id TEXT NOT NULL REFERENCES report(id) ON DELETE CASCADE,
        mention_id TEXT NOT NULL,
        event_id TEXT NOT NULL REFERENCES event(event_id) DEFERRABLE INITIALLY DEFERRED,
        seq INTEGER NOT NULL,
        source TEXT REFERENCES source(name),
        sentence_start INTEGER NOT NULL, sentence TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (report_id, mention_id)
    )""",
    "CREATE INDEX link_event ON link(event_id)",
    # Covering indexes for the map's queries (a bounding box, a date range, newest first).
    "CREATE INDEX event_date ON event(event_date, latitude, longitude, event_id)",
    "CREATE INDEX event_place ON event(latitude, longitude, event_date, event_id)",
    "CREATE INDEX event_family ON event(family, date_lo)",
    "CREATE INDEX event_type_date ON event(event_type, event_date)",
    "CREATE INDEX event_admin1 ON event(admin1)",
    "CREATE INDEX event_country ON event(country)",
)

# 3: what `eventwire watch` knows of the feeds it follows (validators, failures, backoff) and of
# every item it has taken (keyed by guid and link, so that an item is fetched once); and an index
# for when the events last changed.
_V3 = (
    """CREATE TABLE feed (
        url TEXT PRIMARY KEY, title TEXT, etag TEXT, last_modified TEXT,
        last_fetch TEXT, last_success TEXT, last_status TEXT NOT NULL, last_error TEXT,
        failures INTEGER NOT NULL, next_attempt TEXT,
        items INTEGER NOT NULL, reports INTEGER NOT NULL, events INTEGER NOT NULL, errors INTEGER NOT NULL
    )""",
    """CREATE TABLE feed_item (
        feed_url TEXT NOT NULL REFERENCES feed(url), guid TEXT, link TEXT, title TEXT,
        first_seen TEXT NOT NULL, basis TEXT NOT NULL, report_id TEXT, events INTEGER NOT NULL,
        error TEXT
    )""",
    "CREATE INDEX feed_item_guid ON feed_item(feed_url, guid)",
    "CREATE INDEX feed_item_link ON feed_item(link)",
    "CREATE INDEX event_updated ON event(updated_at)",  # the dashboard's poll for news
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3)
