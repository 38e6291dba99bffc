"""Stage `sentences`: sentence and clause boundaries, and tokens, with character offsets.

A full stop after a language's abbreviation ("dhr.", "ім.", "г.", "Nr.", "St."), after an initial
("J. Smith"), after a day number before a month ("am 3. Oktober") or before a lower-case word does
not end a sentence. A sentence that is mostly a quote in another language than the report's gets
that language (`Sentence.language`), so numbers and dates in it are read with the right words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cache

from ..doc import Doc
from ..lexicon import lexicon
from ..records import Sentence, Span
from ..text import char_positions, matches_at, normal_form, normalize, trie_pattern
from .language import QUOTE_MARKS, sentence_language

# A sentence ends at . ! ? … (optionally followed by closing quotes) before whitespace, or at a line break.
_BOUNDARY = re.compile(r"(?P<stop>[.!?…][\"'”»)]*)\s+|\n\s*\n|\n(?=\S)")
_BOUNDARY_FIRST = ".!?…\n"  # every boundary begins with one of these
_CLAUSE = re.compile(r"[,;:–—]\s+|\s[-–—]\s+")
_CLAUSE_FIRST = ",;:–—"  # a clause break begins with one of these, or with the space before a dash
_DASHES = "-–—"
_MONTH_WORD = re.compile(r"\w+")
_LEADING = "([{\"'«„“‘"
_TOKEN_TAIL = r"|\d+(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?|\w+(?:['’ʼ-]\w+)*|[^\w\s]"


@dataclass(frozen=True)
class TextLexicon:
    abbreviations: frozenset[str]
    months: frozenset[str]
    token: re.Pattern[str]
    longest_abbreviation: int


@cache
def text_lexicon(language: str) -> TextLexicon:
    data = lexicon(language)
    abbreviations = [normal_form(a) for a in data.text.abbreviations]
    contractions = [normal_form(c) for c in data.text.contractions]
    months = [normal_form(f) for forms in data.dates.months.values() for f in forms]
    special = trie_pattern(abbreviations + contractions)
    return TextLexicon(
        abbreviations=frozenset(abbreviations),
        months=frozenset(m.rstrip(".") for m in months),
        token=re.compile(rf"(?<!\w)(?:{special})(?!\w)" + _TOKEN_TAIL),
        longest_abbreviation=max(map(len, abbreviations), default=0),
    )


def tokens(text: str, language: str, offset: int = 0) -> list[Span]:
    """Words, numbers ("30.000", "1,5"), abbreviations ("dhr.", "ім."), contractions ("z'n") and
    punctuation, each with its offsets in the report."""
    norm = normalize(text)
    pattern = text_lexicon(language).token
    return [Span(offset + m.start(), offset + m.end(), text[m.start() : m.end()]) for m in pattern.finditer(norm)]


def _ends_sentence(text: str, start: int, stop: int, after: int, lex: TextLexicon) -> bool:
    """Whether the punctuation before `stop` ends a sentence (the next one would begin at `after`)."""
    if text[stop - 1] != ".":
        return True
    if text[after : after + 1].islower():
        return False
    space = text.rfind(" ", start, stop)
    cut = max(space, text.rfind("\n", max(space, start), stop), start - 1) + 1  # where the last word begins
    last = text[cut:stop].lstrip(_LEADING)
    if len(last) == 2 and last[0].isupper():  # an initial: "J. Smith"
        return False
    # (normalising keeps the length, so a word longer than every abbreviation is none of them)
    if len(last) <= lex.longest_abbreviation and normalize(last) in lex.abbreviations:
        return False
    if last[:-1].isdigit() and len(last) <= 3:  # "am 3. Oktober"
        word = _MONTH_WORD.match(normalize(text[after : after + 20]))
        return not (word and word.group(0) in lex.months)
    return True


def sentence_spans(text: str, language: str) -> list[tuple[int, int]]:
    lex = text_lexicon(language)
    spans: list[tuple[int, int]] = []
    start = 0
    for match in matches_at(_BOUNDARY, text, char_positions(text, _BOUNDARY_FIRST)):
        stop_start, stop = match.span("stop")  # (-1, -1) at a line break
        if stop_start < 0:
            stop = mark = match.start()
        else:
            mark = stop_start + 1
        if "\n" not in match.group(0) and not _ends_sentence(text, start, mark, match.end(), lex):
            continue
        if stop > start:
            spans.append((start, stop))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if not text[s].isspace() or not text[s:e].isspace()]


def _clause_cuts(text: str) -> list[tuple[int, int]]:
    """The clause separators of the whole text, as (start, end)."""
    starts = char_positions(text, _CLAUSE_FIRST)
    before_dashes = [p - 1 for p in char_positions(text, _DASHES) if p]
    if before_dashes:
        starts = sorted({*starts, *before_dashes})
    return [(m.start(), m.end()) for m in matches_at(_CLAUSE, text, starts)]


def _clauses(cuts: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[tuple[tuple[int, int], ...]]:
    """Clause bounds of each sentence (in order) from the clause separators of the whole text (in order)."""
    found: list[tuple[tuple[int, int], ...]] = []
    index, count = 0, len(cuts)
    for start, end in spans:
        while index < count and cuts[index][0] < start:
            index += 1
        if index == count or cuts[index][1] > end:  # no separator inside: one clause
            found.append(((start, end),) if end > start else ())
            continue
        bounds: list[tuple[int, int]] = []
        begin = start
        while index < count and cuts[index][1] <= end:
            bounds.append((begin, cuts[index][0]))
            begin = cuts[index][1]
            index += 1
        bounds.append((begin, end))
        found.append(tuple(b for b in bounds if b[1] > b[0]))
    return found


def split_sentences(doc: Doc) -> Doc:
    text = doc.text
    spans = sentence_spans(text, doc.language)
    quotes = char_positions(text, QUOTE_MARKS)
    sentences = []
    for (start, end), clauses in zip(spans, _clauses(_clause_cuts(text), spans), strict=True):
        piece = text[start:end]
        language = doc.language
        if quotes:
            index = bisect.bisect_left(quotes, start)
            if index < len(quotes) and quotes[index] < end:
                language = sentence_language(piece, doc.language)
        sentences.append(Sentence(start, end, piece, clauses, "" if language == doc.language else language))
    return replace(doc, sentences=tuple(sentences))
