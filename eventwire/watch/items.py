"""Feeds parsed into items (`feedparser`), and items turned into reports (article pages via `trafilatura`).

An item is coded from its article page when the page can be fetched and has a main text;
otherwise from the feed's own title and summary, and the item says so (`basis = "summary"`).
The report's date is the item's publication date (to the day) when the feed gives one, else the
date the page states; nothing is dated by when we happened to fetch it.
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass
from typing import Any

from ..lexicon import languages
from ..records import PartialDate, Report

ARTICLE = "article"
SUMMARY = "summary"
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v]+")


class MalformedFeed(ValueError):
    """The body is not a feed that can be read; the message is the reason."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    guid: str | None
    link: str | None
    title: str | None
    summary: str
    published: PartialDate | None

    @property
    def key(self) -> str:
        return self.link or self.guid or self.title or ""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    language: str | None
    items: tuple[FeedItem, ...]


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    title: str | None
    published: PartialDate | None
    language: str | None
    site: str | None


def plain_text(markup: str) -> str:
    """Feed summaries are often HTML: tags dropped, entities decoded, spaces tidied."""
    text = html.unescape(_TAGS.sub(" ", markup or ""))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines() if line.strip())


def _date_of(parsed: time.struct_time | None) -> PartialDate | None:
    if not parsed:
        return None
    return PartialDate(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)


def _item(entry: Any) -> FeedItem:
    summary = entry.get("summary") or ""
    if not summary and entry.get("content"):
        summary = entry["content"][0].get("value", "")
    return FeedItem(
        guid=(entry.get("id") or None),
        link=(entry.get("link") or None),
        title=plain_text(entry.get("title") or "") or None,
        summary=plain_text(summary),
        published=_date_of(entry.get("published_parsed") or entry.get("updated_parsed")),
    )


def parse_feed(body: bytes, url: str) -> ParsedFeed:
    """RSS (0.9x, 1.0, 2.0) or Atom; raises `MalformedFeed` for anything feedparser cannot read as one."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if parsed.get("bozo") and not parsed.entries:
        raise MalformedFeed(f"malformed feed: {parsed.get('bozo_exception') or 'unreadable XML'}")
    if not parsed.get("version") and not parsed.entries:
        raise MalformedFeed("not an RSS or Atom feed")
    channel = parsed.get("feed", {})
    return ParsedFeed(
        title=plain_text(channel.get("title") or "") or None,
        language=coded_language(channel.get("language")),
        items=tuple(_item(entry) for entry in parsed.entries),
    )


def coded_language(declared: str | None) -> str | None:
    """A declared language ("uk-UA", "en_GB") as a hint, when it is one we code; else left to detection."""
    if not declared:
        return None
    code = declared.strip().lower().replace("_", "-").split("-", 1)[0]
    return code if code in languages() else None


def _partial_date(value: str | None) -> PartialDate | None:
    if not value:
        return None
    try:
        return PartialDate.parse(value[:10])
    except ValueError:
        return None


def extract_article(page: bytes, url: str) -> Article | None:
    """The page's main text, title, date, language and site name; None when it has no main text."""
    import trafilatura

    document = trafilatura.bare_extraction(
        page.decode("utf-8", errors="replace"), url=url, with_metadata=True, include_comments=False
    )
    if document is None or not (document.text or "").strip():
        return None
    return Article(
        text=document.text.strip(),
        title=document.title or None,
        published=_partial_date(document.date),
        language=coded_language(document.language),
        site=document.sitename or None,
    )


def report_of(item: FeedItem, feed: ParsedFeed, article: Article | None, theatre: tuple[str, ...] | None) -> Report:
    """The report an item becomes: its article when there is one, else the feed's title and summary."""
    if article is not None:
        text, language = article.text, article.language or feed.language
        published = item.published or article.published
    else:
        parts = [p for p in (item.title, item.summary) if p]
        if item.title and item.summary.startswith(item.title):
            parts = [item.summary]
        text, language, published = "\n\n".join(parts), feed.language, item.published
    return Report(
        id=item.link or item.guid or f"{feed.title}:{item.title}",
        text=text,
        published=published,
        language=language,
        title=item.title or (article.title if article else None),
        url=item.link,
        source=(article.site if article and article.site else None) or feed.title,
        theatre=theatre,
    )
