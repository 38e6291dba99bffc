"""Text helpers shared by the stages: lexicon phrase patterns and word offsets.

Lexicon phrases are plain words with two conveniences, documented in
docs/lexicons.md: a `*` in a word matches any letters ("raketaanval*" matches
"raketaanvallen", "дрон*-камікадзе" matches "дронами-камікадзе"), and a lone `...` allows up to five words in between
(Dutch and German separable verbs: "trok* ... binnen").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import Protocol, TypeVar

from .records import Span

_T = TypeVar("_T")
WORD = re.compile(r"\w+(?:['’ʼ-]\w+)*")
_APOSTROPHES = "['’ʼ`]"
_GAP = r"(?:\W+\w+){0,5}?\W+"


def _word_pattern(word: str) -> str:
    # One pass: a second `.replace` would rewrite the apostrophes inside the first one's character class.
    pieces = [re.sub("['’]", lambda _: _APOSTROPHES, re.escape(piece)) for piece in word.split("*")]
    return r"\w*".join(pieces)


def phrase_pattern(phrase: str) -> str:
    """Regex source for one lexicon phrase, anchored on word boundaries."""
    parts: list[str] = []
    for word in phrase.split():
        if word == "...":
            parts.append(_GAP)
        else:
            if parts and parts[-1] != _GAP:
                parts.append(r"\s+")
            parts.append(_word_pattern(word))
    return r"(?<!\w)" + "".join(parts) + r"(?!\w)"


@lru_cache(maxsize=4096)
def compile_phrases(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive alternation of phrases, longest first."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(f"(?:{phrase_pattern(p)})" for p in ordered), re.IGNORECASE)


def find_phrases(pattern: re.Pattern[str], text: str, offset: int = 0) -> Iterator[Span]:
    for match in pattern.finditer(text):
        yield Span(offset + match.start(), offset + match.end(), match.group(0))


def words(text: str, offset: int = 0) -> Iterator[Span]:
    for match in WORD.finditer(text):
        yield Span(offset + match.start(), offset + match.end(), match.group(0))


def fold(text: str) -> str:
    """Case-fold and unify apostrophes, for dictionary look-ups."""
    return text.casefold().replace("’", "'").replace("ʼ", "'").replace("`", "'")


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def drop_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Keep the longest of overlapping spans (earliest on ties), in text order."""
    kept: list[Span] = []  # non-overlapping, sorted by start (so also by end)
    starts: list[int] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        index = bisect.bisect_left(starts, span.start)
        if index > 0 and overlaps(span, kept[index - 1]):
            continue
        if index < len(kept) and overlaps(span, kept[index]):
            continue
        kept.insert(index, span)
        starts.insert(index, span.start)
    return kept


# --- Fast matching on a normalised copy of the text -------------------------------------------
#
# Case-insensitive alternations of many words are slow in `re`. The language layer instead
# matches lower-case tries against a lower-cased copy of the text that keeps every offset.

_APOSTROPHES_TO_UNIFY = ("’", "ʼ", "`", "‘")


def _unify_apostrophes(text: str) -> str:
    for apostrophe in _APOSTROPHES_TO_UNIFY:  # str.replace is much faster than str.translate on non-ASCII text
        if apostrophe in text:
            text = text.replace(apostrophe, "'")
    return text


def normalize(text: str) -> str:
    """Lower-cased text with apostrophes unified, the same length as `text` (offsets stay valid).
    A report's text is normalised once and shared by the stages (cached)."""
    return _normalize(text) if len(text) < SHORT_TEXT else _normalize_report(text)


SHORT_TEXT = 256


def _normalize(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters ("İ") lower-case to two
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _unify_apostrophes(lowered)


@lru_cache(maxsize=8)
def _normalize_report(text: str) -> str:
    return _normalize(text)


def normal_form(phrase: str) -> str:
    """A lexicon phrase as it appears in normalised text (single spaces)."""
    return " ".join(_unify_apostrophes(phrase.lower()).split())


def trie_pattern(forms: Iterable[str]) -> str:
    """Regex source matching any of `forms` (normalised), built as a trie so `re` does not backtrack
    through every alternative at every position. A `*` matches any letters, a space any whitespace."""
    trie: dict[str, dict] = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_source(trie) if trie else r"(?!x)x"


def _trie_source(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = []
    for char in sorted(c for c in node if c):
        head = r"\w*" if char == "*" else r"\s+" if char == " " else re.escape(char)
        branches.append(head + _trie_source(node[char]) if node[char] else head)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def compile_forms(forms: Iterable[str]) -> re.Pattern[str]:
    """Whole-word matcher for normalised forms, to run on `normalize(text)` (no IGNORECASE needed)."""
    return re.compile(r"(?<!\w)(?:" + trie_pattern(forms) + r")(?![\w'])" if forms else r"(?!x)x")


_REPORT_CACHES: list = [_normalize_report]


def report_cache(function: Callable[..., _T]) -> Callable[..., _T]:
    """Keep `function`'s results for the last few reports, so that the stages share work done on a
    report's text; `clear_report_caches` forgets them. Arguments must be hashable."""
    cached = lru_cache(maxsize=8)(function)
    _REPORT_CACHES.append(cached)
    return cached


def clear_report_caches() -> None:
    """Forget what is cached per report text (its normalised copy, where its digits and words are),
    so that a benchmark pays for it as a new report would."""
    for cached in _REPORT_CACHES:
        cached.cache_clear()


# --- Scanning only where a match can begin ----------------------------------------------------
#
# A regular-expression scan costs tens of nanoseconds per character even where nothing can match.
# When every match of a pattern begins with one of a few characters (a full stop, a comma, a dash),
# `str.find` locates those characters far faster, and the pattern is tried only there.


def char_positions(text: str, chars: str) -> list[int]:
    """Offsets of every occurrence in `text` of any of `chars`, in order."""
    found: list[int] = []
    for char in chars:
        index = text.find(char)
        while index >= 0:
            found.append(index)
            index = text.find(char, index + 1)
    if len(chars) > 1:
        found.sort()
    return found


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text)` gives, for a pattern that never matches the empty string
    and whose every match begins at one of `starts` (in order): tried only there."""
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            end = match.end()


def drop_overlapping_bounds(bounds: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """`drop_overlapping` for (start, end) pairs: the longest of overlapping bounds (earliest on ties),
    in text order."""
    ordered = sorted(bounds)
    if all(start < end for start, end in ordered) and all(a[1] <= b[0] for a, b in pairwise(ordered)):
        return ordered  # nothing overlaps (the usual case)
    kept: list[tuple[int, int]] = []
    starts: list[int] = []
    for start, end in sorted(ordered, key=lambda b: (b[0] - b[1], b[0])):
        index = bisect.bisect_left(starts, start)
        if index > 0 and start < kept[index - 1][1] and kept[index - 1][0] < end:
            continue
        if index < len(kept) and start < kept[index][1] and kept[index][0] < end:
            continue
        kept.insert(index, (start, end))
        starts.insert(index, start)
    return kept


@dataclass(frozen=True)
class WordScan:
    """Where a `WordScanner`'s guard matched in a text, and what each of its patterns matched."""

    positions: tuple[int, ...]  # where the guard matched
    spans: tuple[tuple[tuple[int, int], ...], ...]  # per pattern, (start, end) as its `finditer` gives them


@dataclass(frozen=True)
class WordScanner:
    """Several whole-word patterns found with one scan of a text.

    Each pattern begins with `(?<!\\w)` (it matches only where no word character precedes) and never
    matches the empty string. The guard (a non-word character, then a lookahead of one trie of all
    the patterns' forms) is the only scan of the text; a pattern is tried only where the guard found
    a word, and only if the word's first character can begin one of its forms."""

    patterns: tuple[re.Pattern[str], ...]
    guard: re.Pattern[str]  # a non-word character, before a place where a form can begin
    guard_at_start: re.Pattern[str]  # a form can begin at the text's start
    by_first: dict[str, tuple[int, ...]]  # a form's first character -> the patterns it can begin
    anywhere: tuple[int, ...]  # the patterns with a form that begins with a wildcard

    @classmethod
    def build(cls, patterns: Iterable[tuple[re.Pattern[str], Iterable[str]]], also: str = "") -> WordScanner:
        """`patterns`: each pattern with its (normalised) forms; `also`: regex source of more places
        for the guard to mark (a digit: `\\d`)."""
        compiled, all_forms, by_first, anywhere = [], [], {}, []
        for index, (pattern, forms) in enumerate(patterns):
            compiled.append(pattern)
            forms = [f for f in forms if f]
            all_forms += forms
            for first in {f[0] for f in forms}:
                if first == "*":
                    anywhere.append(index)
                else:
                    by_first[first] = (*by_first.get(first, ()), index)
        ahead = "(?=" + (f"{also}|{trie_pattern(all_forms)}" if also else trie_pattern(all_forms)) + ")"
        # The guard consumes the non-word character before a word: `re` skips the letters inside words
        # far faster that way than by checking `(?<!\w)` at every position. The text's start is apart.
        return cls(tuple(compiled), re.compile(r"\W" + ahead), re.compile(ahead), by_first, tuple(anywhere))

    def scan(self, text: str) -> WordScan:
        found: list[list[tuple[int, int]]] = [[] for _ in self.patterns]
        ends = [0] * len(self.patterns)
        patterns, by_first, anywhere = self.patterns, self.by_first, self.anywhere
        starts = [position.end() for position in self.guard.finditer(text)]
        if self.guard_at_start.match(text):
            starts.insert(0, 0)
        for start in starts:
            tried = by_first.get(text[start], ())
            for index in (*tried, *anywhere) if anywhere else tried:
                if start >= ends[index]:
                    match = patterns[index].match(text, start)
                    if match is not None:
                        found[index].append(match.span())
                        ends[index] = match.end()
        return WordScan(tuple(starts), tuple(tuple(spans) for spans in found))


# --- One scan of a report instead of one per sentence or clause ------------------------------
#
# A pattern scanned over the whole text once gives, for any sentence or clause, the matches it would
# give scanned over that piece alone: exactly when the piece's edges fall between a word and a
# non-word character (neither edge cuts a word) and no match crosses an edge. Otherwise the piece
# is scanned alone, as before.

_WORD_CHAR = re.compile(r"\w")

# Case-insensitive matching is slow in `re`; on a lower-cased copy of the text, a pattern whose
# letters are lower-case matches the same without `re.IGNORECASE`, about twice as fast. That holds
# for characters that `re.IGNORECASE` folds exactly as `str.lower` does (tests/test_text_matches.py
# checks every pair): ASCII, Latin, Cyrillic, punctuation; not "İ", "ı", "ſ", "µ" or Greek. A text
# or pattern with any other character is matched as it is.
_CASE_SAFE = (
    r"\t\n\r\x20-\x7e\xa0-\xb4\xb6-\u012f\u0132-\u017e\u0180-\u024f\u02bc"  # ASCII, Latin (but µ İ ı ſ)
    r"\u0400-\u052f\u2000-\u206f\u20a0-\u20c0\u2116"  # Cyrillic, punctuation, currency signs, №
)
_CASE_UNSAFE = re.compile(f"[^{_CASE_SAFE}]")
_ESCAPE = re.compile(r"\\.")


def lowered(text: str) -> str | None:
    """`text.lower()` if every character in it is case-safe (see above), else None."""
    return None if _CASE_UNSAFE.search(text) else text.lower()


@lru_cache(maxsize=1024)
def case_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-sensitive pattern matching on `lowered(text)` as `pattern` matches on `text`: the same
    source without `re.IGNORECASE`, if its letters are all lower-case and case-safe; else None."""
    literals = _ESCAPE.sub("", pattern.pattern)
    if not pattern.flags & re.IGNORECASE or literals != literals.lower() or _CASE_UNSAFE.search(literals):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def clean_edges(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` cuts no word: no word character just outside either edge."""
    return (start == 0 or _WORD_CHAR.match(text, start - 1) is None) and (
        end >= len(text) or _WORD_CHAR.match(text, end) is None
    )


@lru_cache(maxsize=256)
def _guards(twins: tuple[re.Pattern[str], ...]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Where any of the whole-word patterns can match: just after a non-word character (the guard
    consumes it, so that `re` runs through words fast), and at the text's start."""
    if not twins:
        return None
    ahead = "(?=" + "|".join(f"(?:{twin.pattern})" for twin in twins) + ")"
    return re.compile(r"\W" + ahead), re.compile(ahead)


def _twin(pattern: Matcher, limit: int | None = None) -> re.Pattern[str] | None:
    """`case_twin` of a regular expression (of one no bigger than `limit`); None for another matcher."""
    if not isinstance(pattern, re.Pattern) or (limit is not None and len(pattern.pattern) > limit):
        return None
    return case_twin(pattern)


def _matcher(
    pattern: Matcher, twin: re.Pattern[str] | None, text: str, lower: str
) -> tuple[re.Pattern[str], str] | tuple[WordMatcher, None]:
    """How `_scan_by_prefix` tries `pattern` at a place: a regular expression with the text it runs on
    (its case twin on the lower-cased text where it has one), or another matcher."""
    if not isinstance(pattern, re.Pattern):
        return pattern, None
    return (twin, lower) if twin is not None else (pattern, text)


GUARD_PREFIX = 3  # characters of a phrase's beginning that a prefix guard checks
# A pattern's case twin is compiled only up to this size (characters of its source): a lexicon with
# lexemes expands to tens of thousands of phrases, and compiling those twice costs a second at start-up.
TWIN_LIMIT = 50_000


def guard_prefixes(phrases: Iterable[str]) -> tuple[str, ...] | None:
    """The beginnings (normal form, at most `GUARD_PREFIX` characters, cut before any wildcard,
    apostrophe or space) of lexicon phrases, for `TextMatches.scan_all`; "" for a phrase that begins
    with a wildcard (it can begin at any word); None if a phrase begins with something else than a
    letter, a digit or a wildcard (no prefix guard can serve)."""
    found: set[str] = set()
    for phrase in phrases:
        form = normal_form(phrase)
        cut = min((i for i, c in enumerate(form) if c in "*' "), default=len(form))
        prefix = form[: min(cut, GUARD_PREFIX)]
        if not form.startswith("*") and (not prefix or not prefix[0].isalnum()):
            return None
        found.add(prefix)
    return tuple(sorted(found))


class _PrefixIndex:
    """Which of several patterns can match where a text goes on with given characters: each pattern
    has the beginnings of its phrases (`guard_prefixes`)."""

    __slots__ = ("by_head", "by_prefix", "guard", "guard_at_start")

    def __init__(self, prefixes: tuple[tuple[str, ...], ...]) -> None:
        by_prefix: dict[str, list[int]] = {}
        for index, beginnings in enumerate(prefixes):
            for beginning in beginnings:
                by_prefix.setdefault(beginning, []).append(index)
        self.by_prefix = {beginning: tuple(indices) for beginning, indices in by_prefix.items()}
        self.by_head: dict[str, tuple[int, ...]] = {}  # the text's next characters -> the patterns to try
        ahead = r"(?=\w)" if "" in self.by_prefix else "(?=" + trie_pattern(self.by_prefix) + ")"
        self.guard, self.guard_at_start = re.compile(r"\W" + ahead), re.compile(ahead)

    def tried(self, head: str) -> tuple[int, ...]:
        """The patterns (in order) with a phrase that can begin where the text goes on with `head`
        (its next `GUARD_PREFIX` characters)."""
        found = self.by_head.get(head)
        if found is None:
            indices = {i for size in range(len(head) + 1) for i in self.by_prefix.get(head[:size], ())}
            found = self.by_head[head] = tuple(sorted(indices))
        return found


@lru_cache(maxsize=64)
def _prefix_index(prefixes: tuple[tuple[str, ...], ...]) -> _PrefixIndex:
    return _PrefixIndex(prefixes)


class WordMatcher(Protocol):
    """Whole-word phrases matched otherwise than by one regular expression (`phrase_index.PhraseIndex`)."""

    def match_at(self, text: str, normal: str, start: int, lower: str | None = None) -> tuple[int, int] | None: ...
    def spans(self, text: str) -> Iterator[tuple[int, int]]: ...
    def search(self, text: str) -> bool: ...


Matcher = re.Pattern[str] | WordMatcher


def _spans(pattern: Matcher, text: str) -> Iterator[tuple[int, int]]:
    if isinstance(pattern, re.Pattern):
        return (match.span() for match in pattern.finditer(text))
    return pattern.spans(text)


def _found(pattern: Matcher, text: str) -> bool:
    if isinstance(pattern, re.Pattern):
        return pattern.search(text) is not None
    return pattern.search(text)


class TextMatches:
    """The matches of one whole-word pattern (one that matches no empty string) over a whole text,
    read piece by piece in text order: `within` gives what the pattern finds in a piece."""

    __slots__ = ("index", "pattern", "spans", "start", "text")

    def __init__(
        self, pattern: Matcher, text: str, lower: str | None = None, spans: list[tuple[int, int]] | None = None
    ) -> None:
        """`lower`: `lowered(text)`, to scan with the pattern's `case_twin`; `spans`: the matches, if known."""
        self.pattern, self.text = pattern, text
        if spans is None:
            twin = case_twin(pattern) if lower is not None and isinstance(pattern, re.Pattern) else None
            if twin is not None and lower is not None:
                spans = [match.span() for match in twin.finditer(lower)]
            else:
                spans = list(_spans(pattern, text))
        self.spans = spans
        self.index = self.start = 0  # the first match that can meet the last piece read, its start

    @classmethod
    def scan_all(
        cls,
        patterns: Sequence[Matcher],
        text: str,
        lower: str | None,
        prefixes: tuple[tuple[str, ...], ...] | None = None,
    ) -> list[TextMatches]:
        """`TextMatches(pattern, text, lower)` for each pattern, the case twins found with one scan: a
        guard marks every place where one of them can match, and each is tried only there. `prefixes`:
        for each pattern, how its phrases begin (`guard_prefixes`), for a guard far cheaper to compile
        than one made of the patterns themselves; at a place, only the patterns whose phrases can begin
        there are tried (the matches are the same)."""
        if prefixes is not None and lower is not None:
            # Here a pattern too big to compile twice is matched as it is, at the places the guard marks.
            twins = [_twin(pattern, TWIN_LIMIT) for pattern in patterns]
            return cls._scan_by_prefix(patterns, twins, text, lower, _prefix_index(prefixes))
        twins = [_twin(pattern) if lower is not None else None for pattern in patterns]
        guards = _guards(tuple(twin for twin in twins if twin is not None))
        if lower is None or guards is None:
            return [cls(pattern, text, lower) for pattern in patterns]
        starts = [guard.end() for guard in guards[0].finditer(lower)]
        if guards[1].match(lower):
            starts.insert(0, 0)
        scanned = []
        for pattern, twin in zip(patterns, twins, strict=True):
            if twin is None:
                scanned.append(cls(pattern, text))
                continue
            found = cls(pattern, text, spans=[])
            end = 0
            for start in starts:
                if start >= end and (match := twin.match(lower, start)) is not None:
                    found.spans.append(match.span())
                    end = match.end()
            scanned.append(found)
        return scanned

    @classmethod
    def _scan_by_prefix(
        cls,
        patterns: Sequence[Matcher],
        twins: Sequence[re.Pattern[str] | None],
        text: str,
        lower: str,
        index: _PrefixIndex,
    ) -> list[TextMatches]:
        scanned = [cls(pattern, text, spans=[]) for pattern in patterns]
        ends = [0] * len(patterns)
        starts = [guard.end() for guard in index.guard.finditer(lower)]
        if index.guard_at_start.match(lower):
            starts.insert(0, 0)
        normal = normalize(text) if any(not isinstance(p, re.Pattern) for p in patterns) else text
        # (a regular expression, the text it runs on) or (another matcher, None)
        matchers: list[tuple[re.Pattern[str], str] | tuple[WordMatcher, None]] = [
            _matcher(pattern, twin, text, lower) for pattern, twin in zip(patterns, twins, strict=True)
        ]
        for start in starts:
            for number in index.tried(lower[start : start + GUARD_PREFIX]):
                if start >= ends[number]:
                    pattern, within = matchers[number]
                    if within is None:
                        if (span := pattern.match_at(text, normal, start, lower)) is not None:
                            scanned[number].spans.append(span)
                            ends[number] = span[1]
                    elif (match := pattern.match(within, start)) is not None:
                        scanned[number].spans.append(match.span())
                        ends[number] = match.end()
        return scanned

    def _first(self, start: int) -> int:
        """The index of the first match that ends after `start`."""
        spans, count = self.spans, len(self.spans)
        index = self.index if start >= self.start else 0  # pieces read out of order: start again
        while index < count and spans[index][1] <= start:
            index += 1
        self.index, self.start = index, start
        return index

    def within(self, start: int, end: int, clean: bool) -> list[tuple[int, int]]:
        """The (start, end) of each match `pattern.finditer(text[start:end])` gives, as offsets in the
        text (fastest when pieces come in text order); `clean`: `clean_edges(text, start, end)`."""
        spans, count = self.spans, len(self.spans)
        index = self._first(start)
        if index == count or spans[index][0] >= end:
            return [] if clean else self._alone(start, end)
        found: list[tuple[int, int]] = []
        while index < count and spans[index][0] < end:
            if not clean or spans[index][0] < start or spans[index][1] > end:
                return self._alone(start, end)
            found.append(spans[index])
            index += 1
        return found

    def found_in(self, start: int, end: int, clean: bool) -> bool:
        """Whether `pattern.search(text[start:end])` finds anything."""
        spans, count = self.spans, len(self.spans)
        index = self._first(start)
        if not clean:
            return _found(self.pattern, self.text[start:end])
        if index == count or spans[index][0] >= end:
            return False
        if start <= spans[index][0] and spans[index][1] <= end:
            return True
        return _found(self.pattern, self.text[start:end])

    def _alone(self, start: int, end: int) -> list[tuple[int, int]]:
        return [(start + a, start + b) for a, b in _spans(self.pattern, self.text[start:end])]


lowered_report = report_cache(lowered)  # shared by the stages that scan a whole report


class Quiet:
    """Where none of several `TextMatches` has a match, to pass over pieces of the text at once."""

    __slots__ = ("reach", "starts")

    def __init__(self, matches: Iterable[TextMatches]) -> None:
        spans = sorted(span for found in matches for span in found.spans)
        self.starts = [start for start, _ in spans]
        self.reach = list(accumulate((end for _, end in spans), max))  # the furthest end so far

    def quiet(self, start: int, end: int) -> bool:
        """Whether no match meets `text[start:end]`: then, if the piece's edges are clean, each of the
        patterns finds nothing in it."""
        index = bisect.bisect_left(self.starts, start)
        if index < len(self.starts) and self.starts[index] < end:
            return False
        return index == 0 or self.reach[index - 1] <= start
