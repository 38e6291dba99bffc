"""The feeds to follow, from the command line: URLs, OPML files, or text files of one URL a line."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path


class BadFeedList(ValueError):
    """A FEEDS argument that names no feed; the message is the reason."""


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _from_opml(path: Path, text: str) -> list[str]:
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise BadFeedList(f"{path}: not readable OPML ({error})") from None
    return [node.attrib["xmlUrl"].strip() for node in root.iter("outline") if node.attrib.get("xmlUrl", "").strip()]


def _from_lines(path: Path, text: str) -> list[str]:
    urls = []
    for number, line in enumerate(text.splitlines(), start=1):
        value = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not value:
            continue
        if not _is_url(value):
            raise BadFeedList(f"{path}:{number}: not an http(s) URL: {value!r}")
        urls.append(value)
    return urls


def feed_urls(arguments: list[str]) -> list[str]:
    """Every feed URL the arguments name, in order, each once."""
    urls: list[str] = []
    for argument in arguments:
        if _is_url(argument):
            urls.append(argument)
            continue
        path = Path(argument)
        if not path.is_file():
            raise BadFeedList(f"{argument}: neither an http(s) URL nor a file")
        text = path.read_text(encoding="utf-8-sig")
        is_opml = path.suffix.lower() == ".opml" or text.lstrip().startswith(("<?xml", "<opml"))
        found = _from_opml(path, text) if is_opml else _from_lines(path, text)
        if not found:
            raise BadFeedList(f"{argument}: names no feed")
        urls.extend(found)
    return list(dict.fromkeys(urls))
