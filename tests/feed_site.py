"""A news site on 127.0.0.1 for the `watch` tests and bench: feeds (RSS 2.0, Atom) and article pages.

`FeedServer` serves whatever routes a test puts in it, and can misbehave on purpose: answer 500
a number of times before recovering, honour If-None-Match with 304, or be slow. It logs every
request, so that tests can check what was fetched and how often. The articles are ours
(`tests/data/watch/articles.jsonl`).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ARTICLES = Path(__file__).parent / "data" / "watch" / "articles.jsonl"


@dataclass(frozen=True)
class Article:
    slug: str
    lang: str
    published: str
    title: str
    text: str

    @property
    def summary(self) -> str:
        return self.text.split(". ", 1)[0].rstrip(".") + "."


def articles() -> dict[str, Article]:
    found = (Article(**json.loads(line)) for line in ARTICLES.read_text(encoding="utf-8").splitlines() if line)
    return {a.slug: a for a in found}


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None  # when set, If-None-Match with it answers 304
    fail_first: int = 0  # answer 500 this many times before answering properly
    delay: float = 0.0  # seconds before answering


@dataclass
class FeedServer:
    """A threaded HTTP server on a free port of 127.0.0.1 (a context manager)."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __enter__(self) -> FeedServer:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site._answer(self)

            def log_message(self, *_: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, route: Route) -> None:
        with self._lock:
            self.routes[path] = route

    def count(self, path: str) -> int:
        with self._lock:
            return sum(1 for requested, _ in self.requests if requested == path)

    def headers_of(self, path: str) -> list[dict[str, str]]:
        with self._lock:
            return [headers for requested, headers in self.requests if requested == path]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        with self._lock:
            self.requests.append((path, dict(handler.headers.items())))
            route = self.routes.get(path)
            failing = route is not None and route.fail_first > 0
            if failing:
                route.fail_first -= 1
        if route is not None and route.delay:
            time.sleep(route.delay)
        if route is None:
            self._send(handler, 404, b"not found", "text/plain")
        elif failing:
            self._send(handler, 500, b"internal error", "text/plain")
        elif route.etag and handler.headers.get("If-None-Match") == route.etag:
            self._send(handler, 304, b"", route.content_type, route.etag)
        else:
            self._send(handler, 200, route.body, route.content_type, route.etag)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, kind: str, etag: str | None = None) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        if etag:
            handler.send_header("ETag", etag)
        if status != 304:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if status != 304:
            handler.wfile.write(body)


def article_page(article: Article) -> Route:
    title, text = html.escape(article.title), html.escape(article.text)
    page = f"""<!doctype html>
<html lang="{article.lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Frontline Wire">
<meta property="article:published_time" content="{article.published}T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1><p>{text}</p></article>
<footer>Frontline Wire, all rights reserved.</footer></body></html>"""
    return Route(page.encode("utf-8"))


def _rfc822(day: str, minute: int = 0) -> str:
    return email.utils.format_datetime(dt.datetime.fromisoformat(f"{day}T09:{minute:02d}:00+00:00"))


@dataclass(frozen=True)
class Entry:
    """One item of a feed: the article it announces and the link it gives (a page that may not exist)."""

    article: Article
    link: str
    guid: str


def rss(title: str, entries: list[Entry], language: str = "") -> Route:
    items = "".join(
        f"<item><title>{html.escape(e.article.title)}</title><link>{html.escape(e.link)}</link>"
        f'<guid isPermaLink="false">{html.escape(e.guid)}</guid><pubDate>{_rfc822(e.article.published, i)}</pubDate>'
        f"<description>{html.escape(e.article.summary)}</description></item>"
        for i, e in enumerate(entries)
    )
    language_tag = f"<language>{language}</language>" if language else ""
    body = (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{html.escape(title)}</title>'
        f"<link>http://127.0.0.1/</link><description>News</description>{language_tag}{items}</channel></rss>"
    )
    return Route(body.encode("utf-8"), "application/rss+xml; charset=utf-8")


def atom(title: str, entries: list[Entry]) -> Route:
    items = "".join(
        f'<entry><title>{html.escape(e.article.title)}</title><link href="{html.escape(e.link)}"/>'
        f"<id>{html.escape(e.guid)}</id><updated>{e.article.published}T09:{i:02d}:00Z</updated>"
        f"<summary>{html.escape(e.article.summary)}</summary></entry>"
        for i, e in enumerate(entries)
    )
    body = (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(title)}</title><id>urn:feed:{html.escape(title)}</id>"
        f"<updated>2026-03-13T10:00:00Z</updated>{items}</feed>"
    )
    return Route(body.encode("utf-8"), "application/atom+xml; charset=utf-8")


MALFORMED = Route(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><title>', "application/rss+xml")
ROBOTS = Route(b"User-agent: *\nDisallow: /private/\n", "text/plain")
