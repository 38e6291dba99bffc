"""Text helpers shared by the stages: lexicon phrase patterns and word offsets.

Lexicon phrases are plain words with two conveniences, documented in
docs/lexicons.md: a `*` in a word matches any letters ("raketaanval*" matches
"raketaanvallen", "дрон*-камікадзе" matches "дронами-камікадзе"), and a lone `...` allows up to five words in between
(Dutch and German separable verbs: "trok* ... binnen").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .records import Span

WORD = re.compile(r"\w+(?:['’ʼ-]\w+)*")
_APOSTROPHES = "['’ʼ`]"
_GAP = r"(?:\W+\w+){0,5}?\W+"


def _word_pattern(word: str) -> str:
    pieces = [re.escape(piece).replace("'", _APOSTROPHES).replace("’", _APOSTROPHES) for piece in word.split("*")]
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
