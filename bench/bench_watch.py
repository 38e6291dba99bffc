"""`eventwire watch` over a local news site: a round of 1,000 items, and the latency of 50 new ones.

    .venv/bin/python bench/bench_watch.py [--feeds 20] [--items 1000] [--new 50] [--interval 1]

A site on 127.0.0.1 (the tests' `FeedServer`) serves `--feeds` RSS feeds holding `--items` items in
all, each with its article page, written from templates of ours in English, Ukrainian and German
(one town, one day, one toll each, so that every item is a happening of its own). The script

1. runs one round over all of them into a fresh SQLite file and prints the time from the start of
   the round to the last event stored, and items per second;
2. starts `eventwire serve`'s app on the same file (uvicorn in a thread), runs `watch` in a thread
   with rounds every `--interval` seconds, publishes `--new` items at once, and polls
   `GET /events` until all their events are there: the latency of each is the time from its
   publication to its event being returned by `GET /events`; prints the median and the maximum
   (the target: a round of 50 new items under 5 s).

The per-host delay is 0: every feed is on one local host here, where a deployment reads many.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventwire.api import Settings, create_app  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.watch import Watcher, WatchOptions  # noqa: E402
from tests.feed_site import Article, Entry, FeedServer, article_page, rss  # noqa: E402

TOWNS = (
    ("Kupiansk", "Купʼянськ", "Kupjansk"),
    ("Kramatorsk", "Краматорськ", "Kramatorsk"),
    ("Nikopol", "Нікополь", "Nikopol"),
    ("Kherson", "Херсон", "Cherson"),
    ("Sumy", "Суми", "Sumy"),
    ("Zaporizhzhia", "Запоріжжя", "Saporischschja"),
    ("Kharkiv", "Харків", "Charkiw"),
    ("Odesa", "Одеса", "Odessa"),
)
TEMPLATES = (
    (
        "en",
        "Russian forces shelled {town} on {day}, killing {n} civilians and damaging several houses, "
        "the regional governor said. Emergency services worked at the scene through the afternoon. "
        "Local officials said a school and a shop were among the buildings hit.",
    ),
    (
        "uk",
        "Російські війська {day} обстріляли {town}, загинули {n} мирних жителів, пошкоджено кілька будинків, "
        "повідомив голова обласної військової адміністрації. На місці працювали рятувальники.",
    ),
    (
        "de",
        "Russische Truppen haben {town} am {day} beschossen. Dabei wurden {n} Zivilisten getötet und mehrere "
        "Häuser beschädigt, teilte der Gouverneur der Region mit.",
    ),
)
START = dt.date(2024, 1, 1)


def article(number: int) -> Article:
    """Item `number`: its own town, day and toll, in one of three languages."""
    lang, template = TEMPLATES[number % len(TEMPLATES)]
    town = TOWNS[(number // len(TEMPLATES)) % len(TOWNS)][("en", "uk", "de").index(lang)]
    day = START + dt.timedelta(days=number)
    spoken = {"en": day.strftime("%d %B %Y"), "uk": day.strftime("%d.%m.%Y"), "de": day.strftime("%d.%m.%Y")}[lang]
    text = template.format(town=town, day=spoken, n=2 + number % 7)
    return Article(f"item-{number}", lang, day.isoformat(), f"{town}: shelling ({number})", text)


class Site:
    """The feeds' items so far (newest first), republished as items are added."""

    def __init__(self, server: FeedServer, feeds: int) -> None:
        self.server = server
        self.entries: dict[int, list[Entry]] = {f: [] for f in range(feeds)}

    def urls(self) -> list[str]:
        return [self.server.url(f"/feeds/{f}.rss") for f in self.entries]

    def publish(self, numbers: range) -> None:
        """Put the pages of items `numbers` on the site and at the top of the feeds, round robin."""
        for number in numbers:
            item = article(number)
            link = self.server.url(f"/news/{item.slug}.html")
            self.server.put(f"/news/{item.slug}.html", article_page(item))
            self.entries[number % len(self.entries)].insert(0, Entry(item, link, f"urn:{item.slug}"))
        for feed, entries in self.entries.items():
            self.server.put(f"/feeds/{feed}.rss", rss(f"Desk {feed}", entries))


def serve(db: str) -> tuple[uvicorn.Server, str]:
    server = uvicorn.Server(
        uvicorn.Config(create_app(Settings(db=db, web_dir=None)), host="127.0.0.1", port=0, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}"


def latencies(base: str, since: str, expected: int, published_at: float, timeout: float) -> list[float]:
    """Seconds from `published_at` to each new event's first appearance at GET /events."""
    first_seen: dict[str, float] = {}
    with httpx.Client(base_url=base, timeout=10) as client:
        while len(first_seen) < expected and time.monotonic() - published_at < timeout:
            page = client.get("/events", params={"start": since, "limit": 1000}).json()
            now = time.monotonic()
            for event in page["events"]:
                first_seen.setdefault(event["event_id"], now - published_at)
            time.sleep(0.05)
    return sorted(first_seen.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--new", type=int, default=50)
    parser.add_argument("--interval", type=float, default=1.0)
    args = parser.parse_args()
    options = WatchOptions(interval=args.interval, timeout=10, host_delay=0, backoff=0)
    with FeedServer() as server, tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "watch.db")
        site = Site(server, args.feeds)
        site.publish(range(args.items))
        with Store(db) as store:
            watcher = Watcher(store, site.urls(), options)
            started = time.monotonic()
            first = watcher.run_round()
            elapsed = time.monotonic() - started
            print(f"round of {first.new_items} new items over {first.feeds} feeds: {elapsed:.1f} s to the last event")
            print(f"  {first.new_items / elapsed:.1f} items/s; {first.reports} reports, {first.new_events} new events")
            server, base = serve(db)
            runner = threading.Thread(target=watcher.run, daemon=True)
            runner.start()
            time.sleep(args.interval * 1.5)  # the watcher is now between rounds, as it usually is
            since = (START + dt.timedelta(days=args.items)).isoformat()
            published_at = time.monotonic()
            site.publish(range(args.items, args.items + args.new))
            seen = latencies(base, since, args.new, published_at, timeout=120)
            watcher.stop()
            runner.join(timeout=60)
            server.should_exit = True
        if not seen:
            print("no new event appeared at GET /events")
            return
        print(f"{args.new} new items ({len(seen)} events queryable), rounds every {args.interval:g} s:")
        print(
            f"  latency from publication to GET /events: median {statistics.median(seen):.2f} s, max {seen[-1]:.2f} s"
        )


if __name__ == "__main__":
    main()
