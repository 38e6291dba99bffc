"""The API's response shapes (they are also its OpenAPI documentation at /docs)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class EventOut(BaseModel):
    """An event in ACLED's fields, as in `eventwire extract` JSONL, with the number of reports of it."""

    model_config = ConfigDict(extra="allow")

    event_id: str
    event_date: str | None = None
    time_precision: int | None = None
    disorder_type: str = ""
    event_type: str
    sub_event_type: str
    actor1: str = ""
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
    source: str = ""
    notes: str = ""
    fatalities: int = 0
    tags: str = Field(
        "", description="ACLED tags, '; '-separated: 'weapon not reported' for an event known only from damage."
    )
    certainty: str = "reported"
    confidence: float = 0.5
    report_count: int = Field(description="How many stored reports support this event.")


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filters, over all pages.")
    limit: int
    offset: int
    events: list[EventOut]


class SupportingReport(BaseModel):
    report_id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    sentence: str = Field(description="The sentence of the report that holds the event's trigger.")
    sentence_start: int = Field(description="Where that sentence starts in the report text.")
    evidence: dict[str, list[SpanOut]] = Field(description="For each coded field, the spans of the report text.")


class EventDetail(EventOut):
    reports: list[SupportingReport]


class ReportOut(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    text: str
    content_hash: str
    ingested_at: str
    event_ids: list[str]
    coded_from: str | None = Field(
        None,
        description="For a report `watch` took from a feed: 'article' (its page) or 'summary' (the feed's own "
        "title and summary, when the page could not be had).",
    )


class Stats(BaseModel):
    total: int
    by_type: dict[str, int]
    by_day: dict[str, int]
    by_admin1: dict[str, int]
    last_updated: str | None = Field(
        None, description="When any event (filtered or not) was last created or joined by a report, UTC."
    )


class IngestedReport(BaseModel):
    report_id: str
    stored: bool = Field(description="False when a report with the same text was stored before.")
    event_ids: list[str]


class SkippedReport(BaseModel):
    index: int
    id: str | None = None
    reason: str


class IngestResult(BaseModel):
    received: int
    stored: int
    duplicates: int
    reports: list[IngestedReport]
    skipped: list[SkippedReport]


class FeedOut(BaseModel):
    """A feed that `eventwire watch` follows, as of its last fetch."""

    url: str
    title: str | None = None
    last_fetch: str | None = Field(None, description="When it was last fetched (or tried), UTC.")
    last_success: str | None = Field(None, description="When a fetch last answered (new items or 304), UTC.")
    last_status: str = Field(description="'ok', 'not modified', 'failed', or 'new' (never fetched).")
    last_error: str | None = Field(None, description="Why the last fetch failed.")
    failures: int = Field(description="Failures in a row.")
    next_attempt: str | None = Field(None, description="After failures: when it is tried again, UTC.")
    items: int = Field(description="Items taken from it.")
    reports: int = Field(description="Reports stored from its items.")
    events: int = Field(description="Events its reports were coded into (new or joined).")
    errors: int = Field(description="Items that could not be coded, and failed fetches.")


class FeedList(BaseModel):
    feeds: list[FeedOut]


class Updates(BaseModel):
    last_updated: str | None = Field(description="When an event was last created or joined by a report, UTC.")
    events: int
    reports: int
