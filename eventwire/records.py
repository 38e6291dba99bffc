"""Typed records that flow through the pipeline.

`Report` is what a reader produces, `Event` is what the pipeline emits. The
mention records (`DateMention`, `PlaceMention`, ...) are what the stages write
onto the working `Doc`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class DatePrecision(StrEnum):
    """How much of a publication date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class TimePrecision(IntEnum):
    """ACLED `time_precision`."""

    DAY = 1
    WEEK = 2
    MONTH = 3


class Certainty(StrEnum):
    REPORTED = "reported"
    CLAIMED = "claimed"
    ALLEGED = "alleged"
    DENIED = "denied"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date of which only the year, or year and month, may be known."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> DatePrecision:
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError on impossible dates."""
        parts = text.strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValueError(f"not a date: {text!r}")
        numbers = [int(p) for p in parts]
        if len(parts[0]) != 4:
            raise ValueError(f"not a date: {text!r}")
        if len(numbers) == 3:
            dt.date(*numbers)  # raises ValueError for 2022-02-30
            return cls(numbers[0], numbers[1], numbers[2])
        if len(numbers) == 2:
            if not 1 <= numbers[1] <= 12:
                raise ValueError(f"impossible month in {text!r}")
            return cls(numbers[0], numbers[1])
        return cls(numbers[0])

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass(frozen=True, slots=True)
class Report:
    """One dated news report as a reader produced it."""

    id: str
    text: str
    published: PartialDate | None = None
    language: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    # Countries (ISO 3166-1 alpha-2) a report naming none is taken to be about, to choose between
    # namesake places; None: the default theatre of lexicon/base/places.yaml; (): no such prior.
    theatre: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A character span of the report text and the words it covers."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    clauses: tuple[tuple[int, int], ...] = ()
    language: str = ""  # set when the sentence (mostly a quote) is in another language than the report


class NumberKind(StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    VAGUE = "vague"


@dataclass(frozen=True, slots=True)
class NumberMention:
    span: Span
    value: int
    kind: NumberKind = NumberKind.EXACT


@dataclass(frozen=True, slots=True)
class DateMention:
    span: Span
    date: dt.date
    time_precision: TimePrecision
    since: bool = False  # "since 2 March": a reference point, not when something happened


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int | None
    name: str
    iso: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    kind: str = "city"  # city | admin1 | admin2 | feature | country
    population: int = 0
    admin2: str = ""


@dataclass(frozen=True, slots=True)
class PlaceMention:
    span: Span
    place: Place
    near: bool = False
    anaphora: bool = False


@dataclass(frozen=True, slots=True)
class Actor:
    key: str
    name: str
    inter: int
    country: str = ""


@dataclass(frozen=True, slots=True)
class ActorMention:
    span: Span
    actor: Actor


@dataclass(frozen=True, slots=True)
class TriggerMention:
    span: Span
    event_type: str
    sub_event_type: str
    sentence: int


@dataclass(frozen=True, slots=True)
class SourceMention:
    span: Span
    source: str
    sentence: int


@dataclass(frozen=True, slots=True)
class CertaintyMention:
    span: Span
    certainty: Certainty
    sentence: int


@dataclass(slots=True)
class Event:
    """One ACLED-coded event, with the evidence each field came from."""

    event_id: str
    doc_id: str
    language: str
    event_date: str
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str = ""
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str = ""
    iso: int | None = None
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonameid: int | None = None
    source: str = ""
    notes: str = ""
    fatalities: int = 0
    tags: str = ""  # ACLED's tags: what a user should know about how the event was coded
    certainty: Certainty = Certainty.REPORTED
    confidence: float = 0.5
    evidence: dict[str, list[Span]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class InputError:
    """A report that could not be coded, and why."""

    input: str
    reason: str
    line: int | None = None
