"""One event per happening within one report (ACLED: same actors, same day, same place, same type).

A report tells one happening in several sentences and with several words: the clauses the stage
`assemble` built are folded here into one event each.

- A demonstration absorbs the police action and arrests at it, which raise its sub-event type
  ("Protest with intervention"), at the same place and day.
- Co-occurring tactics of one episode (a suicide bomber ... the blast) are one event, of the
  highest sub-event type (`taxonomy.PRIORITY`), told by its named actors.
- A takeover told next to a withdrawal of the same actor from the same place is non-violent.
- Events of one type, actors, place and day are one, with the evidence of all and the lowest toll.

Across reports, `merge.across` decides which stored event a new report's event joins.
"""

from __future__ import annotations

import hashlib

from ..records import Event, Span
from ..taxonomy import EVENT_TYPE, PRIORITY, TERRITORY, disorder_type, interaction, is_demonstration
from .notes import describe
from .tolls import lowest_toll


def _merge_key(event: Event) -> tuple[str, ...]:
    return (event.event_type, event.sub_event_type, event.actor1, event.actor2, event.location, event.event_date)


def _raise_demonstration(host: Event, sub: str) -> None:
    if PRIORITY[sub] < PRIORITY[host.sub_event_type]:
        host.sub_event_type = sub
        host.event_type = EVENT_TYPE[sub]
        host.disorder_type = disorder_type(host.event_type, sub)


def _same_demonstration(host: Event, event: Event) -> bool:
    """Same place (or one of them placed by no words of its own) and same day (or one undated)."""
    same_place = host.location == event.location or "location" not in host.evidence or "location" not in event.evidence
    same_day = (
        host.event_date == event.event_date or "event_date" not in host.evidence or "event_date" not in event.evidence
    )
    return same_place and same_day


def _fold_demonstrations(events: list[Event]) -> list[Event]:
    """One demonstration per place and day: police action and arrests there raise its sub-event type
    (ACLED codes arrests at a protest as "Protest with intervention", not as a separate event)."""
    protests: list[Event] = [e for e in events if is_demonstration(e.event_type)]
    kept: list[Event] = []
    for event in events:
        host = next((p for p in protests if p is event or _same_demonstration(p, event)), None)
        if (
            host is None
            or host is event
            or not (is_demonstration(event.event_type) or event.sub_event_type == "Arrests")
        ):
            kept.append(event)
            continue
        _raise_demonstration(
            host, "Protest with intervention" if event.sub_event_type == "Arrests" else event.sub_event_type
        )
        if "location" not in host.evidence and "location" in event.evidence:
            _take_place(host, event)  # "... marched in the capital. ... the protesters in Bangui"
        if not host.actor2 and event.inter1 == 1:
            host.actor2, host.inter2 = event.actor1, event.inter1
            host.interaction = interaction(host.inter1 or 0, event.inter1)
            if "actor1" in event.evidence:
                host.evidence["actor2"] = event.evidence["actor1"]
        for field, spans in event.evidence.items():
            if field == "event_type":
                host.evidence.setdefault(field, []).extend(spans)
        host.fatalities = max(host.fatalities, event.fatalities)
    return kept


PLACE_FIELDS = ("location", "admin1", "admin2", "latitude", "longitude", "geonameid", "geo_precision")


def _take_place(host: Event, event: Event) -> None:
    """The place of one telling of a happening, for the telling that named none."""
    for name in PLACE_FIELDS:
        setattr(host, name, getattr(event, name))
    host.evidence["location"] = list(event.evidence["location"])


UNIDENTIFIED = "Unidentified Armed Group"


def _same_episode(a: Event, b: Event) -> bool:
    """Same event type, place and actor; the same day, or one of them not dated by the text itself."""
    same_actor = a.actor1 == b.actor1 or a.actor1.startswith(UNIDENTIFIED) or b.actor1.startswith(UNIDENTIFIED)
    same_day = a.event_date == b.event_date or "event_date" not in a.evidence or "event_date" not in b.evidence
    return (a.event_type, a.location) == (b.event_type, b.location) and same_actor and same_day


def _fold_tactics(events: list[Event]) -> list[Event]:
    """Co-occurring tactics of one event ("a suicide bomber ... the blast") are one event, of the
    highest sub-event type, told by its named actors."""
    kept: list[Event] = []
    by_place: dict[tuple[str, str], list[Event]] = {}  # kept events by type and place (both stay as they are)
    for event in events:
        same_place = by_place.setdefault((event.event_type, event.location), [])
        host = next((k for k in same_place if _same_episode(k, event) and _merge_key(k) != _merge_key(event)), None)
        if host is None:
            kept.append(event)
            same_place.append(event)
            continue
        if "event_date" not in host.evidence and "event_date" in event.evidence:
            host.event_date, host.time_precision = event.event_date, event.time_precision
            host.evidence["event_date"] = event.evidence["event_date"]
        if PRIORITY[event.sub_event_type] < PRIORITY[host.sub_event_type]:
            host.sub_event_type = event.sub_event_type
            host.evidence["event_type"] = event.evidence["event_type"] + host.evidence.get("event_type", [])
        else:
            host.evidence.setdefault("event_type", []).extend(event.evidence.get("event_type", []))
        if host.actor1.startswith(UNIDENTIFIED) and not event.actor1.startswith(UNIDENTIFIED):
            host.actor1, host.inter1 = event.actor1, event.inter1
            host.evidence["actor1"] = event.evidence.get("actor1", [])
        if not host.actor2 and event.actor2:
            host.actor2, host.inter2 = event.actor2, event.inter2
            host.evidence["actor2"] = event.evidence.get("actor2", [])
        host.interaction = interaction(host.inter1 or 0, host.inter2)
        host.disorder_type = disorder_type(host.event_type, host.sub_event_type)
        host.civilian_targeting = host.civilian_targeting or event.civilian_targeting
        host.fatalities = lowest_toll(t or None for t in (host.fatalities, event.fatalities))
    return kept


def _agree_on_territory(events: list[Event]) -> None:
    """One takeover of one place by one actor is told once as non-violent when the report tells a
    withdrawal next to any of its mentions."""
    calm = {(e.actor1, e.location) for e in events if e.sub_event_type == "Non-violent transfer of territory"}
    for event in events:
        if event.sub_event_type in TERRITORY and (event.actor1, event.location) in calm:
            event.sub_event_type = "Non-violent transfer of territory"
            event.event_type = EVENT_TYPE[event.sub_event_type]
            event.disorder_type = disorder_type(event.event_type, event.sub_event_type)


def one_event_per_happening(events: list[Event], text: str) -> list[Event]:
    """The events of one report, one per happening: demonstrations and co-occurring tactics folded,
    then events of one type, actors, place and day merged; each gets its id and notes."""
    events = _fold_demonstrations(events)
    merged: dict[tuple[str, ...], Event] = {}
    seen: dict[tuple[tuple[str, ...], str], set[Span]] = {}  # the spans of each merged event's field
    _agree_on_territory(events)
    for event in _fold_tactics(events):
        key = _merge_key(event)
        kept = merged.get(key)
        if kept is None:
            merged[key] = event
            continue
        for field, spans in event.evidence.items():
            kept_spans = kept.evidence.setdefault(field, [])
            known = seen.get((key, field))
            if known is None:
                known = seen[key, field] = set(kept_spans)
            for span in spans:
                if span not in known:
                    kept_spans.append(span)
                    known.add(span)
        kept.fatalities = lowest_toll(t or None for t in (kept.fatalities, event.fatalities))
        kept.confidence = max(kept.confidence, event.confidence)
    content = hashlib.sha1(text.encode("utf-8")).hexdigest()
    for event in merged.values():
        event.event_id = hashlib.sha1("|".join((content, *_merge_key(event))).encode()).hexdigest()[:16]
        event.notes = describe(event)
    return list(merged.values())
