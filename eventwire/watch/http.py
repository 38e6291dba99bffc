"""Polite HTTP for `watch`: one User-Agent, timeouts, conditional GET, a delay per host, robots.txt.

Built on the standard library (`urllib`), so that fetching needs nothing beyond Python. Every
request answers a `Fetched` (status, body, validators) or raises `FetchError` with a reason a
person can read; nothing here retries (the round decides when to try a feed again).
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from email.message import Message
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit


def _version() -> str:
    try:
        return version("eventwire")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree that is not installed
        return "0"


USER_AGENT = f"eventwire/{_version()} (news feed coder; +https://github.com/eventwire/eventwire)"
MAX_BYTES = 10 * 1024 * 1024  # a feed or an article page larger than this is refused
ROBOTS_TTL = 3600.0  # seconds a host's robots.txt is kept


class FetchError(Exception):
    """A request that got no usable answer; the message is the reason, `status` the HTTP status if any."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 when the conditional GET says nothing changed
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _header(headers: Message, name: str) -> str | None:
    value = headers.get(name)
    return value.strip() if value else None


@dataclass
class Fetcher:
    """Fetches URLs one at a time per host, at least `host_delay` seconds apart."""

    timeout: float = 20.0
    host_delay: float = 1.0
    user_agent: str = USER_AGENT
    _last_request: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _wait_for(self, host: str) -> None:
        with self._lock:
            last = self._last_request.get(host)
            now = time.monotonic()
            pause = 0.0 if last is None else max(0.0, last + self.host_delay - now)
            self._last_request[host] = now + pause
        if pause:
            time.sleep(pause)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url` (conditionally, when validators are given); a 304 answers with an empty body."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"not an http(s) URL: {url}")
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_for(urlsplit(url).netloc)
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                body = answer.read(MAX_BYTES + 1)
                if len(body) > MAX_BYTES:
                    raise FetchError(f"larger than {MAX_BYTES} bytes")
                return Fetched(
                    url=answer.geturl(),
                    status=answer.status,
                    body=body,
                    etag=_header(answer.headers, "ETag"),
                    last_modified=_header(answer.headers, "Last-Modified"),
                    content_type=_header(answer.headers, "Content-Type") or "",
                )
        except urllib.error.HTTPError as error:
            if error.code == 304:
                return Fetched(url=url, status=304, etag=etag, last_modified=last_modified)
            raise FetchError(f"HTTP {error.code} {error.reason}", error.code) from None
        except urllib.error.URLError as error:
            raise FetchError(f"cannot connect: {error.reason}") from None
        except TimeoutError:
            raise FetchError(f"timed out after {self.timeout:g} s") from None
        except OSError as error:
            raise FetchError(f"connection failed: {error}") from None

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets our User-Agent fetch `url` (RFC 9309's rules for failures)."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(root)
        if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL:
            cached = (time.monotonic(), self._read_robots(root))
            self._robots[root] = cached
        rules = cached[1]
        return rules is None or rules.can_fetch(self.user_agent, url)

    def _read_robots(self, root: str) -> urllib.robotparser.RobotFileParser | None:
        """The host's rules; None (everything allowed) when it has none; all refused when it fails."""
        rules = urllib.robotparser.RobotFileParser(f"{root}/robots.txt")
        try:
            fetched = self.get(f"{root}/robots.txt")
        except FetchError as error:
            if error.status is not None and 400 <= error.status < 500:
                return None  # no robots.txt: allowed
            rules.parse(["User-agent: *", "Disallow: /"])  # unreachable or 5xx: assume refused
            return rules
        rules.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        return rules
