"""Stage `numbers`: counts written in digits or words, with bounds and vague amounts kept.

Everything a language knows about its numbers is in `lexicon/<lang>/numbers.yaml`: the words for
units, tens, hundreds and scales, the pieces that only occur inside a compound ("ein" in
"einundzwanzig"), the connectors that join pieces ("en"/"ën", "und", "et", "and"), vague counts
with ACLED's values, and the qualifiers that make a count approximate or a bound. The engine only
knows how number words combine: tens then units ("twenty five", "двадцять п'ять", "vingt-trois"),
units joined to tens ("drieëntwintig", "dreiundzwanzig"), hundreds multiply ("tweehonderd",
"deux cents") and scales multiply what came before ("drie duizend", "1,5 миллиона").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from ..doc import Doc
from ..records import NumberKind, NumberMention, Span
from ..text import (
    drop_overlapping_bounds,
    matches_at,
    normalize,
)
from .number_words import NumberLexicon, combine, number_lexicon
from .word_scan import word_scan

# Digits, with any grouping of thousands ("30.000", "30,000", "30 000", "30'000") or a decimal part ("1,5").
_DIGITS = re.compile(
    r"\d(?<![\w.,]\d)(?:\d{0,2}(?:(?P<sep>[.,\u00a0\u202f '])\d{3})(?:(?P=sep)\d{3})*|\d*(?:[.,]\d+)?)(?!\d|[.,]\d)"
)
_GROUPED = re.compile(r"\d{1,3}([.,'])\d{3}(\1\d{3})*")
_SPACES = re.compile(r"[\u00a0\u202f ]")
BOUND_WINDOW = 4  # spaces allowed between a qualifier ("more than", "circa") and its count


def parse_digits(text: str) -> float:
    if text.isdecimal():  # digits only (what `\d` matches), the usual case
        return float(text)
    compact = _SPACES.sub("", text)
    if _GROUPED.fullmatch(compact):
        return float(re.sub(r"[.,']", "", compact))
    return float(compact.replace(",", "."))


@lru_cache(maxsize=8192)
def _segment(word: str, language: str) -> tuple[tuple[int, bool], ...] | None:
    """A word cut into number pieces and connectors ("drieëntwintig" -> drie, ën, twintig), or None."""
    lex = number_lexicon(language)
    known = {**lex.parts, **lex.pieces}
    longest = max((len(f) for f in known), default=0)

    def cut(position: int, joined: bool) -> tuple[tuple[int, bool], ...] | None:
        if position == len(word):
            return () if not joined else None
        for size in range(min(longest, len(word) - position), 0, -1):
            value = known.get(word[position : position + size])
            if value is not None:
                rest = cut(position + size, False)
                if rest is not None:
                    return ((value, joined), *rest)
        if position:
            for connector in lex.connectors:
                if word.startswith(connector, position) and not joined:
                    rest = cut(position + len(connector), True)
                    if rest is not None:
                        return rest
        return None

    pieces = cut(0, False)
    if not pieces or (len(pieces) == 1 and word in lex.parts):
        return None
    return pieces if combine(list(pieces), lex.scales) is not None else None


def _word_runs(
    norm: str, candidates: Iterable[tuple[int, int]], lex: NumberLexicon, language: str
) -> list[tuple[int, int, int]]:
    """Runs of number words as (start, end, value): "twenty five", "двадцять п'ять", "drie duizend",
    from the `candidates` (the words that start like a number word)."""
    found: list[tuple[int, int, int]] = []
    run: list[tuple[int, int, tuple[tuple[int, bool], ...]]] = []

    def close() -> None:
        if run:
            values = [v for *_, pieces in run for v in pieces]
            found.append((run[0][0], run[-1][1], combine(values, lex.scales) or 0))
            run.clear()

    for start, stop in candidates:
        word = norm[start:stop].rstrip("-'")
        end = start + len(word)
        pieces = _segment(word, language)
        if pieces is None:
            if run and word in lex.parts and _gap_joins(norm[run[-1][1] : start], lex):
                pieces = ((lex.parts[word], True),)
            else:
                close()
                continue
        if run:
            joined = _gap_joins(norm[run[-1][1] : start], lex)
            if joined is None:
                close()
            else:
                values = [v for *_, p in run for v in p] + [(pieces[0][0], joined), *pieces[1:]]
                if combine(values, lex.scales) is None:
                    close()
                elif joined:
                    pieces = ((pieces[0][0], True), *pieces[1:])
        if not run and len(pieces) == 1 and pieces[0][0] in lex.scales and word in lex.phrases:
            continue  # "тисячі" on its own is a vague count, not a scale
        run.append((start, end, pieces))
    close()
    return found


def _gap_joins(gap: str, lex: NumberLexicon) -> bool | None:
    """Whether the text between two number words continues the number: None (it does not),
    False (only a space), True (a connector: "hundred and five", "vingt et un")."""
    stripped = gap.strip()
    if not stripped:
        return False if gap else None
    if stripped in lex.connectors and gap[0].isspace() and gap[-1].isspace():
        return True
    return None


def _bound(norm: str, start: int, qualifiers: dict[int, NumberKind]) -> NumberKind:
    """The kind a qualifier right before a count gives it ("more than 30,000", "circa 40.000")."""
    if not qualifiers:
        return NumberKind.EXACT
    end = start
    while end > 0 and norm[end - 1].isspace() and start - end < BOUND_WINDOW:
        end -= 1
    return qualifiers.get(end, NumberKind.EXACT)


def find_number_mentions(text: str, language: str, offset: int = 0) -> list[NumberMention]:
    """Counts in `text` (a report or one of its sentences starting at `offset`); of overlapping
    readings the longest wins ("дві тисячі" over the vague "тисячі")."""

    lex = number_lexicon(language)
    norm = normalize(text)
    found: list[tuple[int, int, int, NumberKind]] = []
    qualifiers: dict[int, NumberKind] = {}
    phrases: list[tuple[int, int, str]] = []
    scan = word_scan(language, norm)
    _, phrase_spans, candidates = scan.spans
    for start, end in phrase_spans:
        form = norm[start:end]
        if form not in lex.bounds and form not in lex.phrases:  # several spaces, a line break
            form = " ".join(form.split())
        if form in lex.bounds:
            qualifiers[end] = lex.bounds[form]
        if form in lex.phrases:
            phrases.append((start, end, form))
    digit_starts = [p for p in scan.positions if norm[p].isdecimal()]  # a count begins a word
    for match in matches_at(_DIGITS, text, digit_starts):
        value = parse_digits(match.group(0))
        end = match.end()
        scale = lex.scale_after.match(norm, end) if norm[end : end + 1].isspace() else None
        if scale:
            value *= _forms_value(lex, norm[scale.start() : scale.end()].strip())
            end = scale.end()
        found.append((match.start(), end, int(value), _bound(norm, match.start(), qualifiers)))
    for start, end, value in _word_runs(norm, candidates, lex, language):
        if value:
            found.append((start, end, value, _bound(norm, start, qualifiers)))
    for start, end, form in phrases:
        value, kind = lex.phrases[form]
        if kind is NumberKind.VAGUE and _qualifies_a_count(norm, end, lex, language):
            continue  # "some 40,000": a qualifier, not a count
        found.append((start, end, value, kind if kind is NumberKind.VAGUE else _bound(norm, start, qualifiers)))
    by_bounds = {(s, e): (v, k) for s, e, v, k in found}
    return [
        NumberMention(Span(offset + s, offset + e, text[s:e]), *by_bounds[s, e])
        for s, e in drop_overlapping_bounds(by_bounds)
    ]


def _forms_value(lex: NumberLexicon, form: str) -> int:
    return lex.pieces.get(" ".join(form.split()), 1)


def _qualifies_a_count(norm: str, end: int, lex: NumberLexicon, language: str) -> bool:
    """Whether a number follows right after (so a word like "some" or "rond de" qualifies it)."""
    start = end + len(norm[end : end + 3]) - len(norm[end : end + 3].lstrip())
    if norm[start : start + 1].isdigit():
        return True
    match = lex.candidates.match(norm, start)
    return bool(match and _segment(match.group(0).rstrip("-'"), language))


def find_numbers(doc: Doc) -> Doc:
    """Counts in the report; a sentence in another language (a quote) is read with that language's words."""
    others = [s for s in doc.sentences if s.language not in ("", doc.language)]
    mentions = find_number_mentions(doc.text, doc.language)
    for sentence in others:
        mentions = [m for m in mentions if not sentence.start <= m.span.start < sentence.end]
        mentions += find_number_mentions(sentence.text, sentence.language, sentence.start)
    if others:  # (the report's own mentions come in text order)
        mentions = sorted(mentions, key=lambda m: m.span.start)
    return replace(doc, numbers=tuple(mentions))
