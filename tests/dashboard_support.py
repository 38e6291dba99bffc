"""Helpers for the dashboard tests: a real `eventwire serve` subprocess and headless Chromium."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Debian's chromium, driven through Playwright's own protocol client: never `playwright install`.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def eventwire(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the eventwire CLI in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "eventwire.cli", *args], capture_output=True, text=True, timeout=600, check=False
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@contextmanager
def served(db: Path, log: Path, timeout: float = 60.0) -> Iterator[str]:
    """`eventwire serve --db DB` on a free port of 127.0.0.1; yields its base URL, stops it after."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"eventwire serve exited with {process.returncode}:\n{log.read_text()}")
            try:
                get_json(f"{base}/stats")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"eventwire serve did not answer in {timeout} s:\n{log.read_text()}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def all_events(base: str, **filters: str) -> list[dict[str, Any]]:
    """Every event the API returns for these filters, page by page."""
    events: list[dict[str, Any]] = []
    while True:
        query = urllib.parse.urlencode({**filters, "limit": 1000, "offset": len(events)})
        page = get_json(f"{base}/events?{query}")
        events.extend(page["events"])
        if not page["events"] or len(events) >= page["total"]:
            return events


def mapped(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if e.get("latitude") is not None and e.get("longitude") is not None]
