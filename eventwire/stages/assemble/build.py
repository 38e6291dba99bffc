"""One event per clause, built from its best trigger and the fields read in its scope; then one
event per happening (`merge.within`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ...doc import Doc
from ...merge import one_event_per_happening
from ...records import (
    Actor,
    ActorMention,
    Certainty,
    CertaintyMention,
    DateMention,
    Event,
    NumberMention,
    PlaceMention,
    Span,
    TriggerMention,
)
from ...taxonomy import EVENT_TYPE, TERRITORY, VIOLENT_TYPES, disorder_type, interaction
from ..actors import actor_name
from ..dates import report_date
from ..triggers import DAMAGE_SUB_EVENT, trigger_lexicon
from .fields import country_of, date_of, enemy_losses, fatalities_of, focus_country, place_of, territory_type
from .index import ARMED, WEAPON_NOT_REPORTED, Index, Scope, scope_of
from .ranking import rank_triggers
from .roles import Role, actor_of, choose_actors, inter_code


def _evidence(**spans: Span | None) -> dict[str, list[Span]]:
    return {field: [span] for field, span in spans.items() if span is not None}


def _specific(doc: Doc, trigger: TriggerMention, first: Role, date: DateMention | None) -> bool:
    """A violent event with no place the gazetteer knows is kept when its words are specific (a missile
    strike, an execution: general statements are already blocked) or it says who did it, when, or in
    which country; a bare "explosion" with none of these may be an accident."""
    named = isinstance(first, ActorMention) and first.actor.inter in ARMED
    specific_words = trigger_lexicon(doc.language).kind(trigger) == "event"
    return specific_words or named or date is not None or bool(doc.countries)


def _build(
    index: Index,
    trigger: TriggerMention,
    selected_sentences: frozenset[int],
    claimed: set[tuple[int, int]],
    focus: str,
    damage: bool = False,
) -> Event | None:
    doc = index.doc
    scope = scope_of(doc, trigger, selected_sentences)
    sub_event = trigger.sub_event_type
    first, second = choose_actors(scope, index, sub_event)
    actor1, actor2 = actor_of(first), actor_of(second)
    if actor1 is None:
        return None
    place = place_of(scope, index, selected_sentences)
    date = date_of(scope, index, claimed)
    if place is None and (
        damage or (EVENT_TYPE[sub_event] in VIOLENT_TYPES and not _specific(doc, trigger, first, date))
    ):
        return None  # damage somewhere unnamed tells nothing a user can place
    iso2 = place.place.iso if place else focus
    country, numeric = country_of(iso2)
    if sub_event in TERRITORY:
        sub_event = territory_type(doc, scope, actor1, iso2)
    event_type = EVENT_TYPE[sub_event]
    when = (date.date, date.time_precision) if date else report_date(doc.report.published)
    certainty = index.certainty.get(trigger.sentence)
    toll = _toll(index, scope, event_type, certainty)
    if event_type == "Protests" and toll is not None:
        sub_event = "Excessive force against protesters"  # protesters killed: lethal force against a protest
    source = next(iter(index.sources.within(scope.window)), None)
    event = Event(
        event_id="",
        doc_id=doc.report.id,
        language=doc.language,
        event_date=when[0].isoformat() if when else "",
        time_precision=int(when[1]) if when else None,
        disorder_type=disorder_type(event_type, sub_event),
        event_type=event_type,
        sub_event_type=sub_event,
        **_actor_fields(actor1, actor2, iso2, country, when[0] if when else None, event_type),
        iso=numeric,
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
    return _finish(event, place, damage)


def _actor_fields(
    actor1: Actor, actor2: Actor | None, iso2: str, country: str, on: dt.date | None, event_type: str
) -> dict[str, str | int | None]:
    """ACLED's actor columns: the names as of the event's date, inter codes, interaction, civilian targeting."""
    inter1 = inter_code(actor1, iso2)
    inter2 = inter_code(actor2, iso2) if actor2 else None
    return {
        "actor1": actor_name(actor1, country, on),
        "inter1": inter1,
        "actor2": actor_name(actor2, country, on) if actor2 else "",
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == 7 and event_type in VIOLENT_TYPES else "",
    }


def _toll(index: Index, scope: Scope, event_type: str, certainty: CertaintyMention | None) -> NumberMention | None:
    """The death toll of a violent event or a protest; a side's claim of enemy losses in a battle is none."""
    if event_type not in VIOLENT_TYPES and event_type != "Protests":
        return None
    partisan = certainty is not None and certainty.certainty == Certainty.CLAIMED and event_type == "Battles"
    toll = fatalities_of(scope, index, partisan)
    if toll is not None and event_type == "Battles" and enemy_losses(index, scope, toll):
        return None
    return toll


def _finish(event: Event, place: PlaceMention | None, damage: bool) -> Event:
    """The place's fields, the confidence the evidence gives, and the tag of an event known by its damage."""
    if place:
        _set_place(event, place)
    event.confidence = round(min(0.95, 0.4 + 0.1 * len(event.evidence)) - (0.1 if damage else 0.0), 2)
    if damage and event.sub_event_type == DAMAGE_SUB_EVENT:
        event.tags = WEAPON_NOT_REPORTED
    return event


def _set_place(event: Event, mention: PlaceMention) -> None:
    place = mention.place
    event.location = place.name
    event.admin1 = place.admin1
    event.admin2 = place.admin2
    event.latitude = round(place.latitude, 4)
    event.longitude = round(place.longitude, 4)
    event.geonameid = place.geonameid
    event.geo_precision = 2 if mention.near else (3 if place.kind in ("admin1", "admin2", "feature") else 1)


def _build_clauses(index: Index, ranked: list[list[TriggerMention]], focus: str, damage: bool = False) -> list[Event]:
    """One event per clause: its best trigger that makes one ("captured on video" is no capture when
    nobody is named; the missile strike in the same clause still is)."""
    selected = tuple(found[0] for found in ranked)
    selected_sentences = frozenset(t.sentence for t in selected)
    claimed = {index.scope(t).clause for t in selected}
    built = []
    for found in ranked:
        event = next((e for t in found if (e := _build(index, t, selected_sentences, claimed, focus, damage))), None)
        if event is not None:
            built.append(event)
    return built


def assemble_events(doc: Doc) -> Doc:
    if not doc.triggers:
        return replace(doc, events=())
    index = Index(doc)
    focus = focus_country(doc)
    ranked, last_resort = rank_triggers(index)
    built = _build_clauses(index, ranked, focus) or _build_clauses(index, last_resort, focus, damage=True)
    return replace(doc, events=tuple(one_event_per_happening(built, doc.text)))
