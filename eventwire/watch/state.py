"""What `watch` remembers between rounds and restarts, kept in the store's own database.

Per feed: its HTTP validators (ETag, Last-Modified), the outcome of the last fetch, how many
times in a row it failed and when to try it again, and running counts. Per item: its guid and
link (so that an item is fetched once, whichever feed brings it), what it was coded from, and the
report it became or the reason it did not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..store import Store

OK = "ok"
NOT_MODIFIED = "not modified"
FAILED = "failed"


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class FeedStatus:
    """One feed as the store knows it (what `GET /feeds` lists)."""

    url: str
    title: str | None
    last_fetch: str | None
    last_success: str | None
    last_status: str
    last_error: str | None
    failures: int
    next_attempt: str | None
    items: int
    reports: int
    events: int
    errors: int
    etag: str | None = None
    last_modified: str | None = None

    def due(self, moment: dt.datetime) -> bool:
        return self.next_attempt is None or self.next_attempt <= stamp(moment)


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    """What became of one feed item: `basis` is "article" or "summary" (the feed's own text)."""

    guid: str | None
    link: str | None
    title: str | None
    basis: str
    report_id: str | None = None
    events: int = 0
    error: str | None = None


_FEED_COLUMNS = (
    "url, title, last_fetch, last_success, last_status, last_error, failures, next_attempt, "
    "items, reports, events, errors, etag, last_modified"
)


class FeedState:
    """The `feed` and `feed_item` tables of a store (SQLite or PostgreSQL alike)."""

    def __init__(self, store: Store) -> None:
        self.db = store.db

    def feeds(self) -> list[FeedStatus]:
        rows = self.db.query(f"SELECT {_FEED_COLUMNS} FROM feed ORDER BY url")
        return [FeedStatus(*row) for row in rows]

    def feed(self, url: str) -> FeedStatus | None:
        rows = self.db.query(f"SELECT {_FEED_COLUMNS} FROM feed WHERE url = ?", (url,))
        return FeedStatus(*rows[0]) if rows else None

    def follow(self, url: str) -> FeedStatus:
        """The feed's state, creating it (never fetched, due now) the first time it is named."""
        with self.db.write():
            self.db.execute(
                "INSERT INTO feed (url, last_status, failures, items, reports, events, errors) "
                "VALUES (?, 'new', 0, 0, 0, 0, 0) ON CONFLICT (url) DO NOTHING",
                (url,),
            )
        found = self.feed(url)
        assert found is not None
        return found

    def fetched(self, url: str, status: str, title: str | None, etag: str | None, last_modified: str | None) -> None:
        """A fetch that answered (new content or 304): failures reset, validators kept."""
        moment = stamp(now_utc())
        with self.db.write():
            self.db.execute(
                "UPDATE feed SET title = COALESCE(?, title), etag = ?, last_modified = ?, last_fetch = ?, "
                "last_success = ?, last_status = ?, last_error = NULL, failures = 0, next_attempt = NULL "
                "WHERE url = ?",
                (title, etag, last_modified, moment, moment, status, url),
            )

    def failed(self, url: str, reason: str, retry_at: dt.datetime) -> None:
        with self.db.write():
            self.db.execute(
                "UPDATE feed SET last_fetch = ?, last_status = ?, last_error = ?, failures = failures + 1, "
                "errors = errors + 1, next_attempt = ? WHERE url = ?",
                (stamp(now_utc()), FAILED, reason, stamp(retry_at), url),
            )

    def seen(self, feed_url: str, guid: str | None, link: str | None) -> bool:
        """Whether this item was taken before: its guid from this feed, or its link from any feed."""
        if guid and self.db.query("SELECT 1 FROM feed_item WHERE feed_url = ? AND guid = ?", (feed_url, guid)):
            return True
        return bool(link and self.db.query("SELECT 1 FROM feed_item WHERE link = ?", (link,)))

    def record(self, feed_url: str, outcome: ItemOutcome, new_report: bool = False) -> None:
        """The item taken and the feed's counts, in one transaction (`new_report`: a report not stored before)."""
        stored = new_report and outcome.error is None
        with self.db.write():
            self.db.execute(
                "INSERT INTO feed_item (feed_url, guid, link, title, first_seen, basis, report_id, events, error) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    feed_url,
                    outcome.guid,
                    outcome.link,
                    outcome.title,
                    stamp(now_utc()),
                    outcome.basis,
                    outcome.report_id,
                    outcome.events,
                    outcome.error,
                ),
            )
            self.db.execute(
                "UPDATE feed SET items = items + 1, reports = reports + ?, events = events + ?, "
                "errors = errors + ? WHERE url = ?",
                (int(stored), outcome.events, int(outcome.error is not None), feed_url),
            )

    def items(self, feed_url: str) -> list[ItemOutcome]:
        rows = self.db.query(
            "SELECT guid, link, title, basis, report_id, events, error FROM feed_item WHERE feed_url = ? "
            "ORDER BY first_seen, link",
            (feed_url,),
        )
        return [ItemOutcome(*row) for row in rows]
