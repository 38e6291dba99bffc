"""Where, when, and how many died: the place, the date and the death toll of an event, read in its
scope (ACLED: reported deaths only, the lowest figure), and the country the report is about."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ...doc import Doc
from ...gazetteer import gazetteer
from ...records import Actor, DateMention, NumberMention, Place, PlaceMention, Span
from ..places import REGIONS
from ..triggers import cue_pattern
from .index import DEATH_WINDOW, WINDOW_SENTENCES, Index, Scope, nearest_located


def _inside(town: Place, region: Place) -> bool:
    if (town.iso, town.admin1) != (region.iso, region.admin1):
        return False
    return region.kind == "admin1" or town.admin2 == region.admin2


def place_of(scope: Scope, index: Index, selected_sentences: frozenset[int]) -> PlaceMention | None:
    """The place named with the trigger; else the one the lead named just before it ("Odesa: damage to
    a school. A missile hit it at night."), unless another event's sentence lies between; else one
    named in the sentences that follow and still tell of this event."""
    found = nearest_located(scope, index.places)
    if found is not None and found.place.kind != "city":
        # A town named in the clause is where it happened; the river or region beside it only frames it.
        # So is a town of that region named in the sentence ("Trostianets, Sumy region: ... looting").
        region = found.place
        towns = [p for p in index.places.within(scope.clause) if p.place.kind == "city"] or [
            p
            for p in index.places.within(scope.sentence)
            if p.place.kind == "city" and region.kind in REGIONS and _inside(p.place, region)
        ]
        found = min(towns, key=lambda p: scope.distance(p.span)) if towns else found
    if found is not None:
        return found
    sentences = index.doc.sentences
    for before in range(scope.trigger.sentence - 1, max(-1, scope.trigger.sentence - WINDOW_SENTENCES - 1), -1):
        if before in selected_sentences:  # another event's sentence
            break
        named = index.places.within((sentences[before].start, sentences[before].end))
        if named:
            return _town_of_region(([p for p in named if not p.near] or named)[-1], named)
    later = [p for p in index.places.within(scope.window) if p.span.start >= scope.sentence[1]]
    return later[0] if later else None


def _town_of_region(found: PlaceMention, named: list[PlaceMention]) -> PlaceMention:
    """A region the lead names, and a town of it named in the same sentence: the town ("Из Торецка ...
    вывезли ..., сообщает полиция Донецкой области": Toretsk, the region only frames it)."""
    if found.place.kind not in REGIONS:
        return found
    towns = [p for p in named if p.place.kind == "city" and _inside(p.place, found.place)]
    return towns[-1] if towns else found


def date_of(scope: Scope, index: Index, claimed: set[tuple[int, int]]) -> DateMention | None:
    in_clause = index.dates.within(scope.clause)
    if in_clause:
        return min(in_clause, key=lambda d: scope.distance(d.span))
    # Dates in another trigger's clause belong to that trigger.
    free = [
        d
        for d in index.dates.within(scope.sentence)
        if not any(c[0] <= d.span.start < c[1] for c in claimed if c != scope.clause)
    ]
    return min(free, key=lambda d: scope.distance(d.span)) if free else None


_CLAUSE_BREAK = re.compile(r"[,;:()]")


def _count_for(text: str, death: Span, counts: list[NumberMention], injuries: list[Span]) -> NumberMention | None:
    """The count a death word speaks of: the nearest before it ("seven people were killed"), else the
    nearest after it ("killing six"), never one that counts the injured ("and nine injured")."""

    def counts_injured(number: NumberMention) -> bool:
        return any(0 <= i.start - number.span.end <= DEATH_WINDOW // 2 and i.start < death.start for i in injuries)

    before = [
        n
        for n in counts
        if 0 <= death.start - n.span.end <= DEATH_WINDOW
        and not counts_injured(n)
        and not _CLAUSE_BREAK.search(text, n.span.end, death.start)  # "80 times ...; one was killed"
    ]
    if before:
        return max(before, key=lambda n: n.span.end)
    after = [
        n
        for n in counts
        if 0 <= n.span.start - death.end <= DEATH_WINDOW // 2
        and not any(death.end <= i.start < n.span.start for i in injuries)
        and not _CLAUSE_BREAK.search(text, death.end, n.span.start)
    ]
    return min(after, key=lambda n: n.span.start) if after else None


def fatalities_of(scope: Scope, index: Index, partisan: bool) -> NumberMention | None:
    """ACLED: reported deaths only, the lowest figure when statements differ. Injuries and
    "casualties" do not count; a side's claim of its enemy's losses is no count to trust."""
    if partisan:
        return None
    victims, injuries, deaths = index.toll_words(scope.window)
    counts = index.counts.within(scope.window) + victims
    found = [c for death in deaths if (c := _count_for(index.doc.text, death, counts, injuries)) is not None]
    return min(found, key=lambda n: n.value) if found else None


def enemy_losses(index: Index, scope: Scope, toll: NumberMention) -> bool:
    """A side's count of its enemy's dead ("the General Staff of Ukraine said 500 Russian soldiers were
    killed"): the source names one armed side and the count names another. ACLED does not take it."""
    armed = index.armed
    counted = next((a for a in armed if 0 <= a.span.start - toll.span.end <= 30), None)
    if counted is None:
        return False
    speaking = [
        a
        for s in index.sources.within(scope.window)
        for a in armed
        if s.span.start <= a.span.start and a.span.end <= s.span.end
    ]
    speaking += [a for a in armed if a.span in index.speakers and scope.in_window(a.span)]
    return any(a.actor.key != counted.actor.key for a in speaking)


@cache
def country_of(iso2: str) -> tuple[str, int | None]:
    """Name and ISO numeric code of a country (the gazetteer is asked once per country)."""
    return (gazetteer().country_name(iso2), gazetteer().country_numeric(iso2)) if iso2 else ("", None)


def focus_country(doc: Doc) -> str:
    votes = Counter(p.place.iso for p in doc.places if p.place.iso)
    votes.update(doc.countries)
    return votes.most_common(1)[0][0] if votes else ""


def territory_type(doc: Doc, scope: Scope, actor: Actor, iso2: str) -> str:
    # A withdrawal told next to the takeover (the sentence before, its own, the ones after it) makes it non-violent.
    before = doc.sentences[max(0, scope.trigger.sentence - 1)].start
    if cue_pattern(doc.language, "no_resistance").search(doc.text, before, scope.window[1]):
        return "Non-violent transfer of territory"
    # A state's own forces (or forces whose country the report does not tell) regain territory;
    # rebels, militias and foreign forces overtake it.
    if actor.inter == 1 and (not actor.country or not iso2 or actor.country == iso2):
        return "Government regains territory"
    return "Non-state actor overtakes territory"
