"""The choice: the best candidate of each name in its context, anaphora ("the city"), districts and
regions, and the stage function `find_places` (countries go to `Doc.countries`)."""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from ...doc import Doc
from ...gazetteer import Candidate, gazetteer
from ...lexicon import base_places
from ...records import PlaceMention, Span
from ...text import drop_overlapping, fold
from .candidates import Found, candidates_in, in_a_context
from .features import Context, context_of, country_of_found, plausible, qualifier_of, score, theatre_of
from .rules import FOREIGN_MIN_POPULATION, REGIONS, PlaceRules, rules


def _choose(
    item: Found,
    context: Context,
    text: str,
    qualifier: Candidate | None,
    place_rules: PlaceRules,
    chosen: dict[tuple, Candidate | None] | None = None,
) -> Candidate | None:
    """The best candidate in the context the rest of the text gives; given a region or country beside
    the name, only candidates inside it. `chosen`: the choices made so far in the report, by the name's
    reading and its qualifier."""
    key = (item.reading, qualifier)
    if chosen is not None and key in chosen:
        best = chosen[key]
    else:
        best = _best_in_context(item, context.without(item.span), qualifier)
        if chosen is not None:
            chosen[key] = best
    if (
        best is not None
        and best.place.kind == "city"
        and place_rules.within_region.ends(text[max(0, item.span.start - 30) : item.span.start])
    ):
        return _region_of(best) or best  # "a small town in Donetsk": the oblast, not its namesake city
    return best


def _best_in_context(item: Found, context: Context, qualifier: Candidate | None) -> Candidate | None:
    country = country_of_found(item)
    if country:
        return next(c for c in item.options if c.place.kind == "country" and c.place.iso == country)
    if qualifier is None:
        options = [c for c in item.options if plausible(c, item, context)]
    elif qualifier.place.kind == "country":
        options = [c for c in item.options if c.place.iso == qualifier.place.iso and c.place.kind != "country"]
    else:
        inside = [c for c in item.options if _same_region(c, qualifier) and c.place.kind not in REGIONS]
        # Beside a city, a name with no namesake in its region is a list item if it is notable in its own
        # right ("Kherson, Mykolaiv"), else a part of that city ("Podilskyi, Kyiv"; None: the city stands).
        # A district beside a city is a part of it ("Shevchenkivskyi district, Kharkiv"), never a list item.
        notable = [
            c
            for c in item.options
            if plausible(c, item, context)
            and c.place.kind not in REGIONS
            and (c.curated or c.place.population >= FOREIGN_MIN_POPULATION)
        ]
        if _names_a_district(item.span.text):
            notable = []
        options = inside or ([] if qualifier.place.kind in REGIONS else notable)
    if not options:
        return None
    region = (qualifier.place.iso, qualifier.admin1code) if qualifier else None
    return max(options, key=lambda c: score(c, context, region, item.written_name))


def _region_of(city: Candidate) -> Candidate | None:
    """The region a region's capital stands for ("a town in Donetsk": the oblast; "in Kyiv": the oblast
    around the city). A town that heads no region stands for itself ("a village in Bakhmut")."""
    headed = sorted(_capital_of().get(city.place.geonameid or 0, ()))
    return gazetteer().region(headed[0]) if headed else None


@cache
def _district_words() -> frozenset[str]:
    return frozenset(fold(w) for w in base_places().admin2_generic)


def _names_a_district(phrase: str) -> bool:
    """ "Shevchenkivskyi district": a phrase that says it names a district."""
    return any(fold(w) in _district_words() for w in phrase.split())


def _resolve_anaphora(text: str, mentions: list[PlaceMention], place_rules: PlaceRules) -> list[PlaceMention]:
    """ "the city" is the most-mentioned city named before it (the most recent on a tie)."""
    cities = [m for m in mentions if m.place.kind == "city"]
    salience = Counter(m.place for m in cities)
    resolved = []
    for match in place_rules.anaphora.finditer(text):
        if any(m.span.start <= match.start() < m.span.end for m in mentions):
            continue
        earlier = [m.place for m in cities if m.span.end <= match.start()]
        if earlier:
            best = max(reversed(earlier), key=lambda p: salience[p])
            resolved.append(PlaceMention(Span(match.start(), match.end(), match.group(0)), best, anaphora=True))
    return resolved


def _with_admin2(c: Candidate, qualifier: Candidate | None) -> Candidate:
    """A district given beside a place names the place's admin2 ("Beryslav, Beryslav raion")."""
    if qualifier is None or qualifier.place.kind != "admin2" or c.place.admin2:
        return c
    return replace(c, place=replace(c.place, admin2=qualifier.place.admin2 or qualifier.place.name))


def _mentions(text: str, kept: list[Found], context: Context, place_rules: PlaceRules) -> tuple[list, list[str]]:
    chosen: dict[Span, Candidate] = {}
    absorbed: dict[Span, Span] = {}  # qualifier -> the name it qualifies (its words become that name's evidence)
    starts: dict[Span, int] = {}  # "Podilskyi, Kyiv": an unknown part of a known place extends its evidence
    # A name read alike gets the same context (it does not vote for itself, and its twins vote as it does):
    # the choice is made once per reading and qualifier.
    choices: dict[tuple, Candidate | None] = {}
    for index in range(len(kept) - 1, -1, -1):  # right to left: a qualifier is chosen before its name
        item, following = kept[index], (kept[index + 1] if index + 1 < len(kept) else None)
        qualifier = qualifier_of(text, item, following, chosen, place_rules)
        best = _choose(item, context, text, qualifier, place_rules, choices)
        if best is None:
            if qualifier is not None and following is not None and qualifier.place.kind != "country":
                starts[following.span] = item.span.start
            continue
        chosen[item.span] = _with_admin2(best, qualifier)
        if (
            following is not None
            and qualifier is not None
            and best.place.kind != "country"
            and (qualifier.place.kind != "city" or _same_region(best, qualifier))
        ):
            absorbed[following.span] = item.span
    mentions: list[PlaceMention] = []
    countries: list[str] = []
    for span, best in sorted(chosen.items(), key=lambda pair: pair[0].start):
        if best.place.kind == "country":
            countries.append(best.place.iso)
        if best.place.kind == "country" or span in absorbed:
            continue
        start, end = starts.get(span, span.start), _evidence_end(span, absorbed)
        near = place_rules.near.ends(text[max(0, start - 30) : start]) or bool(place_rules.near_after.match(text[end:]))
        mentions.append(PlaceMention(Span(start, end, text[start:end]), best.place, near=near))
    return mentions, countries


def _same_region(a: Candidate, b: Candidate) -> bool:
    """Whether `a` lies in `b`'s region, or in the region `b` is the capital of: "Zavorychi, Kyiv" is in
    the oblast around the city of Kyiv, which GeoNames codes as a region of its own."""
    if (a.place.iso, a.admin1code) == (b.place.iso, b.admin1code):
        return True
    return f"{a.place.iso}.{a.admin1code}" in _capital_of().get(b.place.geonameid or 0, ())


@cache
def _capital_of() -> dict[int, frozenset[str]]:
    """The GeoNames id of each region capital in base/places.yaml: the regions (`ISO.admin1`) it heads."""
    heads: dict[int, set[str]] = {}
    for code, capital in base_places().regions.items():
        heads.setdefault(int(capital), set()).add(str(code))
    return {capital: frozenset(codes) for capital, codes in heads.items()}


def _evidence_end(span: Span, absorbed: dict[Span, Span]) -> int:
    """The end of a place's evidence: through the qualifiers that follow it ("Dovhenke, Kharkiv Oblast")."""
    return max([span.end, *(_evidence_end(q, absorbed) for q, owner in absorbed.items() if owner == span)])


def _free_of(taken: tuple[Span, ...]) -> Callable[[Span], bool]:
    """A test of whether a span overlaps none of `taken`."""
    ordered = sorted(taken, key=lambda t: t.start)
    starts = [t.start for t in ordered]
    furthest = list(itertools.accumulate((t.end for t in ordered), max))  # the furthest end of spans so far

    def free(span: Span) -> bool:
        before = bisect.bisect_left(starts, span.end)  # the spans starting before this one ends
        return before == 0 or furthest[before - 1] <= span.start

    return free


def find_place_mentions(
    text: str,
    language: str,
    taken: tuple[Span, ...] = (),
    actor_countries: tuple[str, ...] = (),
    theatre: tuple[str, ...] | None = None,
) -> tuple[list[PlaceMention], list[str]]:
    """Place mentions and named countries; spans in `taken` (dates, say) are not places. `theatre`:
    where a report naming no country is taken to be (None: the default of base/places.yaml)."""
    place_rules = rules(language)
    free = _free_of(taken)
    where = theatre_of(theatre)
    by_span = {item.span: item for item in candidates_in(text, language, where) if free(item.span)}
    kept = [by_span[span] for span in drop_overlapping(by_span)]
    named = [country_of_found(item) for item in kept if country_of_found(item)]
    context = context_of(kept, named, actor_countries, where)
    # "Kyiv said", "the Geneva Conventions": such names point the report at a country, but are no places.
    in_context = [in_a_context(text, item.span, place_rules) for item in kept]
    places = [item for item, aside in zip(kept, in_context, strict=True) if not aside]
    mentions, countries = _mentions(text, places, context, place_rules)
    countries += [
        country_of_found(item) for item, aside in zip(kept, in_context, strict=True) if aside and country_of_found(item)
    ]
    mentions.extend(_resolve_anaphora(text, mentions, place_rules))
    return sorted(mentions, key=lambda m: m.span.start), countries


def find_places(doc: Doc) -> Doc:
    taken = tuple(d.span for d in doc.dates)
    actor_countries = tuple(a.actor.country for a in doc.actors if a.actor.country)
    mentions, countries = find_place_mentions(doc.text, doc.language, taken, actor_countries, doc.report.theatre)
    return replace(doc, places=tuple(mentions), countries=tuple(countries))
