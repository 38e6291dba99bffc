"""Text helpers shared by the stages: lexicon phrase patterns and word offsets.

Lexicon phrases are plain words with two conveniences, documented in
docs/lexicons.md: a `*` in a word matches any letters ("raketaanval*" matches
"raketaanvallen", "дрон*-камікадзе" matches "дронами-камікадзе"), and a lone `...` allows up to five words in between
(Dutch and German separable verbs: "trok* ... binnen").
"""

from __future__ import annotations

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
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(overlaps(span, other) for other in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)
