"""`eventwire watch`: code news feeds into the store as they publish."""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import Any

import click

from ..store import Store
from ..watch import BadFeedList, RoundSummary, Watcher, WatchOptions, feed_urls
from .demo import DEFAULT_DB
from .extract import EXIT_OK, EXIT_USAGE, parse_theatre

EXIT_ERRORS = 3  # `--once`: the round had errors (a feed failed, an item could not be coded)


def _stop_on_signals(watcher: Watcher) -> None:
    """SIGTERM and Ctrl-C finish the item in hand, then stop; a second Ctrl-C stops at once."""

    def stop(signum: int, _: FrameType | None) -> None:
        if watcher.stopping and signum == signal.SIGINT:
            raise KeyboardInterrupt
        click.echo(f"eventwire watch: {signal.Signals(signum).name}: stopping after the item in hand", err=True)
        watcher.stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def _seconds(default: float, help: str, least: float = 0.0) -> dict[str, Any]:
    """The settings of an option that is a number of seconds."""
    return {"type": click.FloatRange(min=least), "default": default, "show_default": True, "help": help}


@click.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file or postgresql:// URL to store into.")
@click.option("--interval", **_seconds(300.0, "Seconds per round."))
@click.option("--once", is_flag=True, help="Run one round and exit (for cron); exit status 3 if it had errors.")
@click.option("--timeout", **_seconds(20.0, "Seconds per request.", least=0.1))
@click.option("--host-delay", **_seconds(1.0, "Seconds between requests to a host."))
@click.option(
    "--backoff",
    **_seconds(60.0, "Seconds before retrying a failed feed; doubles with each failure in a row (at most 6 hours)."),
)
@click.option("--ignore-robots", is_flag=True, help="Fetch article pages that robots.txt disallows.")
@click.option(
    "--theatre",
    callback=parse_theatre,
    metavar="CC[,CC...]|none",
    help="Countries a report naming none is taken to be about (as `extract --theatre`).",
)
@click.option("--quiet", is_flag=True, help="No progress lines (feed failures are still logged).")
def watch(
    feeds: tuple[str, ...],
    db: str,
    interval: float,
    once: bool,
    timeout: float,
    host_delay: float,
    backoff: float,
    ignore_robots: bool,
    theatre: tuple[str, ...] | None,
    quiet: bool,
) -> None:
    """Follow FEEDS... (RSS/Atom URLs, OPML files, text files of one URL a line) and store what they bring.

    Each round fetches every feed (conditionally: ETag, Last-Modified), takes its new items, fetches
    each article page, codes it and stores report and events in DB, merging as `ingest` does. An item
    whose page cannot be fetched is coded from the feed's summary. The feeds' state lives in DB: a
    restart resumes where the last run stopped, and nothing is fetched or stored twice.
    """
    try:
        urls = feed_urls(list(feeds))
    except (BadFeedList, OSError) as error:
        click.echo(f"eventwire watch: {error}", err=True)
        sys.exit(EXIT_USAGE)
    options = WatchOptions(
        interval=interval,
        timeout=timeout,
        host_delay=host_delay,
        backoff=backoff,
        robots=not ignore_robots,
        theatre=theatre,
    )
    errors = 0

    def progress(summary: RoundSummary) -> None:
        nonlocal errors
        errors += summary.errors
        if not quiet:
            click.echo(summary.line(), err=True)

    with Store(db) as store:
        watcher = Watcher(store, urls, options, log=lambda message: click.echo(message, err=True))
        _stop_on_signals(watcher)
        if not quiet:
            click.echo(f"eventwire watch: {len(urls)} feeds into {db}, every {interval:g} s", err=True)
        watcher.run(once=once, on_round=progress)
    sys.exit(EXIT_ERRORS if once and errors else EXIT_OK)
