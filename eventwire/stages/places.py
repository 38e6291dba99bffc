"""Stage `places`: place names in the text, resolved to gazetteer entries.

Candidates are word n-grams that contain a capitalised word; inflected forms are
tried through the language's suffix rules. Among the gazetteer's candidates for
a name, curated names win, then places in the report's focus country, then the
more populous. Countries named in the text go to `Doc.countries`: a country is
context for choosing places, never an event location.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from ..doc import Doc
from ..gazetteer import Candidate, gazetteer
from ..lexicon import lexicon, phrases
from ..records import PlaceMention, Span
from ..text import compile_phrases, drop_overlapping, fold, words

MAX_WORDS = 3
FOREIGN_MIN_POPULATION = 50_000


@dataclass(frozen=True)
class PlaceRules:
    not_places: frozenset[str]
    suffixes: tuple[tuple[str, str], ...]
    near: re.Pattern[str]
    anaphora: re.Pattern[str]


@cache
def rules(language: str) -> PlaceRules:
    data = lexicon(language).places
    suffixes = tuple((str(a), str(b or "")) for a, b in (data.get("suffixes") or {}).items())
    near = compile_phrases(phrases(data.get("near")))
    return PlaceRules(
        not_places=frozenset(fold(p) for p in phrases(data.get("not_places"))),
        suffixes=tuple(sorted(suffixes, key=lambda pair: -len(pair[0]))),
        near=re.compile(rf"(?:{near.pattern})\s*$", re.IGNORECASE),
        anaphora=compile_phrases(phrases(data.get("anaphora"))),
    )


@lru_cache(maxsize=200_000)
def _lookup(form: str) -> tuple[Candidate, ...]:
    return tuple(gazetteer().lookup(form))


def _forms(phrase: str, place_rules: PlaceRules) -> list[str]:
    """The phrase itself, then its uninflected forms by the language's suffix rules."""
    forms = [phrase]
    for suffix, replacement in place_rules.suffixes:
        if phrase.casefold().endswith(suffix) and len(phrase) > len(suffix) + 2:
            forms.append(phrase[: len(phrase) - len(suffix)] + replacement)
    return forms


def _candidates(text: str, place_rules: PlaceRules) -> dict[Span, tuple[Candidate, ...]]:
    tokens = list(words(text))
    found: dict[Span, tuple[Candidate, ...]] = {}
    for i, first in enumerate(tokens):
        for n in range(1, MAX_WORDS + 1):
            group = tokens[i : i + n]
            if len(group) < n or not any(t.text[0].isupper() for t in group):
                continue
            gaps = (text[a.end : b.start] for a, b in itertools.pairwise(group))
            if any(not gap.isspace() and gap != "-" for gap in gaps):
                break
            phrase = text[first.start : group[-1].end]
            if n == 1 and (not phrase[0].isupper() or fold(phrase) in place_rules.not_places):
                continue
            for form in _forms(phrase, place_rules):
                candidates = _lookup(fold(form))
                if candidates:
                    found[Span(first.start, group[-1].end, phrase)] = candidates
                    break
    return found


def _votes(candidates: dict[Span, tuple[Candidate, ...]]) -> dict[Span, Counter[str]]:
    """Each name's vote for the countries it may be in: unambiguous names vote with more weight."""
    votes: dict[Span, Counter[str]] = {}
    for span, options in candidates.items():
        countries = {c.place.iso for c in options}
        votes[span] = Counter({iso: (2 if len(countries) == 1 else 1) for iso in countries})
    return votes


def _focus(span: Span, votes: dict[Span, Counter[str]], context: Counter[str]) -> Counter[str]:
    """The countries the rest of the text points to: other names, countries named, actors' home countries."""
    focus = Counter(context)
    for other, vote in votes.items():
        if other != span:
            focus.update(vote)
    return focus


def _score(candidate: Candidate, focus: Counter[str]) -> float:
    place = candidate.place
    top = focus.most_common(1)[0][1] if focus else 1
    return (
        3.0 * candidate.curated
        + 2.0 * focus[place.iso] / top
        + math.log10(place.population + 10) / 2
        + (1.5 if place.kind in ("admin1", "feature") else 0.0)
    )


def _resolve_anaphora(text: str, mentions: list[PlaceMention], place_rules: PlaceRules) -> list[PlaceMention]:
    """ "the city" is the most-mentioned city named before it (the most recent on a tie)."""
    cities = [m for m in mentions if m.place.kind == "city"]
    salience = Counter(m.place for m in cities)
    resolved = []
    for match in place_rules.anaphora.finditer(text):
        earlier = [m.place for m in cities if m.span.end <= match.start()]
        if earlier:
            best = max(reversed(earlier), key=lambda p: salience[p])
            resolved.append(PlaceMention(Span(match.start(), match.end(), match.group(0)), best, anaphora=True))
    return resolved


def _plausible(candidate: Candidate, focus: Counter[str]) -> bool:
    """Small places far from the report's focus are more likely a common word than a place."""
    if candidate.curated or candidate.place.kind != "city":
        return True
    return candidate.place.iso in _top(focus) or candidate.place.population >= FOREIGN_MIN_POPULATION


def _top(focus: Counter[str]) -> set[str]:
    if not focus:
        return set()
    best = focus.most_common(1)[0][1]
    return {iso for iso, votes in focus.items() if votes * 2 >= best}


def find_place_mentions(
    text: str, language: str, taken: tuple[Span, ...] = (), actor_countries: tuple[str, ...] = ()
) -> tuple[list[PlaceMention], list[str]]:
    """Place mentions and named countries; spans in `taken` (dates, say) are not places."""
    place_rules = rules(language)
    candidates = {
        span: options
        for span, options in _candidates(text, place_rules).items()
        if not any(span.start < t.end and t.start < span.end for t in taken)
    }
    votes = _votes(candidates)
    context: Counter[str] = Counter(actor_countries)
    for options in candidates.values():
        context.update({c.place.iso: 1 for c in options if c.place.kind == "country"})
    mentions: list[PlaceMention] = []
    countries: list[str] = []
    for span in drop_overlapping(candidates):
        focus = _focus(span, votes, context)
        options = [c for c in candidates[span] if _plausible(c, focus)]
        if not options:
            continue
        best = max(options, key=lambda c: _score(c, focus))
        if best.place.kind == "country":
            countries.append(best.place.iso)
            continue
        near = bool(place_rules.near.search(text[max(0, span.start - 25) : span.start]))
        mentions.append(PlaceMention(span, best.place, near=near))
    mentions.extend(_resolve_anaphora(text, mentions, place_rules))
    return sorted(mentions, key=lambda m: m.span.start), countries


def find_places(doc: Doc) -> Doc:
    taken = tuple(d.span for d in doc.dates)
    actor_countries = tuple(a.actor.country for a in doc.actors if a.actor.country)
    mentions, countries = find_place_mentions(doc.text, doc.language, taken, actor_countries)
    return replace(doc, places=tuple(mentions), countries=tuple(countries))
