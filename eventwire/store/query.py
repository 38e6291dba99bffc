"""Filters over stored events, turned into one SQL `WHERE` clause both databases run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LIKE_ESCAPE = "\\"


def like_pattern(text: str) -> str:
    """`%text%` with LIKE's wildcards in `text` taken literally."""
    escaped = text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_text(*parts: str | None) -> str:
    """What `q` searches: the event's words, case-folded once when stored."""
    return " ".join(p for p in parts if p).casefold()


@dataclass(frozen=True, slots=True)
class EventFilter:
    start: str | None = None  # YYYY-MM-DD, inclusive
    end: str | None = None  # YYYY-MM-DD, inclusive
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # part of actor1 or actor2, any case
    country: str | None = None
    admin1: str | None = None
    q: str | None = None  # words anywhere in the event's description, places, actors or report titles

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def add(clause: str, *values: Any) -> None:
            clauses.append(clause)
            params.extend(values)

        if self.start:
            add("event_date >= ?", self.start)
        if self.end:
            add("event_date <= ?", self.end)
        if self.bbox:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            add("latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?", min_lat, max_lat, min_lon, max_lon)
        for column in ("event_type", "sub_event_type", "country", "admin1"):
            value = getattr(self, column)
            if value:
                add(f"{column} = ?", value)
        if self.actor:
            pattern = like_pattern(self.actor.casefold())
            add("(LOWER(actor1) LIKE ? ESCAPE '\\' OR LOWER(actor2) LIKE ? ESCAPE '\\')", pattern, pattern)
        for word in (self.q or "").split():
            add("search LIKE ? ESCAPE '\\'", like_pattern(word.casefold()))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params
