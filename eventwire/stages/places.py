"""Stage `places`: place names in the text, resolved to gazetteer entries.

Finding: candidates are word n-grams that contain a capitalised word, looked up as
written, then through the language's suffix rules ("Миколаєві" -> "Миколаїв"), then,
where the text says a place is expected (a dateline or label, after "in"/"near", or
beside a region), by spelling skeleton ("Kupyansk" for "Kupiansk").

Choosing: curated names first, then places in the report's focus countries (the
countries it names, the other places it names -- datelines, labels and names after
"in" most --, its actors' home countries, more weakly, and the theatre of base/
places.yaml where nothing else decides), in an admin region the text names (strongest
when given beside the name: "Kupiansk, Kharkiv oblast"), near the places the text gives
unambiguously, then the more populous. Small places the context does not support are
dropped as likely common words or person names ("deputy Zhuravko"), and so are foreign
places far from every place the text gives and villages named in passing far from them.
Countries go to `Doc.countries`: a country is context, never an event location.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from typing import Any

from ..doc import Doc
from ..gazetteer import Candidate, gazetteer, skeleton
from ..lexicon import base, lexicon, phrases
from ..records import Place, PlaceMention, Span
from ..text import WORD, compile_phrases, drop_overlapping, fold, phrase_pattern

MAX_WORDS = 4  # "Zaporizhzhia nuclear power plant"
FOREIGN_MIN_POPULATION = 50_000  # a place outside the focus must be at least this large to be believed
UNSUPPORTED_MIN_POPULATION = 5_000  # ... and with no focus at all, unless the context expects a place
FAR_KM = 1_500  # a place outside the focus this far from every place the text gives as one is doubted
REMOTE_KM = 300  # a village named in passing this far from every place the text gives as one is doubted
NEAR_KM = 100  # a place this close to one the text names unambiguously is preferred among namesakes
SURE_MARGIN = 1.0  # a name's best candidate this far ahead of the next makes it unambiguous
THEATRE_WEIGHT = 0.5  # the theatre's weight in the focus: below any country the text names or points to
EXPECTED_WEIGHT = 3  # a name given as a place (dateline, label, after "in") points to its country this much more
HEADLINE_SKELETON = 9  # a name in a Title Case headline this long is looked up by its spelling too
MIN_SKELETON = 6  # shorter spelling skeletons ("sVstV") meet too many unrelated names
MIN_MISSPELT = 6  # letters a label's name needs before a misspelling of a town is looked for
ONE_EDIT_BELOW = 9  # shorter names may be one letter off their town's name, longer ones two
REGIONS = frozenset({"admin1", "admin2"})
# "Chuhuiv, south of Kharkiv: ...", "Okhtyrka : ..." (datelines, labels): the label's text is group 1.
LABEL = re.compile(r"(?:^|\n)[ \t]*([^\n:]{0,79}?[^\s,:])[ \t,]*:")
LABEL_ITEM = re.compile(r"\s*[,(/]")  # "Horenka, ...", "Semenivka (...", "Oleshky/Hola Prystan"
APPOSITION = re.compile(r"\s*(?:,|\()\s*$")  # "Kupiansk, Kharkiv oblast", "Pervomaiske (Kharkiv region)"
# The letters a word ends with, before any trailing punctuation ("Mr" in "Mr."): a text ends with a phrase
# only if its last word ends with the letters the phrase's last word ends with.
TAIL = re.compile(r"\w+(?=\W*\Z)")
SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"'«“(—–-])\s*$")
WORD_START = r"(?<!\w)"  # how `phrase_pattern` begins each phrase


@dataclass(frozen=True)
class Phrases:
    """A pattern of lexicon phrases, searched faster: the regex engine scans text far faster for the
    pattern without its tests that each phrase starts a word (`loose`), which matches wherever the
    pattern does, so the pattern itself is tried only where that one matches. `tail`: for a pattern of
    phrases that end a text, the letters the text's last word must end with (see `_tails`)."""

    pattern: re.Pattern[str]
    tail: re.Pattern[str] | None = None

    @cached_property
    def loose(self) -> re.Pattern[str]:
        return re.compile(self.pattern.pattern.replace(WORD_START, ""), self.pattern.flags)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """`pattern.search(text, pos)`: its leftmost match, found where the loose pattern matches."""
        while (candidate := self.loose.search(text, pos)) is not None:
            match = self.pattern.match(text, candidate.start())
            if match is not None:
                return match
            pos = candidate.start() + 1
        return None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text)`."""
        if self.pattern.match(""):  # a phrase that can match nothing: finditer's rules for empty matches
            yield from self.pattern.finditer(text)
            return
        pos = 0
        while (match := self.search(text, pos)) is not None:
            yield match
            pos = match.end()

    def ends(self, text: str) -> bool:
        """Whether `text` ends with one of the phrases (for a pattern anchored at the end of the text)."""
        if self.tail is not None:
            chunks = text.rsplit(maxsplit=1)  # the last word lies in the last run of non-spaces
            last = TAIL.search(chunks[-1]) if chunks else None
            if last is None or not self.tail.fullmatch(last.group(0)):
                return False
        return self.search(text) is not None


@dataclass(frozen=True)
class PlaceRules:
    not_places: frozenset[str]
    suffixes: tuple[tuple[str, tuple[str, ...]], ...]
    near: Phrases  # a text ending in a "near" phrase
    near_after: re.Pattern[str]
    locative: Phrases  # a text ending in a locative or "near" phrase
    locative_gap: re.Pattern[str]
    anaphora: Phrases
    contexts: tuple[tuple[re.Pattern[str] | None, re.Pattern[str] | None], ...]  # (before, after) pairs
    context_before: Phrases | None  # the contexts with words only before the name, as one pattern
    context_after: re.Pattern[str] | None  # ... and with words only after it
    within_region: Phrases  # a text ending in words that make the next name a region ("a small town in")
    openers: frozenset[str]  # folded words that open a region name written in lower case
    adjectives: tuple[tuple[str, tuple[str, ...]], ...]  # a town's adjective ending: the town's endings, in order


def _context_pattern(template: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """ "Conventie van {}" -> a pattern the text before the name ends with, and one the text after starts with."""
    before, _, after = template.partition("{}")
    return (
        re.compile(rf"{phrase_pattern(before.strip())}\s*$", re.IGNORECASE) if before.strip() else None,
        re.compile(rf"^\s*{phrase_pattern(after.strip())}", re.IGNORECASE) if after.strip() else None,
    )


def _either(patterns: list[re.Pattern[str] | None]) -> re.Pattern[str] | None:
    """One pattern matching where any of `patterns` matches (None if there are none)."""
    sources = [p.pattern for p in patterns if p is not None]
    return re.compile("|".join(f"(?:{s})" for s in sources), re.IGNORECASE) if sources else None


def _ending(values: tuple[str, ...]) -> Phrases:
    pattern = re.compile(rf"(?:{compile_phrases(values).pattern})\s*$", re.IGNORECASE)
    return Phrases(pattern, _tails(values))


def _tails(values: tuple[str, ...]) -> re.Pattern[str] | None:
    """The letters the phrases end with as one pattern: text can end with a phrase only if the letters
    its last word ends with are one of them (a quick test before the phrase patterns, see `Phrases.ends`).
    None where a phrase ends otherwise (a wildcard, or no letter)."""
    tails = set()
    for phrase in values:
        last = phrase.split()[-1] if phrase.split() else ""
        tail = TAIL.search(last)
        if "*" in last or tail is None:
            return None
        tails.add(tail.group(0))
    return re.compile("|".join(re.escape(t) for t in sorted(tails)) or "(?!x)x", re.IGNORECASE)


@cache
def rules(language: str) -> PlaceRules:
    data = lexicon(language).places
    templates = phrases(data.get("contexts"))
    contexts = [_context_pattern(t) for t in templates]
    locative = (*phrases(data.get("locative")), *phrases(data.get("near")))
    # the words before the name in the contexts with no words after it ("Mr {}" -> "Mr")
    only_before = tuple(t.partition("{}")[0].strip() for t in templates if not t.partition("{}")[2].strip())
    before = _either([b for b, a in contexts if a is None])
    return PlaceRules(
        not_places=frozenset(fold(p) for p in phrases(data.get("not_places"))),
        suffixes=_suffix_rules(data.get("suffixes")),
        near=_ending(phrases(data.get("near"))),
        near_after=re.compile(rf"^\s*(?:{compile_phrases(phrases(data.get('near_after'))).pattern})", re.I),
        locative=_ending(locative),
        locative_gap=re.compile(rf"^\s*(?:{compile_phrases(phrases(data.get('locative'))).pattern})\s*$", re.I),
        anaphora=Phrases(compile_phrases(phrases(data.get("anaphora")))),
        contexts=tuple((b, a) for b, a in contexts if (b is None) == (a is None)),
        context_before=None if before is None else Phrases(before, _tails(tuple(p for p in only_before if p))),
        context_after=_either([a for b, a in contexts if b is None]),
        within_region=_ending(phrases(data.get("within_region"))),
        openers=_lowercase_openers(data),
        adjectives=_suffix_rules(data.get("adjective_suffixes")),
    )


def _suffix_rules(data: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """{ending: replacement or [replacements]} as (ending, replacements), longest ending first."""
    rules = [
        (str(ending), tuple(str(r or "") for r in (base if isinstance(base, list) else [base])))
        for ending, base in (data or {}).items()
    ]
    return tuple(sorted(rules, key=lambda pair: -len(pair[0])))


def _lowercase_openers(data: dict) -> frozenset[str]:
    """The first words of a language's region templates where its region stems are written in lower case
    ("obwodzie" in "w obwodzie donieckim"): no capital letter marks such a name, so these words do."""
    stems = [s for forms in (data.get("regions") or {}).values() for s in phrases(forms)]
    if not any(s[:1].islower() for s in stems):
        return frozenset()
    templates = [t for level in (data.get("region_templates") or {}).values() for t in phrases(level)]
    return frozenset(fold(t.split()[0]) for t in templates if not t.startswith("{}"))


def _lookup(form: str) -> tuple[Candidate, ...]:
    return gazetteer().cached(form)


def _prefetch(forms: Iterable[str]) -> None:
    """Look names up in one query before they are asked for one by one: most are in no gazetteer."""
    gazetteer().prefetch(forms)


@lru_cache(maxsize=50_000)
def _lookup_variant(form: str) -> tuple[Candidate, ...]:
    return tuple(c for c in gazetteer().lookup_variant(form) if c.place.kind == "city")


@dataclass(frozen=True)
class Found:
    """A name in the text and the gazetteer's places for it."""

    span: Span
    options: tuple[Candidate, ...]
    exact: bool  # found as written, not through suffix rules or spelling variants
    expected: bool  # the context says a place is expected here
    initial: bool  # capitalised for another reason: first in its sentence, or in a Title Case headline
    label: bool = False  # the name a label opens with ("Odesa: ..."): a place, spelt well or not


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
    """Places for a phrase as written, else by suffix rules; whether found as written."""
    options = _lookup(fold(phrase))
    if options:
        return options, True
    # every form the rules give ("Бразилии": Бразилия, the country, as well as Бразилиа, its capital)
    found = {c.place: c for form in _forms(phrase, rules(language)) for c in _lookup(fold(form))}
    return tuple(found.values()), False


@lru_cache(maxsize=50_000)
def _with_variants(phrase: str, language: str) -> tuple[Candidate, ...]:
    """The phrase's places, and the places spelt like it that are not among them already."""
    options = _lookup_phrase(phrase, language)[0]
    known = {c.place for c in options}
    return (*options, *(c for c in _lookup_variant(phrase) if c.place not in known))


def _ngrams(text: str, openers: frozenset[str] = frozenset()) -> list[tuple[int, int, bool]]:
    """(start, end, single word?) of runs of up to MAX_WORDS words, joined by spaces or hyphens, that
    hold a capital letter or one of the `openers` of a region name written in lower case."""
    tokens = [m.span() for m in WORD.finditer(text)]
    count = len(tokens)
    upper = [text[start].isupper() for start, _ in tokens]
    if openers:
        upper = [u or fold(text[start:end]) in openers for u, (start, end) in zip(upper, tokens, strict=True)]
    # Only runs that reach a capitalised word: those starting at most MAX_WORDS - 1 words before one.
    firsts = sorted({first for i, u in enumerate(upper) if u for first in range(max(0, i - MAX_WORDS + 1), i + 1)})
    # whether each word runs on into the next (a space or a hyphen between them): a run ends at punctuation
    joined = [
        (gap := text[end:next_start]).isspace() or gap == "-"
        for (_, end), (next_start, _) in itertools.pairwise(tokens)
    ]
    ngrams = []
    for i in firsts:
        start, last, stop = tokens[i][0], i, min(i + MAX_WORDS, count)
        capital = False
        while True:
            capital = capital or upper[last]
            if capital:
                ngrams.append((start, tokens[last][1], last == i))
            last += 1
            if last == stop or not joined[last - 1]:
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


def _candidates(text: str, language: str, theatre: frozenset[str] = frozenset()) -> list[Found]:
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
        span = Span(start, end, phrase)
        expected, initial = layout.expected(span), layout.initial(span)
        # Spelling variants only where the capital letter is not explained by the sentence or headline.
        # ... or in a headline, where a long name is unlikely to be a capitalised word of another kind.
        headline_name = initial and _skeleton_size(phrase) >= HEADLINE_SKELETON and not layout.sentence_start(span)
        if capitalised and (expected or not initial or headline_name or _before_region(text, span)):
            options = _with_variants(phrase, language)
        label = capitalised and layout.labels.get(end) == start
        if not options and label:
            options = _misspelt(phrase, theatre)  # a label names a place: a typo in it still does
        if not options and capitalised and single and layout.before_direction(end):
            options = _town_of_adjective(phrase, layout.place_rules)  # the direction word expects a place
            expected = bool(options)
        if options:
            found.append(Found(span, options, exact, expected, initial, label))
    return found


def _before_region(text: str, span: Span) -> bool:
    """ "Izum, Kharkiv region": a name right before a region is a place even if spelt unusually."""
    after = text[span.end : span.end + 40]
    match = re.match(r"\s*[,(]\s*([\w' -]+)", after)
    return bool(match) and any(
        any(c.place.kind in REGIONS for c in _lookup(fold(" ".join(match.group(1).split()[:k])))) for k in (1, 2, 3)
    )


def _in_context(text: str, span: Span, place_rules: PlaceRules) -> bool:
    """ "Conventie van Genève", "Geneva Conventions": a name inside such a phrase is no place."""
    before, after = text[max(0, span.start - 40) : span.start], text[span.end : span.end + 40]
    if place_rules.context_before is not None and place_rules.context_before.ends(before):
        return True
    if place_rules.context_after is not None and place_rules.context_after.match(after):  # each begins with ^
        return True
    # the words after the name first: they are anchored at its end, the quicker test
    return any((a is None or a.match(after)) and (b is None or b.search(before)) for b, a in place_rules.contexts)


# --- choosing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    focus: Counter[str]  # country -> weight of the evidence pointing at it
    regions: frozenset[tuple[str, str]]  # (iso, admin1 code) of regions the text names
    votes: dict[Span, Counter[str]]  # what each name added to the focus
    actors: frozenset[str] = frozenset()  # home countries of the actors named
    anchors: tuple[Anchor, ...] = ()  # where the names the text gives as places lie
    theatre: frozenset[str] = frozenset()  # where reports are about when they do not say (scoring only)

    @cached_property
    def top(self) -> frozenset[str]:
        if not self.focus:
            return frozenset()
        best = max(self.focus.values())
        return frozenset(iso for iso, votes in self.focus.items() if votes * 2 >= best)

    @cached_property
    def anchor_spans(self) -> frozenset[Span]:
        return frozenset(a.span for a in self.anchors)

    @cached_property
    def top_weight(self) -> float:
        """The weight of the country with the most evidence, the theatre's prior included (1 if none)."""
        return max((self.weight(iso) for iso in {*self.focus, *self.theatre}), default=0.0) or 1.0

    def without(self, span: Span) -> Context:
        """The context as the rest of the text gives it: a name does not vote for itself."""
        own = self.votes.get(span)
        if not own and span not in self.anchor_spans:
            return self  # the name added nothing (the focus holds positive weights only)
        own = own or Counter()
        focus = Counter({iso: weight - own[iso] for iso, weight in self.focus.items() if weight > own[iso]})
        anchors = tuple([a for a in self.anchors if a.span != span])
        return Context(focus, self.regions, self.votes, self.actors, anchors, self.theatre)

    def weight(self, iso: str) -> float:
        """The evidence for a country, with the theatre's prior."""
        return self.focus[iso] + (THEATRE_WEIGHT if iso in self.theatre else 0.0)

    @cached_property
    def given_points(self) -> tuple[tuple[float, float], ...]:
        """Where the places the text gives lie, each point once (a report names its town many times)."""
        return tuple(dict.fromkeys((a.latitude, a.longitude) for a in self.anchors if a.given))

    @cached_property
    def sure_points(self) -> tuple[tuple[float, float], ...]:
        return tuple(dict.fromkeys((a.latitude, a.longitude) for a in self.anchors if a.sure and a.given))

    def far(self, place: Place, km: float = 0.0) -> bool:
        """Whether a place lies further than `km` (FAR_KM) from every place the text gives as one (False
        without such places)."""
        given = self.given_points
        return bool(given) and all(_km(place, lat, lon) > (km or FAR_KM) for lat, lon in given)

    def nearness(self, place: Place) -> float:
        """How near a place lies to one the text gives unambiguously ("Kamianka, near Mykolaiv"): 1 at
        the same point, 0 from NEAR_KM away."""
        distances = [_km(place, lat, lon) for lat, lon in self.sure_points]
        return max(0.0, 1.0 - min(distances) / NEAR_KM) if distances else 0.0


@dataclass(frozen=True)
class Anchor:
    """A candidate of a name the text gives as a place: other names' candidates are weighed by it."""

    span: Span
    latitude: float
    longitude: float
    sure: bool  # clearly the name's best candidate
    given: bool  # the text gives the name as a place: a dateline or label, after "in", a curated name


def _km(place: Place, latitude: float, longitude: float) -> float:
    """Great-circle distance in kilometres from a place to a point."""
    lat1, lat2 = math.radians(place.latitude), math.radians(latitude)
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin(math.radians(longitude - place.longitude) / 2) ** 2
    )
    return 12_742 * math.asin(math.sqrt(min(1.0, a)))


def _standalone(c: Candidate, item: Found) -> bool:
    """Believable with no help from the rest of the text: such names set the report's focus."""
    if c.curated or c.place.kind != "city":
        return True
    if not item.exact or c.variant:
        return False
    return (
        c.place.population >= FOREIGN_MIN_POPULATION
        or item.expected
        or (not item.initial and c.place.population >= UNSUPPORTED_MIN_POPULATION)
    )


def _context(
    found: list[Found], countries: list[str], actor_countries: tuple[str, ...], theatre: frozenset[str]
) -> Context:
    """The countries the text points to: those it names, and those of the names it gives as places
    (in a dateline or label, after "in") more than those of other capitalised words. The theatre
    (`theatre` in base/places.yaml) only breaks ties where the text points nowhere else, and actors'
    home countries only in scoring: forces fight abroad."""
    focus: Counter[str] = Counter({iso: 2 * EXPECTED_WEIGHT for iso in set(countries)})
    regions = set()
    votes: dict[Span, Counter[str]] = {}
    for item in found:
        if _country(item):  # counted among `countries`: its namesake towns point nowhere
            continue
        options = [c for c in item.options if c.curated] or item.options  # curated names settle ambiguity
        voters = {c.place.iso for c in options if c.place.kind != "country" and _standalone(c, item)}
        weight = (2 if len(voters) == 1 else 1) * (EXPECTED_WEIGHT if item.expected else 1)
        votes[item.span] = Counter({iso: weight for iso in voters if iso})
        focus.update(votes[item.span])
        regions |= {(c.place.iso, c.admin1code) for c in item.options if c.curated and c.place.kind in REGIONS}
    context = Context(focus, frozenset(regions), votes, frozenset(actor_countries), theatre=theatre)
    return replace(context, anchors=_anchors(found, context))


def _anchors(found: list[Found], context: Context) -> tuple[Anchor, ...]:
    """Where the names believable as places lie, each at its best candidate in the report's focus
    countries: other names' candidates far from all those the text gives as places (datelines, labels,
    after "in"; curated names) are doubtful, and those near an unambiguous one are preferred."""
    anchors: list[Anchor] = []
    for item in found:
        if _country(item):
            continue
        rest = context.without(item.span)
        options = [
            c
            for c in item.options
            if c.place.kind != "country"
            and c.place.iso in context.top
            and (item.expected or c.curated or _standalone(c, item))
            and _plausible(c, item, rest)
        ]
        scores = sorted(((_score(c, rest, None), c) for c in options), key=lambda pair: -pair[0])
        if scores:  # its best candidate; unambiguous if clearly ahead of the next
            best, place = scores[0][0], scores[0][1].place
            sure = len(scores) == 1 or best - scores[1][0] >= SURE_MARGIN
            given = item.expected or scores[0][1].curated
            anchors.append(Anchor(item.span, place.latitude, place.longitude, sure, given))
    return tuple(anchors)


@cache
def default_theatre() -> frozenset[str]:
    return frozenset(str(iso) for iso in phrases(base("places").get("theatre")))


def theatre_of(report_theatre: tuple[str, ...] | None) -> frozenset[str]:
    """A report's theatre: the one it was read with, or (None) the default of base/places.yaml."""
    return default_theatre() if report_theatre is None else frozenset(report_theatre)


@lru_cache(maxsize=50_000)
def _skeleton_size(name: str) -> int:
    return len(skeleton(name))


def _plausible(c: Candidate, item: Found, context: Context) -> bool:
    """Whether a candidate is believable here: small places far from the report's focus, or named
    where a capitalised common word or a person's name could stand, are more likely not places."""
    place = c.place
    shouting = item.span.text.isupper() and len(item.span.text) <= 4  # "TASS", "PER": acronyms
    if c.curated:
        return True
    if shouting or place.kind == "country":
        return place.kind == "country" and not shouting
    top = context.top
    in_focus = place.iso in top
    if c.variant:  # a spelling variant: in the report's focus, where a place is expected or a known town
        if _skeleton_size(item.span.text) < MIN_SKELETON and not item.expected:
            return False
        if in_focus or (item.label and not top and place.iso in context.theatre):  # "Schastya: ..."
            return item.expected or place.population >= UNSUPPORTED_MIN_POPULATION
        return not top and item.expected and _skeleton_size(item.span.text) >= MIN_SKELETON
    if not item.exact:
        return in_focus or (not top and item.expected)
    if place.kind != "city":
        return in_focus or not top
    # A village named in passing, far from the places the text gives, is more likely a namesake word or
    # the name of a building ("Bakhmut: the Peremoha cinema was hit").
    if (
        in_focus
        and not item.expected
        and place.population < UNSUPPORTED_MIN_POPULATION
        and context.far(place, REMOTE_KM)
    ):
        return False
    if in_focus:  # a capitalised first word that is also a hamlet's name is more likely the word
        return not item.initial or item.expected or place.population >= 1_000
    if top:  # a place outside the focus: a known city, not far from every place the text gives as one
        return place.population >= FOREIGN_MIN_POPULATION and (item.expected or not context.far(place))
    return _standalone(c, item)


def _score(c: Candidate, context: Context, qualifier: tuple[str, str] | None) -> float:
    place = c.place
    top = context.top_weight
    region = (place.iso, c.admin1code)
    return (
        3.0 * c.curated
        + 2.0 * context.weight(place.iso) / top
        + math.log10(place.population + 10) / 2
        + (2.0 if region in context.regions and place.kind not in REGIONS else 0.0)
        + (6.0 if qualifier == region else 0.0)
        + (1.5 * context.nearness(place) if place.kind == "city" else 0.0)
        + (1.5 if place.kind in ("admin1", "admin2", "feature") else 0.0)
        - (1.0 if c.variant else 0.0)
        + (0.5 if place.iso in context.actors else 0.0)
    )


def _qualifier(
    text: str, item: Found, following: Found | None, chosen: dict[Span, Candidate], place_rules: PlaceRules
) -> Candidate | None:
    """The region or larger place given right after a name: "Kupiansk, Kharkiv oblast", "Pavlivka in the
    Donetsk region" (after a locative word only a region or country qualifies)."""
    if following is None or following.span not in chosen:
        return None
    gap, qualifier = text[item.span.end : following.span.start], chosen[following.span]
    if APPOSITION.match(gap):
        return qualifier
    regional = qualifier.place.kind in REGIONS or qualifier.place.kind == "country"
    return qualifier if regional and place_rules.locative_gap.match(gap) else None


def _choose(
    item: Found, context: Context, text: str, qualifier: Candidate | None, place_rules: PlaceRules
) -> Candidate | None:
    """The best candidate; given a region or country beside the name, only candidates inside it."""
    country = _country(item)
    if country:
        return next(c for c in item.options if c.place.kind == "country" and c.place.iso == country)
    if qualifier is None:
        options = [c for c in item.options if _plausible(c, item, context)]
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
            if _plausible(c, item, context)
            and c.place.kind not in REGIONS
            and (c.curated or c.place.population >= FOREIGN_MIN_POPULATION)
        ]
        if _names_a_district(item.span.text):
            notable = []
        options = inside or ([] if qualifier.place.kind in REGIONS else notable)
    if not options:
        return None
    region = (qualifier.place.iso, qualifier.admin1code) if qualifier else None
    best = max(options, key=lambda c: _score(c, context, region))
    if best.place.kind == "city" and place_rules.within_region.ends(
        text[max(0, item.span.start - 30) : item.span.start]
    ):
        return _region_of(best) or best  # "a small town in Donetsk": the oblast, not its namesake city
    return best


def _region_of(city: Candidate) -> Candidate | None:
    """The region a region's capital stands for ("a town in Donetsk": the oblast; "in Kyiv": the oblast
    around the city). A town that heads no region stands for itself ("a village in Bakhmut")."""
    headed = sorted(_capital_of().get(city.place.geonameid or 0, ()))
    return gazetteer().region(headed[0]) if headed else None


@cache
def _district_words() -> frozenset[str]:
    return frozenset(fold(w) for w in phrases(base("places").get("admin2_generic")))


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
    for index in range(len(kept) - 1, -1, -1):  # right to left: a qualifier is chosen before its name
        item, following = kept[index], (kept[index + 1] if index + 1 < len(kept) else None)
        qualifier = _qualifier(text, item, following, chosen, place_rules)
        best = _choose(item, context.without(item.span), text, qualifier, place_rules)
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
    for code, capital in (base("places").get("regions") or {}).items():
        heads.setdefault(int(capital), set()).add(str(code))
    return {capital: frozenset(codes) for capital, codes in heads.items()}


def _evidence_end(span: Span, absorbed: dict[Span, Span]) -> int:
    """The end of a place's evidence: through the qualifiers that follow it ("Dovhenke, Kharkiv Oblast")."""
    return max([span.end, *(_evidence_end(q, absorbed) for q, owner in absorbed.items() if owner == span)])


def _country(item: Found) -> str:
    """The country a name names, if that is what it names: "Ukraine", not the Spanish town also called so;
    "Venezuela", not the Cuban town or district. A name that is also a region ("Georgia") stays ambiguous."""
    countries = [c for c in item.options if c.place.kind == "country"]
    if not countries or any(c.place.kind in ("admin1", "feature") for c in item.options):
        return ""
    return next((c for c in countries if c.curated), countries[0]).place.iso  # a curated one first


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
    by_span = {item.span: item for item in _candidates(text, language, where) if free(item.span)}
    kept = [by_span[span] for span in drop_overlapping(by_span)]
    named = [_country(item) for item in kept if _country(item)]
    context = _context(kept, named, actor_countries, where)
    # "Kyiv said", "the Geneva Conventions": such names point the report at a country, but are no places.
    in_context = [_in_context(text, item.span, place_rules) for item in kept]
    places = [item for item, aside in zip(kept, in_context, strict=True) if not aside]
    mentions, countries = _mentions(text, places, context, place_rules)
    countries += [_country(item) for item, aside in zip(kept, in_context, strict=True) if aside and _country(item)]
    mentions.extend(_resolve_anaphora(text, mentions, place_rules))
    return sorted(mentions, key=lambda m: m.span.start), countries


def find_places(doc: Doc) -> Doc:
    taken = tuple(d.span for d in doc.dates)
    actor_countries = tuple(a.actor.country for a in doc.actors if a.actor.country)
    mentions, countries = find_place_mentions(doc.text, doc.language, taken, actor_countries, doc.report.theatre)
    return replace(doc, places=tuple(mentions), countries=tuple(countries))
