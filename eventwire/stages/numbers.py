"""Stage `numbers`: counts written in digits or words, with bounds and vague amounts kept."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..doc import Doc
from ..lexicon import lexicon, phrases
from ..records import NumberKind, NumberMention, Span
from ..text import compile_phrases, fold

_DIGITS = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:(?P<sep>[.,\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*|\d+(?:[.,]\d+)?)(?![\d]|[.,]\d)"
)
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class NumberLexicon:
    words: dict[str, int]  # units, tens and hundreds
    scales: dict[str, int]
    vague: dict[str, int]
    bounds: tuple[tuple[re.Pattern[str], NumberKind], ...]


@cache
def number_lexicon(language: str) -> NumberLexicon:
    data = lexicon(language).numbers
    words: dict[str, int] = {}
    for kind in ("units", "tens", "hundreds"):
        for value, forms in (data.get(kind) or {}).items():
            words.update({fold(f): int(value) for f in phrases(forms)})
    scales = {fold(f): int(v) for v, forms in (data.get("scales") or {}).items() for f in phrases(forms)}
    vague = {fold(f): int(v) for v, forms in (data.get("vague") or {}).items() for f in phrases(forms)}
    bounds = tuple(
        (re.compile(rf"(?:{compile_phrases(phrases(data.get(key))).pattern})\s*$", re.IGNORECASE), kind)
        for key, kind in (
            ("approximate", NumberKind.APPROXIMATE),
            ("at_least", NumberKind.AT_LEAST),
            ("at_most", NumberKind.AT_MOST),
        )
        if data.get(key)
    )
    return NumberLexicon(words, scales, vague, bounds)


def parse_digits(text: str) -> float:
    compact = re.sub(r"[\u00a0\u202f ]", "", text)
    if re.fullmatch(r"\d{1,3}([.,])\d{3}(\1\d{3})*", compact):
        return float(re.sub(r"[.,]", "", compact))
    return float(compact.replace(",", "."))


def _bound(text: str, start: int, lex: NumberLexicon) -> NumberKind:
    before = text[max(0, start - 30) : start]
    for pattern, kind in lex.bounds:
        if pattern.search(before):
            return kind
    return NumberKind.EXACT


def _word_numbers(text: str, lex: NumberLexicon) -> list[tuple[int, int, float, bool]]:
    """Runs of number words ("twenty five", "двадцять п'ять", "vingt-trois") as (start, end, value, vague)."""
    found: list[tuple[int, int, float, bool]] = []
    run: list[re.Match[str]] = []
    total = 0.0
    current = 0.0

    def close() -> None:
        nonlocal run, total, current
        if run:
            found.append((run[0].start(), run[-1].end(), total + current, False))
        run, total, current = [], 0.0, 0.0

    for match in _WORD.finditer(text):
        word = fold(match.group(0))
        parts = word.split("-") if "-" in word else [word]
        values = [lex.words.get(p) for p in parts]
        if all(v is not None for v in values) and values:
            if run and text[run[-1].end() : match.start()].strip(" -") not in ("", "en", "and", "und", "et", "і", "и"):
                close()
            for value in values:
                current += value  # type: ignore[operator]
            run.append(match)
        elif word in lex.scales and run:
            total += (current or 1) * lex.scales[word]
            current = 0.0
            run.append(match)
        else:
            close()
            if word in lex.vague:
                found.append((match.start(), match.end(), float(lex.vague[word]), True))
    close()
    return found


def find_number_mentions(text: str, language: str) -> list[NumberMention]:
    lex = number_lexicon(language)
    mentions: list[NumberMention] = []
    for match in _DIGITS.finditer(text):
        value = parse_digits(match.group(0))
        end = match.end()
        following = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
        if following and fold(following.group(0)) in lex.scales:
            value *= lex.scales[fold(following.group(0))]
            end = following.end()
        kind = _bound(text, match.start(), lex)
        mentions.append(NumberMention(Span(match.start(), end, text[match.start() : end]), int(value), kind))
    for start, end, value, vague in _word_numbers(text, lex):
        kind = NumberKind.VAGUE if vague else _bound(text, start, lex)
        mentions.append(NumberMention(Span(start, end, text[start:end]), int(value), kind))
    return sorted(mentions, key=lambda m: m.span.start)


def find_numbers(doc: Doc) -> Doc:
    return replace(doc, numbers=tuple(find_number_mentions(doc.text, doc.language)))
