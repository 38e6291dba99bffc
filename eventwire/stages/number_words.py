"""A language's number words, compiled from `lexicon/<lang>/numbers.yaml`, and how they combine
("twenty five", "двадцять п'ять", "drie-ën-twintig"). Shared by the stages `numbers` and `dates`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import lexicon
from ..records import NumberKind
from ..text import compile_forms, normal_form, trie_pattern

HUNDRED = 100


@dataclass(frozen=True)
class NumberLexicon:
    pieces: dict[str, int]  # single-word forms: units, tens, hundreds, scales
    parts: dict[str, int]  # forms that only count inside a compound or after another number word
    scales: frozenset[int]
    connectors: tuple[str, ...]  # joiners inside a compound word or between number words
    candidates: re.Pattern[str]  # words that start like a number word
    phrases: dict[str, tuple[int, NumberKind]]  # vague and multi-word forms
    scale_after: re.Pattern[str]  # a scale word right after digits ("30 тисяч", "1,5 million")
    bounds: dict[str, NumberKind]  # qualifier form -> the kind of count it makes
    phrase_pattern: re.Pattern[str]  # vague counts, multi-word forms and qualifiers, in one pass


def _forms(table: dict[int, tuple[str, ...]]) -> dict[str, int]:
    return {normal_form(f): value for value, forms in table.items() for f in forms}


@cache
def number_lexicon(language: str) -> NumberLexicon:
    data = lexicon(language).numbers
    words = {**_forms(data.units), **_forms(data.tens), **_forms(data.hundreds)}
    scales = _forms(data.scales)
    vague = _forms(data.vague)
    pieces = {f: v for f, v in {**words, **scales}.items() if " " not in f}
    parts = {f: v for f, v in _forms(data.parts).items() if f not in pieces}
    multi = {f: (v, NumberKind.EXACT) for f, v in words.items() if " " in f}
    multi.update({f: (v, NumberKind.VAGUE) for f, v in vague.items()})
    connectors = tuple(sorted({normal_form(c) for c in data.connectors} | {"-"}, key=len, reverse=True))
    bounds: dict[str, NumberKind] = {}
    for key, kind in (
        ("approximate", NumberKind.APPROXIMATE),
        ("at_least", NumberKind.AT_LEAST),
        ("at_most", NumberKind.AT_MOST),  # a form in several lists ("до") takes the last
    ):
        bounds.update({normal_form(f): kind for f in getattr(data, key)})
    starts = [f for f in {**pieces, **parts} if f[:1].isalpha()]
    return NumberLexicon(
        pieces=pieces,
        parts=parts,
        scales=frozenset(scales.values()),
        connectors=connectors,
        candidates=re.compile(r"(?<![\w'])(?:" + trie_pattern(starts) + r")[\w'-]*"),
        phrases=multi,
        scale_after=re.compile(r"[\s\u00a0\u202f]+(?:" + trie_pattern(scales) + r")(?!\w)"),
        bounds=bounds,
        phrase_pattern=compile_forms([*multi, *bounds]),
    )


def combine(values: list[tuple[int, bool]], scales: frozenset[int]) -> int | None:
    """The number a sequence of number-word values makes, or None if they do not form one number.

    Each value comes with whether a connector joined it to the one before ("drie-ën-twintig")."""
    total = current = last = 0
    for value, joined in values:
        if value in scales:
            if current == 0 and total:
                return None
            total += (current or 1) * value
            current, last = 0, value
        elif value == HUNDRED:
            if 0 < current < 10:
                current *= HUNDRED
            elif current == 0:
                current = HUNDRED
            else:
                return None
            last = value
        elif _adds(current, last, value, joined):
            current, last = current + value, value
        else:
            return None
    return total + current


def _adds(current: int, last: int, value: int, joined: bool) -> bool:
    """Whether a value below a hundred adds to the number being read."""
    if current == 0 or last >= HUNDRED:  # the first word, or after "honderd", "thousand"
        return True
    if last >= 20 and last % 10 == 0 and value < 20:  # twenty five, vingt-trois, soixante-dix-sept
        return True
    return last < 10 and joined and value >= 20 and value % 10 == 0  # drie-ën-twintig, drei-und-zwanzig
