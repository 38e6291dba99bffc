"""Stage `assemble`: triggers, actors, places, dates and counts combined into ACLED events.

Each trigger is read in its clause first, then in its sentence. Events of the same
type, actors, place and date within one report merge into one event.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from typing import TypeVar

from ..doc import Doc
from ..gazetteer import gazetteer
from ..lexicon import lexicon, phrases
from ..records import (
    Actor,
    ActorMention,
    Certainty,
    DateMention,
    Event,
    NumberMention,
    PlaceMention,
    Span,
    TriggerMention,
)
from ..taxonomy import EVENT_TYPE, PRIORITY, TERRITORY, VIOLENT_TYPES, disorder_type
from ..text import compile_phrases
from .actors import actor_dictionary
from .dates import report_date
from .triggers import cue_pattern

ARMED = frozenset({1, 2, 3, 4, 8})
DEATH_WINDOW = 40  # characters between a count and its death word ("zeven mensen gedood")


@dataclass(frozen=True)
class Scope:
    """Where a trigger is read: its clause, its sentence, and the sentences that follow it up to
    the next event ("... struck Kharkiv. Two civilians were killed, the governor said.")."""

    trigger: TriggerMention
    clause: tuple[int, int]
    sentence: tuple[int, int]
    window: tuple[int, int]

    def in_window(self, span: Span) -> bool:
        return self.window[0] <= span.start and span.end <= self.window[1]

    def distance(self, span: Span) -> int:
        return min(abs(span.start - self.trigger.span.end), abs(self.trigger.span.start - span.end))

    def in_clause(self, span: Span) -> bool:
        return self.clause[0] <= span.start and span.end <= self.clause[1]

    def in_sentence(self, span: Span) -> bool:
        return self.sentence[0] <= span.start and span.end <= self.sentence[1]


WINDOW_SENTENCES = 2  # sentences after a trigger's own that can still report on its event


def _scope(doc: Doc, trigger: TriggerMention) -> Scope:
    sentence = doc.sentences[trigger.sentence]
    clause = next((c for c in sentence.clauses if c[0] <= trigger.span.start < c[1]), (sentence.start, sentence.end))
    last = trigger.sentence
    trigger_sentences = {t.sentence for t in doc.triggers}
    while (
        last + 1 < len(doc.sentences)
        and last - trigger.sentence < WINDOW_SENTENCES
        and last + 1 not in trigger_sentences
    ):
        last += 1
    return Scope(trigger, clause, (sentence.start, sentence.end), (sentence.start, doc.sentences[last].end))


def _strongest_per_clause(doc: Doc) -> list[TriggerMention]:
    """Co-occurring tactics in one clause are one event, typed by the highest-ranked sub-event type."""
    best: dict[tuple[int, int], TriggerMention] = {}
    for trigger in doc.triggers:
        clause = _scope(doc, trigger).clause
        current = best.get(clause)
        if current is None or PRIORITY[trigger.sub_event_type] < PRIORITY[current.sub_event_type]:
            best[clause] = trigger
    return sorted(best.values(), key=lambda t: t.span.start)


Mention = TypeVar("Mention", ActorMention, PlaceMention, DateMention)


def _nearest(scope: Scope, items: list[Mention]) -> Mention | None:
    in_clause = [i for i in items if scope.in_clause(i.span)]
    pool = in_clause or [i for i in items if scope.in_sentence(i.span)]
    return min(pool, key=lambda i: scope.distance(i.span)) if pool else None


def _choose_actors(
    scope: Scope, doc: Doc, sub_event: str
) -> tuple[ActorMention | Actor | None, ActorMention | Actor | None]:
    known = actor_dictionary()
    mentions = [a for a in doc.actors if scope.in_sentence(a.span)]
    armed = [a for a in mentions if a.actor.inter in ARMED]
    civilians = [a for a in mentions if a.actor.inter == 7] or [
        a for a in doc.actors if a.actor.inter == 7 and scope.in_window(a.span)
    ]
    event_type = EVENT_TYPE[sub_event]
    if event_type == "Protests":
        first = _nearest(scope, [a for a in mentions if a.actor.inter == 6]) or known["protesters"]
        return first, (_nearest(scope, armed) if sub_event != "Peaceful protest" else None)
    if event_type == "Riots":
        return _nearest(scope, [a for a in mentions if a.actor.inter == 5]) or known["rioters"], _nearest(scope, armed)
    first = _nearest(scope, armed)
    if event_type in ("Violence against civilians", "Explosions/Remote violence"):
        victims = _nearest(scope, civilians) or (civilians[0] if civilians else None)
        if event_type == "Violence against civilians":
            victims = victims or known["civilians"]
        other = victims or _nearest(scope, [a for a in armed if first is None or a.actor.key != first.actor.key])
        return first or known["unidentified"], other
    if first is None and event_type == "Strategic developments":
        first = _nearest(scope, mentions)
    if first is None:
        return None, None
    opponents = [a for a in armed if a.actor.key != first.actor.key]
    second = _nearest(scope, opponents)
    if second is None and sub_event in TERRITORY:
        # Territory changes hands between sides the report names, not always in the same sentence.
        second = next((a for a in doc.actors if a.actor.inter in ARMED and a.actor.key != first.actor.key), None)
    return first, second


def _place(scope: Scope, doc: Doc) -> PlaceMention | None:
    return _nearest(scope, list(doc.places))


def _date(scope: Scope, doc: Doc, claimed: set[tuple[int, int]]) -> DateMention | None:
    own = [d for d in doc.dates if not d.since]
    in_clause = [d for d in own if scope.in_clause(d.span)]
    if in_clause:
        return min(in_clause, key=lambda d: scope.distance(d.span))
    # Dates in another trigger's clause belong to that trigger.
    free = [
        d
        for d in own
        if scope.in_sentence(d.span) and not any(c[0] <= d.span.start < c[1] for c in claimed if c != scope.clause)
    ]
    return min(free, key=lambda d: scope.distance(d.span)) if free else None


@cache
def _death_pattern(language: str):
    return compile_phrases(phrases(lexicon(language).triggers.get("deaths")))


def _fatalities(scope: Scope, doc: Doc) -> NumberMention | None:
    """The lowest count standing next to a death word in the trigger's sentence and those that follow."""
    window_text = doc.text[scope.window[0] : scope.window[1]]
    deaths = [
        Span(scope.window[0] + m.start(), scope.window[0] + m.end(), m.group(0))
        for m in _death_pattern(doc.language).finditer(window_text)
    ]
    date_spans = [d.span for d in doc.dates]
    counts = [
        n
        for n in doc.numbers
        if scope.in_window(n.span)
        and not any(d.start <= n.span.start < d.end for d in date_spans)
        and any(
            0 <= death.start - n.span.end <= DEATH_WINDOW or 0 <= n.span.start - death.end <= DEATH_WINDOW // 2
            for death in deaths
        )
    ]
    return min(counts, key=lambda n: n.value) if counts else None


def _focus_country(doc: Doc) -> str:
    votes = Counter(p.place.iso for p in doc.places if p.place.iso)
    votes.update(doc.countries)
    return votes.most_common(1)[0][0] if votes else ""


def _actor_name(actor: Actor, country: str) -> str:
    return actor.name.format(country=country or "International")


def _inter(actor: Actor, iso2: str) -> int:
    # A state's forces acting outside their own country are external forces (ACLED inter 8).
    if actor.inter == 1 and actor.country and iso2 and actor.country != iso2:
        return 8
    return actor.inter


def _territory_type(doc: Doc, actor: Actor, iso2: str) -> str:
    if cue_pattern(doc.language, "no_resistance").search(doc.text):
        return "Non-violent transfer of territory"
    if actor.inter == 1 and actor.country == iso2:
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _evidence(**spans: Span | None) -> dict[str, list[Span]]:
    return {field: [span] for field, span in spans.items() if span is not None}


def _build(doc: Doc, trigger: TriggerMention, claimed: set[tuple[int, int]], focus: str) -> Event | None:
    scope = _scope(doc, trigger)
    sub_event = trigger.sub_event_type
    first, second = _choose_actors(scope, doc, sub_event)
    if first is None:
        return None
    place = _place(scope, doc)
    if place is None and EVENT_TYPE[sub_event] in VIOLENT_TYPES:
        return None  # a violent event placed at country level at most is not recorded
    iso2 = place.place.iso if place else focus
    country = gazetteer().country_name(iso2) if iso2 else ""
    actor1 = first.actor if isinstance(first, ActorMention) else first
    actor2 = second.actor if isinstance(second, ActorMention) else second
    if sub_event in TERRITORY:
        sub_event = _territory_type(doc, actor1, iso2)
    event_type = EVENT_TYPE[sub_event]
    date = _date(scope, doc, claimed)
    when = (date.date, date.time_precision) if date else report_date(doc.report.published)
    toll = _fatalities(scope, doc) if event_type in VIOLENT_TYPES else None
    source = next((s for s in doc.sources if scope.in_window(s.span)), None)
    certainty = next((c for c in doc.certainties if c.sentence == trigger.sentence), None)
    inter1 = _inter(actor1, iso2)
    inter2 = _inter(actor2, iso2) if actor2 else None
    event = Event(
        event_id="",
        doc_id=doc.report.id,
        language=doc.language,
        event_date=when[0].isoformat() if when else "",
        time_precision=int(when[1]) if when else None,
        disorder_type=disorder_type(event_type, sub_event),
        event_type=event_type,
        sub_event_type=sub_event,
        actor1=_actor_name(actor1, country),
        inter1=inter1,
        actor2=_actor_name(actor2, country) if actor2 else "",
        inter2=inter2,
        interaction=int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter2 else inter1 * 10,
        civilian_targeting="Civilian targeting" if inter2 == 7 and event_type in VIOLENT_TYPES else "",
        iso=gazetteer().country_numeric(iso2) if iso2 else None,
        country=country,
        source=source.source if source else (doc.report.source or ""),
        fatalities=toll.value if toll else 0,
        certainty=certainty.certainty if certainty else Certainty.REPORTED,
        evidence=_evidence(
            event_type=trigger.span,
            actor1=first.span if isinstance(first, ActorMention) else None,
            actor2=second.span if isinstance(second, ActorMention) else None,
            location=place.span if place else None,
            event_date=date.span if date else None,
            fatalities=toll.span if toll else None,
            source=source.span if source else None,
            certainty=certainty.span if certainty else None,
        ),
    )
    if place:
        _set_place(event, place)
    event.confidence = round(min(0.95, 0.4 + 0.1 * len(event.evidence)), 2)
    return event


def _set_place(event: Event, mention: PlaceMention) -> None:
    place = mention.place
    event.location = place.name
    event.admin1 = place.admin1
    event.latitude = round(place.latitude, 4)
    event.longitude = round(place.longitude, 4)
    event.geonameid = place.geonameid
    event.geo_precision = 2 if mention.near else (3 if place.kind in ("admin1", "feature") else 1)


def _merge_key(event: Event) -> tuple[str, ...]:
    return (event.event_type, event.sub_event_type, event.actor1, event.actor2, event.location, event.event_date)


DEMONSTRATIONS = frozenset({"Protests", "Riots"})


def _fold_demonstrations(events: list[Event]) -> list[Event]:
    """One demonstration per place and day: police action and arrests there raise its sub-event type
    (ACLED codes arrests at a protest as "Protest with intervention", not as a separate event)."""
    protests = {(e.location, e.event_date): e for e in events if e.event_type in DEMONSTRATIONS}
    kept: list[Event] = []
    for event in events:
        host = protests.get((event.location, event.event_date)) or (
            next(iter(protests.values())) if len(protests) == 1 and not event.location else None
        )
        if (
            host is None
            or host is event
            or not (event.event_type in DEMONSTRATIONS or event.sub_event_type == "Arrests")
        ):
            kept.append(event)
            continue
        sub = "Protest with intervention" if event.sub_event_type == "Arrests" else event.sub_event_type
        if host.event_type == "Protests" and PRIORITY[sub] < PRIORITY[host.sub_event_type]:
            host.sub_event_type = sub
            host.disorder_type = disorder_type(host.event_type, sub)
        if not host.actor2 and event.inter1 == 1:
            host.actor2, host.inter2 = event.actor1, event.inter1
            host.interaction = int(f"{min(host.inter1 or 0, event.inter1)}{max(host.inter1 or 0, event.inter1)}")
            if "actor1" in event.evidence:
                host.evidence["actor2"] = event.evidence["actor1"]
        for field, spans in event.evidence.items():
            if field == "event_type":
                host.evidence.setdefault(field, []).extend(spans)
    return kept


def _merge(events: list[Event], text: str) -> list[Event]:
    merged: dict[tuple[str, ...], Event] = {}
    for event in events:
        key = _merge_key(event)
        kept = merged.get(key)
        if kept is None:
            merged[key] = event
            continue
        for field, spans in event.evidence.items():
            kept.evidence.setdefault(field, []).extend(s for s in spans if s not in kept.evidence[field])
        tolls = [t for t in (kept.fatalities, event.fatalities) if t]
        kept.fatalities = min(tolls) if tolls else 0  # ACLED: the lowest reported figure
        kept.confidence = max(kept.confidence, event.confidence)
    content = hashlib.sha1(text.encode("utf-8")).hexdigest()
    for event in merged.values():
        event.event_id = hashlib.sha1("|".join((content, *_merge_key(event))).encode()).hexdigest()[:16]
        event.notes = describe(event)
    return list(merged.values())


def describe(event: Event) -> str:
    """A short English description generated from the event's fields."""
    when = {1: "On {}", 2: "In the week of {}", 3: "In {}"}.get(event.time_precision or 0, "On an unknown date{}")
    date_text = event.event_date[:7] if event.time_precision == 3 else event.event_date
    where = (
        f" in {event.location}" + (f" ({event.admin1})" if event.admin1 else "")
        if event.location
        else (f" in {event.country}" if event.country else "")
    )
    against = f" involving {event.actor2}" if event.actor2 else ""
    toll = f" {event.fatalities} reported fatalities." if event.fatalities else ""
    source = f" According to {event.source}." if event.source else ""
    return (
        f"{when.format(date_text) if event.time_precision else when.format('')}, "
        f"{event.sub_event_type.lower()} by {event.actor1}{against}{where}.{toll}{source}"
    )


def assemble_events(doc: Doc) -> Doc:
    focus = _focus_country(doc)
    triggers = _strongest_per_clause(doc)
    claimed = {_scope(doc, t).clause for t in triggers}
    built = [e for t in triggers if (e := _build(doc, t, claimed, focus)) is not None]
    return replace(doc, events=tuple(_merge(_fold_demonstrations(built), doc.text)))
