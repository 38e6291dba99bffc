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
from ..lexicon import lexicon, phrases
from ..records import Sentence, Span
from ..text import normal_form, normalize, trie_pattern
from .language import sentence_language

# A sentence ends at . ! ? … (optionally followed by closing quotes) before whitespace, or at a line break.
_BOUNDARY = re.compile(r"(?P<stop>[.!?…][\"'”»)]*)\s+|\n\s*\n|\n(?=\S)")
_CLAUSE = re.compile(r"[,;:–—]\s+|\s[-–—]\s+")
_LEADING = "([{\"'«„“‘"
_TOKEN_TAIL = r"|\d+(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?|\w+(?:['’ʼ-]\w+)*|[^\w\s]"


@dataclass(frozen=True)
class TextLexicon:
    abbreviations: frozenset[str]
    months: frozenset[str]
    token: re.Pattern[str]


@cache
def text_lexicon(language: str) -> TextLexicon:
    data = lexicon(language)
    abbreviations = [normal_form(a) for a in phrases(data.text.get("abbreviations"))]
    contractions = [normal_form(c) for c in phrases(data.text.get("contractions"))]
    months = [normal_form(f) for forms in (data.dates.get("months") or {}).values() for f in phrases(forms)]
    special = trie_pattern(abbreviations + contractions)
    return TextLexicon(
        abbreviations=frozenset(abbreviations),
        months=frozenset(m.rstrip(".") for m in months),
        token=re.compile(rf"(?<!\w)(?:{special})(?!\w)" + _TOKEN_TAIL),
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
    cut = max(text.rfind(" ", start, stop), text.rfind("\n", start, stop), start - 1) + 1
    last = text[cut:stop].lstrip(_LEADING)
    folded = normalize(last)
    if folded in lex.abbreviations:
        return False
    if len(last) == 2 and last[0].isupper():  # an initial: "J. Smith"
        return False
    following = text[after : after + 1]
    if following.islower():
        return False
    if last[:-1].isdigit() and len(last) <= 3:  # "am 3. Oktober"
        word = re.match(r"\w+", normalize(text[after : after + 20]))
        return not (word and word.group(0) in lex.months)
    return True


def sentence_spans(text: str, language: str) -> list[tuple[int, int]]:
    lex = text_lexicon(language)
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        stop = match.end("stop") if match.group("stop") else match.start()
        mark = match.start("stop") + 1 if match.group("stop") else stop
        if "\n" not in match.group(0) and not _ends_sentence(text, start, mark, match.end(), lex):
            continue
        if stop > start:
            spans.append((start, stop))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _clauses(cuts: list[tuple[int, int]], start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Clause bounds of the sentence [start, end) from the clause separators of the whole text."""
    bounds: list[tuple[int, int]] = []
    index = bisect.bisect_left(cuts, (start, start))
    while index < len(cuts) and cuts[index][1] <= end:
        bounds.append((start, cuts[index][0]))
        start = cuts[index][1]
        index += 1
    bounds.append((start, end))
    return tuple(b for b in bounds if b[1] > b[0])


def split_sentences(doc: Doc) -> Doc:
    text = doc.text
    cuts = [(m.start(), m.end()) for m in _CLAUSE.finditer(text)]
    sentences = []
    for start, end in sentence_spans(text, doc.language):
        piece = text[start:end]
        language = sentence_language(piece, doc.language)
        clauses = _clauses(cuts, start, end)
        sentences.append(Sentence(start, end, piece, clauses, "" if language == doc.language else language))
    return replace(doc, sentences=tuple(sentences))
