"""Finding place names: word n-grams that contain a capitalised word (or a lower-case region
opener), looked up in the gazetteer as written, through the language's suffix rules, and where the
text expects a place, by spelling skeleton; each with its candidates (`Found`)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ...gazetteer import Candidate, gazetteer, name_skeleton, romanised
from ...lexicon import base_places
from ...morphology import phrase_nominatives
from ...records import Span
from ...text import WORD, fold
from .rules import (
    FOREIGN_MIN_POPULATION,
    HEADLINE_SKELETON,
    LABEL,
    LABEL_ITEM,
    MAX_WORDS,
    MIN_MISSPELT,
    ONE_EDIT_BELOW,
    REGIONS,
    SENTENCE_START,
    PlaceRules,
    rules,
)


def _lookup(form: str) -> tuple[Candidate, ...]:
    return gazetteer().cached(form)


def _prefetch(forms: Iterable[str]) -> None:
    """Look names up in one query before they are asked for one by one: most are in no gazetteer."""
    gazetteer().prefetch(forms)


@lru_cache(maxsize=50_000)
def _lookup_variant(form: str) -> tuple[Candidate, ...]:
    """Towns and regions spelt like `form` (districts have no spellings of their own)."""
    return tuple(c for c in gazetteer().lookup_variant(form) if c.place.kind in ("city", "admin1"))


@dataclass(frozen=True)
class Found:
    """A name in the text and the gazetteer's places for it."""

    span: Span
    options: tuple[Candidate, ...]
    exact: bool  # found as written, not through suffix rules or spelling variants
    expected: bool  # the context says a place is expected here
    initial: bool  # capitalised for another reason: first in its sentence, or in a Title Case headline
    label: bool = False  # the name a label opens with ("Odesa: ..."): a place, spelt well or not
    adjective: bool = False  # a town's adjective before a direction word: its options are that town's

    @property
    def written_name(self) -> str:
        """The name as written, to tell its candidates apart by their own names ("" for an adjective, and
        for a name with one candidate: a name's own-ness chooses between places, it makes none likelier)."""
        return "" if self.adjective or len(self.options) < 2 else self.span.text

    @cached_property
    def reading(self) -> tuple[str, int, bool, bool, bool, bool]:
        """What the choice of a candidate reads of the name: two mentions with the same reading in one
        report (the same words, found the same way, with the same options) get the same candidate
        wherever the choice does not look at the text around them. The options by identity: they come
        from the look-up caches, so one name's are one tuple within a report."""
        return (self.span.text, id(self.options), self.exact, self.expected, self.initial, self.label)

    @cached_property
    def country(self) -> str:
        """The country the name names, if that is what it names: "Ukraine", not the Spanish town also called
        so; "Venezuela", not the Cuban town or district. A name that is also a region ("Georgia") stays
        ambiguous (""); a region spelt like it does not ("Syria" is no "Saare")."""
        countries = [c for c in self.options if c.place.kind == "country"]
        if not countries or any(c.place.kind in ("admin1", "feature") and not c.variant for c in self.options):
            return ""
        return next((c for c in countries if c.curated), countries[0]).place.iso  # a curated one first


def _forms(phrase: str, place_rules: PlaceRules, adjectives: bool = False) -> list[str]:
    """Uninflected forms of a phrase by the language's suffix rules (every rule whose ending fits), or by
    its rules for a town's adjective ("Бахмутському" -> "Бахмут")."""
    forms = []
    for suffix, replacements in place_rules.adjectives if adjectives else place_rules.suffixes:
        if phrase.casefold().endswith(suffix) and len(phrase) > len(suffix) + 2:
            forms.extend(phrase[: len(phrase) - len(suffix)] + r for r in replacements)
    return forms


def _town_of_adjective(phrase: str, place_rules: PlaceRules) -> tuple[Candidate, ...]:
    """The town an adjective names, in a direction ("на Бахмутському напрямку"): the first form found."""
    for form in _forms(phrase, place_rules, adjectives=True):
        towns = tuple(c for c in _lookup(fold(form)) if c.place.kind == "city")
        if towns:
            return towns
    return ()


class _Layout:
    """Per-report answers about positions in the text, each computed once (a report has hundreds of
    candidate n-grams, most sharing their first word, line or label)."""

    def __init__(self, text: str, place_rules: PlaceRules) -> None:
        self.text, self.place_rules = text, place_rules
        # A label's name ends right before its colon: end -> start of the label's text. The name that
        # opens a label, before a comma, is a place as well ("Horenka, Bucha district: ...").
        matches = list(LABEL.finditer(text))
        self.labels = {m.end(1): m.start(1) for m in matches}
        self.label_starts = frozenset(m.start(1) for m in matches)
        self._locative: dict[int, bool] = {}
        self._sentence_start: dict[int, bool] = {}
        self._title_line: dict[tuple[int, int], bool] = {}

    def before_direction(self, end: int) -> bool:
        """Whether a direction word follows ("... напрямку", "... direction"), where a town's adjective may stand."""
        return bool(self.place_rules.adjectives) and bool(self.place_rules.near_after.match(self.text[end : end + 40]))

    def expected(self, span: Span) -> bool:
        """Datelines and labels, and names after a locative or "near" word, are where places are expected."""
        start = span.start
        locative = self._locative.get(start)
        if locative is None:
            locative = self._locative[start] = self.place_rules.locative.ends(self.text[max(0, start - 30) : start])
        if locative or self.labels.get(span.end, span.start + 1) <= span.start:
            return True
        return span.start in self.label_starts and bool(LABEL_ITEM.match(self.text, span.end))

    def sentence_start(self, span: Span) -> bool:
        start = span.start
        found = self._sentence_start.get(start)
        if found is None:
            found = self._sentence_start[start] = bool(SENTENCE_START.search(self.text[max(0, start - 3) : start]))
        return found

    def initial(self, span: Span) -> bool:
        """Capitalised for another reason: first in its sentence, or in a Title Case line (a headline)."""
        text = self.text
        if self.sentence_start(span):
            return True
        line_start, line_end = text.rfind("\n", 0, span.start) + 1, text.find("\n", span.end)
        key = (line_start, line_end if line_end >= 0 else len(text))
        title = self._title_line.get(key)
        if title is None:
            title = self._title_line[key] = _title_case(text[key[0] : key[1]])
        return title


def _title_case(line: str) -> bool:
    long_words = [w for w in WORD.findall(line) if len(w) > 3]
    return len(long_words) >= 4 and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)


def _lookup_phrase(phrase: str, language: str) -> tuple[tuple[Candidate, ...], bool]:
    """Places for a phrase as written, else by its dictionary forms, else by suffix rules; whether found as
    written or as a dictionary form."""
    options = _lookup(fold(phrase))
    if options:
        return options, True
    # the name's dictionary forms, where the language has an analyser ("Новій Каховці": Нова Каховка)
    analysed = {c.place: c for form in phrase_nominatives(phrase, language) for c in _lookup(fold(form))}
    if analysed:
        return tuple(analysed.values()), True
    # every form the rules give ("Бразилии": Бразилия, the country, as well as Бразилиа, its capital)
    found = {c.place: c for form in _forms(phrase, rules(language)) for c in _lookup(fold(form))}
    return tuple(found.values()), False


@lru_cache(maxsize=50_000)
def _with_variants(phrase: str, language: str) -> tuple[Candidate, ...]:
    """The phrase's places, and the places spelt like it that are not among them already; none of
    those where the name as written is a curated place or a city large enough to be believed anywhere
    ("Karachi" is Karachi, not Kerch)."""
    options = _lookup_phrase(phrase, language)[0]
    if any(c.curated or (c.place.kind == "city" and c.place.population >= FOREIGN_MIN_POPULATION) for c in options):
        return options
    known = {c.place for c in options}
    variants = _lookup_variant(phrase) or (() if options else _romanised_variants(phrase, language))
    return (*options, *(c for c in variants if c.place not in known))


def _romanised_variants(phrase: str, language: str) -> tuple[Candidate, ...]:
    """Places outside the theatre spelt like a Cyrillic name no place has ("Джонглей": Jonglei), or like
    its dictionary form ("в Хартуме": Хартум, Khartoum). The theatre's places have their Cyrillic names
    and inflections in the gazetteer; a Cyrillic word none of them has there is no spelling of one
    ("Авдеевском", an adjective, is not the village Avdiivske)."""
    theatre = frozenset(base_places().theatre)
    for form in (phrase, *phrase_nominatives(phrase, language)):
        latin = romanised(form)
        if latin and latin != form.lower():
            found = tuple(c for c in _lookup_variant(latin) if c.place.iso not in theatre)
            if found:
                return found
    return ()


_WORDS = re.compile(f"({WORD.pattern})")  # `split` by it: the gaps and the words in turn


def _ngrams(text: str, openers: frozenset[str] = frozenset()) -> list[tuple[int, int, bool]]:
    """(start, end, single word?) of runs of up to MAX_WORDS words, joined by spaces or hyphens, that
    hold a capital letter or one of the `openers` of a region name written in lower case."""
    parts = _WORDS.split(text)  # gap, word, gap, word, ..., gap
    words, gaps = parts[1::2], parts[2::2]  # gaps[i]: between words[i] and words[i + 1] (the last: after)
    offsets = [0, *itertools.accumulate(map(len, parts))]
    count = len(words)
    upper = [word[0].isupper() for word in words]
    if openers:
        upper = [u or fold(word) in openers for u, word in zip(upper, words, strict=True)]
    # Only runs that reach a capitalised word: those starting at most MAX_WORDS - 1 words before one.
    firsts = sorted({first for i, u in enumerate(upper) if u for first in range(max(0, i - MAX_WORDS + 1), i + 1)})
    ngrams = []
    for i in firsts:
        start, last, stop = offsets[2 * i + 1], i, min(i + MAX_WORDS, count)
        capital = False
        while True:
            capital = capital or upper[last]
            if capital:
                ngrams.append((start, offsets[2 * last + 2], last == i))
            last += 1
            # a run ends at punctuation: each word runs on into the next over a space or a hyphen only
            if last == stop or not ((gap := gaps[last - 1]).isspace() or gap == "-"):
                break
    return ngrams


@lru_cache(maxsize=200_000)
def _phrase_options(phrase: str, language: str, single: bool) -> tuple[tuple[Candidate, ...], bool, bool] | None:
    """A phrase's places, whether found as written, and whether all its words are capitalised; None
    where it cannot be a place (no places and not capitalised, a word the language says is none, or
    words that all are none and make no curated name: "Central City", but "Independence Square")."""
    not_places = rules(language).not_places
    if single and fold(phrase) in not_places:
        return None
    options, exact = _lookup_phrase(phrase, language)
    if not single and all(w in not_places for w in fold(phrase).split()) and not any(c.curated for c in options):
        return None
    capitalised = all(w[:1].isupper() for w in phrase.split())
    return (options, exact, capitalised) if options or capitalised else None


def _misspelt(phrase: str, theatre: frozenset[str]) -> tuple[Candidate, ...]:
    """Towns of the theatre a label's unknown name is a misspelling of ("Homstomel:" for Hostomel)."""
    letters = sum(ch.isalpha() for ch in phrase)
    if not theatre or letters < MIN_MISSPELT:
        return ()
    edits = 1 if letters < ONE_EDIT_BELOW else 2
    return tuple(gazetteer().lookup_misspelt(phrase, theatre, edits))


def candidates_in(text: str, language: str, theatre: frozenset[str] = frozenset()) -> list[Found]:
    layout = _Layout(text, rules(language))
    found: list[Found] = []
    ngrams = _ngrams(text, layout.place_rules.openers)
    folded = fold(text)
    if len(folded) == len(text):  # every character folded to one: the n-grams' folded forms are its slices
        _prefetch(folded[start:end] for start, end, _ in ngrams)
    else:
        _prefetch(fold(text[start:end]) for start, end, _ in ngrams)
    for start, end, single in ngrams:
        phrase = text[start:end]
        known = _phrase_options(phrase, language, single)
        if known is None:
            continue
        options, exact, capitalised = known
        if not options and not _may_find(start, end, phrase, single, language, layout):
            continue  # a capitalised word no spelling, label or direction word makes a place
        span = Span(start, end, phrase)
        expected, initial = layout.expected(span), layout.initial(span)
        # Spelling variants only where the capital letter is not explained by the sentence or headline.
        # ... or in a headline, where a long name is unlikely to be a capitalised word of another kind.
        headline_name = initial and skeleton_size(phrase) >= HEADLINE_SKELETON and not layout.sentence_start(span)
        if capitalised and (expected or not initial or headline_name or _before_region(text, span)):
            options = _with_variants(phrase, language)
        label = capitalised and layout.labels.get(end) == start
        adjective = False
        if not options and label:
            options = _misspelt(phrase, theatre)  # a label names a place: a typo in it still does
        if capitalised and single and layout.before_direction(end):
            # the direction word expects a place, named by its adjective ("на Покровському напрямку": Pokrovsk,
            # not the village Pokrovske the adjective is the name of)
            towns = _town_of_adjective(phrase, layout.place_rules)
            options, expected, adjective = (towns, True, True) if towns else (options, expected, False)
        if options:
            found.append(Found(span, options, exact, expected, initial, label, adjective))
    return found


def _may_find(start: int, end: int, phrase: str, single: bool, language: str, layout: _Layout) -> bool:
    """Whether a capitalised phrase with no places as written can still get some below: by its spelling,
    as a label (a misspelt name), or as a town's adjective before a direction word."""
    return (
        bool(_with_variants(phrase, language))
        or layout.labels.get(end) == start
        or (single and layout.before_direction(end))
    )


def _before_region(text: str, span: Span) -> bool:
    """ "Izum, Kharkiv region": a name right before a region is a place even if spelt unusually."""
    after = text[span.end : span.end + 40]
    match = re.match(r"\s*[,(]\s*([\w' -]+)", after)
    return bool(match) and any(
        any(c.place.kind in REGIONS for c in _lookup(fold(" ".join(match.group(1).split()[:k])))) for k in (1, 2, 3)
    )


def in_a_context(text: str, span: Span, place_rules: PlaceRules) -> bool:
    """ "Conventie van Genève", "Geneva Conventions": a name inside such a phrase is no place."""
    before, after = text[max(0, span.start - 40) : span.start], text[span.end : span.end + 40]
    if place_rules.context_before is not None and place_rules.context_before.ends(before):
        return True
    if place_rules.context_after is not None and place_rules.context_after.match(after):  # each begins with ^
        return True
    # the words after the name first: they are anchored at its end, the quicker test
    return any((a is None or a.match(after)) and (b is None or b.search(before)) for b, a in place_rules.contexts)


@lru_cache(maxsize=50_000)
def skeleton_size(name: str) -> int:
    """The size of the name's spelling skeleton, a Cyrillic name's by its romanisation."""
    return len(name_skeleton(name))
