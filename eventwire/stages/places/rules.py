"""A language's place rules, compiled from `lexicon/<lang>/places.yaml`: suffix (inflection) rules,
near words, region templates, contexts in which a name names something else; and the constants of
the places stage."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property

from ...lexicon import PlacesLexicon, lexicon
from ...text import compile_phrases, fold, phrase_pattern

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
    templates = data.contexts
    contexts = [_context_pattern(t) for t in templates]
    locative = (*data.locative, *data.near)
    # the words before the name in the contexts with no words after it ("Mr {}" -> "Mr")
    only_before = tuple(t.partition("{}")[0].strip() for t in templates if not t.partition("{}")[2].strip())
    before = _either([b for b, a in contexts if a is None])
    return PlaceRules(
        not_places=frozenset(fold(p) for p in data.not_places),
        suffixes=_suffix_rules(data.suffixes),
        near=_ending(data.near),
        near_after=re.compile(rf"^\s*(?:{compile_phrases(data.near_after).pattern})", re.I),
        locative=_ending(locative),
        locative_gap=re.compile(rf"^\s*(?:{compile_phrases(data.locative).pattern})\s*$", re.I),
        anaphora=Phrases(compile_phrases(data.anaphora)),
        contexts=tuple((b, a) for b, a in contexts if (b is None) == (a is None)),
        context_before=None if before is None else Phrases(before, _tails(tuple(p for p in only_before if p))),
        context_after=_either([a for b, a in contexts if b is None]),
        within_region=_ending(data.within_region),
        openers=_lowercase_openers(data),
        adjectives=_suffix_rules(data.adjective_suffixes),
    )


def _suffix_rules(data: dict[str, tuple[str, ...]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """{ending: replacement or [replacements]} as (ending, replacements), longest ending first."""
    rules = list(data.items())
    return tuple(sorted(rules, key=lambda pair: -len(pair[0])))


def _lowercase_openers(data: PlacesLexicon) -> frozenset[str]:
    """The first words of a language's region templates where its region stems are written in lower case
    ("obwodzie" in "w obwodzie donieckim"): no capital letter marks such a name, so these words do."""
    stems = [s for forms in data.regions.values() for s in forms]
    if not any(s[:1].islower() for s in stems):
        return frozenset()
    templates = [t for level in data.region_templates.values() for t in level]
    return frozenset(fold(t.split()[0]) for t in templates if not t.startswith("{}"))
