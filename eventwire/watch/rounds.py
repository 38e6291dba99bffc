"""Rounds of `watch`: fetch every due feed, take its new items, code and store each one at once.

A round goes through the feeds in order. A feed that fails (timeout, 4xx/5xx, malformed XML) is
logged with its reason and tried again after a backoff that doubles with each failure in a row;
the other feeds go on. Each new item is stored as soon as it is coded (one transaction for its
report and events, one for the item's record), so its events are queryable seconds after the
item appears, and a stop (SIGTERM, Ctrl-C) between two items loses nothing.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..ingestion import code_and_store
from ..pipeline import Pipeline
from ..records import InputError
from ..store import Added, Store
from .http import Fetcher, FetchError
from .items import (
    ARTICLE,
    SUMMARY,
    Article,
    FeedItem,
    MalformedFeed,
    ParsedFeed,
    extract_article,
    parse_feed,
    report_of,
)
from .state import NOT_MODIFIED, OK, FeedState, FeedStatus, ItemOutcome, now_utc


@dataclass(frozen=True)
class WatchOptions:
    interval: float = 300.0  # seconds from the start of one round to the start of the next
    timeout: float = 20.0  # per request
    host_delay: float = 1.0  # seconds between two requests to one host
    backoff: float = 60.0  # wait after a feed's first failure; doubles with each failure in a row
    max_backoff: float = 6 * 3600.0
    robots: bool = True  # respect robots.txt for article pages
    theatre: tuple[str, ...] | None = None  # as `extract --theatre`

    def retry_delay(self, failures_before: int) -> float:
        return min(self.max_backoff, self.backoff * (2**failures_before))


@dataclass
class RoundSummary:
    """What one round did; `line()` is the progress line a person reads."""

    number: int
    feeds: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    waiting: int = 0  # feeds backing off after failures, not tried this round
    new_items: int = 0
    reports: int = 0
    from_summary: int = 0
    events: int = 0
    new_events: int = 0
    errors: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        feeds = f"{self.feeds} feeds ({self.fetched} fetched, {self.not_modified} unchanged"
        feeds += f", {self.failed} failed" + (f", {self.waiting} waiting to retry" if self.waiting else "") + ")"
        items = f"{self.new_items} new items, {self.reports} reports stored"
        items += f" ({self.from_summary} from the feed's summary)" if self.from_summary else ""
        return (
            f"round {self.number}: {feeds}; {items}; {self.events} events ({self.new_events} new); "
            f"{self.errors} errors; {self.seconds:.1f} s"
        )


def _quiet(_: str) -> None:
    """The default log: say nothing."""


@dataclass
class Watcher:
    """Follows `urls`, storing what they bring into `store`; `stop()` ends it after the item in hand."""

    store: Store
    urls: list[str]
    options: WatchOptions = field(default_factory=WatchOptions)
    pipeline: Pipeline | None = None
    log: Callable[[str], None] = _quiet
    rounds: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.state = FeedState(self.store)
        self.fetcher = Fetcher(timeout=self.options.timeout, host_delay=self.options.host_delay)
        for url in self.urls:
            self.state.follow(url)

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self, once: bool = False, on_round: Callable[[RoundSummary], None] | None = None) -> None:
        """Rounds every `interval` seconds until stopped (one round with `once`)."""
        while not self.stopping:
            started = time.monotonic()
            summary = self.run_round()
            if on_round:
                on_round(summary)
            if once:
                return
            self._stop.wait(max(0.0, self.options.interval - (time.monotonic() - started)))

    def run_round(self) -> RoundSummary:
        self.rounds += 1
        summary = RoundSummary(number=self.rounds)
        started = time.monotonic()
        for url in self.urls:
            if self.stopping:
                break
            summary.feeds += 1
            self._poll(self.state.feed(url) or self.state.follow(url), summary)  # followed since __post_init__
        summary.seconds = time.monotonic() - started
        return summary

    def _poll(self, feed: FeedStatus, summary: RoundSummary) -> None:
        if not feed.due(now_utc()):
            summary.waiting += 1
            return
        try:
            fetched = self.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
            parsed = None if fetched.not_modified else parse_feed(fetched.body, fetched.url)
        except (FetchError, MalformedFeed) as error:
            self._failed(feed, str(error), summary)
            return
        if parsed is None:
            summary.not_modified += 1
            self.state.fetched(feed.url, NOT_MODIFIED, None, fetched.etag, fetched.last_modified)
            return
        summary.fetched += 1
        self.state.fetched(feed.url, OK, parsed.title, fetched.etag, fetched.last_modified)
        for item in reversed(parsed.items):  # feeds list the newest first: take them in the order they appeared
            if self.stopping:
                return
            if not self.state.seen(feed.url, item.guid, item.link):
                self._take(feed.url, item, parsed, summary)

    def _failed(self, feed: FeedStatus, reason: str, summary: RoundSummary) -> None:
        summary.failed += 1
        summary.errors += 1
        delay = self.options.retry_delay(feed.failures)
        self.state.failed(feed.url, reason, now_utc() + dt.timedelta(seconds=delay))
        self.log(f"feed {feed.url}: {reason} (failure {feed.failures + 1} in a row; next try in {delay:g} s)")

    def _article(self, item: FeedItem) -> tuple[Article | None, str | None]:
        """The item's article page, or None and why it is coded from the feed's summary instead."""
        if not item.link:
            return None, "the item has no link"
        try:
            if self.options.robots and not self.fetcher.allowed(item.link):
                return None, "robots.txt disallows the page"
            page = self.fetcher.get(item.link)
        except FetchError as error:
            return None, f"page not fetched: {error}"
        article = extract_article(page.body, page.url)
        return (article, None) if article else (None, "no main text on the page")

    def _take(self, feed_url: str, item: FeedItem, feed: ParsedFeed, summary: RoundSummary) -> None:
        summary.new_items += 1
        article, why_not = self._article(item)
        basis = ARTICLE if article else SUMMARY
        report = report_of(item, feed, article, self.options.theatre)
        if not report.text.strip():
            self._record(feed_url, item, basis, summary, error=f"nothing to code: {why_not}, and no summary")
            return
        if why_not:
            self.log(f"item {item.key}: coded from the feed's summary ({why_not})")
        if self.pipeline is None:
            self.pipeline = Pipeline()
        tally = code_and_store([report], self.store, self.pipeline, batch_size=1)
        outcome = tally.in_order()[0]
        if isinstance(outcome, InputError):
            self._record(feed_url, item, basis, summary, error=outcome.reason)
            return
        self._stored(feed_url, item, basis, outcome, summary)

    def _stored(self, feed_url: str, item: FeedItem, basis: str, added: Added, summary: RoundSummary) -> None:
        summary.reports += int(added.stored)
        summary.from_summary += int(added.stored and basis == SUMMARY)
        summary.events += len(added.event_ids)
        summary.new_events += added.new_events
        outcome = ItemOutcome(item.guid, item.link, item.title, basis, added.report_id, len(added.event_ids))
        self.state.record(feed_url, outcome, new_report=added.stored)

    def _record(self, feed_url: str, item: FeedItem, basis: str, summary: RoundSummary, error: str) -> None:
        summary.errors += 1
        self.log(f"item {item.key}: not coded: {error}")
        self.state.record(feed_url, ItemOutcome(item.guid, item.link, item.title, basis, error=error))
