"""`eventwire watch` against a news site of ours on 127.0.0.1: real HTTP, real SQLite, no network."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from eventwire.api import Settings
from eventwire.store import Store
from eventwire.watch import BadFeedList, FeedState, Watcher, WatchOptions, feed_urls
from eventwire.watch.http import USER_AGENT

from .feed_site import MALFORMED, ROBOTS, Entry, FeedServer, article_page, articles, atom, rss
from .test_api import TOKEN, running_server

FAST = WatchOptions(interval=0.2, timeout=5, host_delay=0, backoff=0)
ARTICLES = articles()
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def entry(site: FeedServer, slug: str, folder: str = "news") -> Entry:
    return Entry(ARTICLES[slug], site.url(f"/{folder}/{slug}.html"), f"urn:item:{slug}")


def build_site(site: FeedServer) -> dict[str, str]:
    """Five feeds: RSS with an ETag, Atom, one with a missing and a robots-disallowed page, one that
    fails once, and a malformed one. Returns their URLs by name."""
    site.put("/robots.txt", ROBOTS)
    for slug, article in ARTICLES.items():
        site.put(f"/news/{slug}.html", article_page(article))
        site.put(f"/private/{slug}.html", article_page(article))
    english = [entry(site, s) for s in ("en-kupiansk-shelling", "en-odesa-drones", "en-lviv-rally")]
    site.put("/feeds/en.rss", replace(rss("Frontline Wire", english, "en"), etag='"en-1"'))
    site.put(
        "/feeds/uk.atom", atom("Фронтова стрічка", [entry(site, "uk-kherson-obstril"), entry(site, "uk-sumy-drony")])
    )
    europe = [
        entry(site, "de-saporischschja-raketen"),
        Entry(ARTICLES["de-charkiw-drohnen"], site.url("/gone/de-charkiw-drohnen.html"), "urn:item:de-charkiw"),
        entry(site, "fr-kharkiv-bombardement"),
        entry(site, "nl-cherson-beschieting", folder="private"),
    ]
    site.put("/feeds/europe.rss", rss("Europe Desk", europe))
    site.put("/feeds/ru.rss", replace(rss("Лента", [entry(site, "ru-dnipro-udar")], "ru"), fail_first=1))
    site.put("/feeds/broken.rss", MALFORMED)
    names = ("broken.rss", "en.rss", "uk.atom", "europe.rss", "ru.rss")
    return {name: site.url(f"/feeds/{name}") for name in names}


@pytest.fixture
def site() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


def stored_reports(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, text FROM report ORDER BY id").fetchall()


def test_a_round_codes_every_new_item_and_the_next_takes_nothing_again(site, tmp_path):
    feeds = build_site(site)
    with Store(tmp_path / "w.db") as store:
        watcher = Watcher(store, list(feeds.values()), FAST)
        first = watcher.run_round()
        assert (first.feeds, first.fetched, first.failed) == (5, 3, 2)  # broken, and ru's first 500
        assert first.new_items == 9 and first.reports == 9 and first.from_summary == 2
        assert first.events >= 9 and first.new_events >= 8
        second = watcher.run_round()
        assert (second.fetched, second.not_modified, second.failed) == (3, 1, 1)  # en.rss answers 304
        assert second.new_items == 1 and second.reports == 1  # ru recovered; nothing else twice
        assert store.report_count() == 10
    for slug in ARTICLES:
        if slug not in ("de-charkiw-drohnen", "nl-cherson-beschieting"):
            assert site.count(f"/news/{slug}.html") == 1, slug
    assert site.headers_of("/feeds/en.rss")[1].get("If-None-Match") == '"en-1"'
    assert all(h.get("User-Agent") == USER_AGENT for _, h in site.requests)


def test_items_are_coded_from_their_pages_with_the_feeds_dates(site, tmp_path):
    feeds = build_site(site)
    with Store(tmp_path / "w.db") as store:
        Watcher(store, [feeds["en.rss"], feeds["uk.atom"]], FAST).run_round()
        report = store.report(site.url("/news/en-kupiansk-shelling.html"))
        assert report is not None
        assert "Russian forces shelled the town of Kupiansk in Kharkiv oblast" in report["text"]
        assert "all rights reserved" not in report["text"]  # the page's main text, not its chrome
        assert report["published"] == "2026-03-10" and report["title"] == "Shelling of Kupiansk kills two"
        events = [store.event(e) for e in report["event_ids"]]
        assert [(e["location"], e["fatalities"]) for e in events] == [("Kupiansk", 2)]
        uk = store.report(site.url("/news/uk-kherson-obstril.html"))
        assert uk["language"] == "uk" and uk["event_ids"]


def test_a_missing_page_or_one_robots_refuses_is_coded_from_the_summary(site, tmp_path):
    feeds = build_site(site)
    with Store(tmp_path / "w.db") as store:
        Watcher(store, [feeds["europe.rss"]], FAST).run_round()
        items = {i.link.rsplit("/", 1)[1]: i for i in FeedState(store).items(feeds["europe.rss"])}
        assert items["de-charkiw-drohnen.html"].basis == "summary"
        assert items["nl-cherson-beschieting.html"].basis == "summary"
        assert items["fr-kharkiv-bombardement.html"].basis == "article"
        summary_report = store.report(items["de-charkiw-drohnen.html"].report_id)
        told = ARTICLES["de-charkiw-drohnen"]
        assert summary_report["text"] == f"{told.title}\n\n{told.summary}"
        assert summary_report["coded_from"] == "summary"
        assert store.report(items["fr-kharkiv-bombardement.html"].report_id)["coded_from"] == "article"
    assert site.count("/private/nl-cherson-beschieting.html") == 0  # robots.txt said no
    assert site.count("/robots.txt") == 1


def test_a_broken_feed_is_recorded_with_its_reason_and_tried_again_with_backoff(site, tmp_path):
    feeds = build_site(site)
    options = replace(FAST, backoff=3600)
    with Store(tmp_path / "w.db") as store:
        watcher = Watcher(store, [feeds["broken.rss"], feeds["ru.rss"], feeds["uk.atom"]], options)
        watcher.run_round()
        state = {f.url: f for f in FeedState(store).feeds()}
        broken, ru = state[feeds["broken.rss"]], state[feeds["ru.rss"]]
        assert broken.last_status == "failed" and broken.last_error.startswith("malformed feed")
        assert ru.last_error == "HTTP 500 Internal Server Error" and ru.failures == 1 and ru.next_attempt
        assert state[feeds["uk.atom"]].reports == 2  # the others went on
        again = watcher.run_round()
        assert again.waiting == 2 and site.count("/feeds/ru.rss") == 1  # backing off: not tried yet


def test_a_feed_that_times_out_is_a_failure_with_its_reason(site, tmp_path):
    feeds = build_site(site)
    site.routes["/feeds/uk.atom"].delay = 3
    with Store(tmp_path / "w.db") as store:
        summary = Watcher(store, [feeds["uk.atom"], feeds["en.rss"]], replace(FAST, timeout=0.5)).run_round()
        assert (summary.failed, summary.reports) == (1, 3)
        assert "timed out" in FeedState(store).feed(feeds["uk.atom"]).last_error


def test_a_restart_resumes_and_new_items_alone_are_fetched(site, tmp_path):
    feeds = build_site(site)
    urls = [feeds["en.rss"], feeds["uk.atom"]]
    with Store(tmp_path / "w.db") as store:
        Watcher(store, urls, FAST).run_round()
    english = [entry(site, s) for s in ("en-kupiansk-shelling", "en-odesa-drones", "en-lviv-rally")]
    site.put("/feeds/en.rss", replace(rss("Frontline Wire", [*english, entry(site, "ru-dnipro-udar")]), etag='"en-2"'))
    with Store(tmp_path / "w.db") as store:
        summary = Watcher(store, urls, FAST).run_round()
        assert (summary.new_items, summary.reports) == (1, 1)
        assert store.report_count() == 6
    assert site.count("/news/en-kupiansk-shelling.html") == 1 and site.count("/news/ru-dnipro-udar.html") == 1
    assert site.headers_of("/feeds/en.rss")[1].get("If-None-Match") == '"en-1"'  # the validator outlived the run


def test_the_same_story_in_two_feeds_is_fetched_and_stored_once(site, tmp_path):
    build_site(site)
    story = entry(site, "fr-kharkiv-bombardement")
    site.put("/feeds/a.rss", rss("A", [story]))
    site.put("/feeds/b.rss", atom("B", [Entry(story.article, story.link, "urn:other-guid")]))
    with Store(tmp_path / "w.db") as store:
        summary = Watcher(store, [site.url("/feeds/a.rss"), site.url("/feeds/b.rss")], FAST).run_round()
        assert summary.new_items == 1 and store.report_count() == 1
    assert site.count("/news/fr-kharkiv-bombardement.html") == 1


def test_feed_lists_from_urls_text_files_and_opml(tmp_path):
    listed = tmp_path / "feeds.txt"
    listed.write_text("# my feeds\nhttps://a.example/rss\n\nhttps://b.example/atom.xml\n", encoding="utf-8")
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="News">'
        '<outline text="C" type="rss" xmlUrl="https://c.example/feed"/>'
        '<outline text="A again" type="rss" xmlUrl="https://a.example/rss"/></outline></body></opml>',
        encoding="utf-8",
    )
    urls = feed_urls(["https://z.example/rss", str(listed), str(opml)])
    assert urls == [
        "https://z.example/rss",
        "https://a.example/rss",
        "https://b.example/atom.xml",
        "https://c.example/feed",
    ]
    bad = tmp_path / "bad.txt"
    bad.write_text("not a url\n", encoding="utf-8")
    with pytest.raises(BadFeedList, match=r"bad\.txt:1: not an http"):
        feed_urls([str(bad)])
    with pytest.raises(BadFeedList, match="neither an http"):
        feed_urls([str(tmp_path / "missing.txt")])


def _watch_process(db: Path, feeds: list[str], *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "watch", *feeds, "--db", str(db), "--host-delay", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_once_prints_a_progress_line_and_exits_3_when_a_feed_failed(site, tmp_path):
    feeds = build_site(site)
    listed = tmp_path / "feeds.txt"
    listed.write_text("\n".join([feeds["broken.rss"], feeds["uk.atom"]]) + "\n", encoding="utf-8")
    process = _watch_process(tmp_path / "w.db", [str(listed)], "--once")
    _, err = process.communicate(timeout=300)
    assert process.returncode == 3, err
    assert "round 1: 2 feeds (1 fetched, 0 unchanged, 1 failed); 2 new items, 2 reports stored" in err
    assert f"feed {feeds['broken.rss']}: malformed feed" in err
    process = _watch_process(tmp_path / "w.db", ["nonsense"], "--once")
    assert process.wait(timeout=60) == 2


def test_sigterm_mid_round_finishes_the_item_in_hand_and_loses_nothing(site, tmp_path):
    build_site(site)
    slugs = list(ARTICLES)
    for slug in slugs:
        site.routes[f"/news/{slug}.html"].delay = 0.4  # slow pages: the signal lands mid-round
    site.put("/feeds/all.rss", rss("All", [entry(site, s) for s in slugs]))
    db = tmp_path / "w.db"
    process = _watch_process(db, [site.url("/feeds/all.rss")], "--interval", "600")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (db.exists() and _count(db, "report") >= 2):
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "SIGTERM: stopping after the item in hand" in err
    taken, stored = _count(db, "feed_item"), _count(db, "report")
    assert 2 <= taken < len(slugs) and stored == taken  # every item taken was stored, nothing half-done
    process = _watch_process(db, [site.url("/feeds/all.rss")], "--once")
    process.communicate(timeout=300)
    assert _count(db, "feed_item") == _count(db, "report") == len(slugs)
    assert all(site.count(f"/news/{slug}.html") == 1 for slug in slugs)  # no page fetched twice


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # not migrated yet
        return 0


def test_watch_and_serve_share_one_sqlite_database_without_locking(site, tmp_path):
    feeds = build_site(site)
    db = str(tmp_path / "w.db")
    Store(db).close()
    failures: list[str] = []
    done = threading.Event()

    def read_and_write(client: httpx.Client) -> None:
        sent = 0
        while not done.is_set():
            for path in ("/events", "/feeds", "/stats", "/updates"):
                answer = client.get(path)
                if answer.status_code != 200:
                    failures.append(f"GET {path}: {answer.status_code} {answer.text}")
            sent += 1
            text = f"Protesters rallied in Lviv on Monday against the mobilisation law, number {sent}."
            answer = client.post("/reports", json={"text": text, "published": "2026-03-09"}, headers=AUTH)
            if answer.status_code != 201:
                failures.append(f"POST /reports: {answer.status_code} {answer.text}")

    with running_server(Settings(db=db, token=TOKEN, web_dir=None)) as url, httpx.Client(base_url=url) as client:
        reader = threading.Thread(target=read_and_write, args=(client,))
        reader.start()
        try:
            with Store(db) as store:
                watcher = Watcher(store, list(feeds.values()), FAST)
                rounds = [watcher.run_round() for _ in range(2)]
        finally:
            done.set()
            reader.join(timeout=60)
        listed = {f["url"]: f for f in client.get("/feeds").json()["feeds"]}
        updates = client.get("/updates").json()
        from_page = client.get(f"/reports/{site.url('/news/uk-sumy-drony.html')}").json()
    assert not failures, failures[:3]
    assert sum(r.reports for r in rounds) == 10
    assert listed[feeds["uk.atom"]]["last_status"] == "ok" and listed[feeds["uk.atom"]]["reports"] == 2
    assert listed[feeds["en.rss"]]["last_status"] == "not modified" and listed[feeds["en.rss"]]["items"] == 3
    assert listed[feeds["broken.rss"]]["last_status"] == "failed" and listed[feeds["broken.rss"]]["errors"] == 2
    assert listed[feeds["broken.rss"]]["last_error"].startswith("malformed feed")
    assert updates["reports"] >= 10 and updates["last_updated"]
    assert from_page["coded_from"] == "article" and from_page["event_ids"]
