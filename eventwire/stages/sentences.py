"""Stage `sentences`: sentence and clause boundaries with character offsets."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ..doc import Doc
from ..lexicon import lexicon, phrases
from ..records import Sentence
from ..text import fold

# A sentence ends at . ! ? … (optionally followed by closing quotes) before whitespace, or at a blank line.
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”»)]*\s+|\n\s*\n|\n(?=\S)")
_CLAUSE = re.compile(r"[,;:–—]\s+|\s+[-–—]\s+")
_LAST_WORD = re.compile(r"(\S+)$")


@cache
def _abbreviations(language: str) -> frozenset[str]:
    return frozenset(fold(a) for a in phrases(lexicon(language).text.get("abbreviations")))


def _clauses(text: str, offset: int) -> tuple[tuple[int, int], ...]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _CLAUSE.finditer(text):
        bounds.append((offset + start, offset + match.start()))
        start = match.end()
    bounds.append((offset + start, offset + len(text)))
    return tuple(b for b in bounds if b[1] > b[0])


def sentence_spans(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = _LAST_WORD.search(text, start, match.start())
        if before and "\n" not in match.group(0) and fold(before.group(1)) in abbreviations:
            continue
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def split_sentences(doc: Doc) -> Doc:
    text = doc.text
    spans = sentence_spans(text, _abbreviations(doc.language))
    sentences = tuple(Sentence(s, e, text[s:e], _clauses(text[s:e], s)) for s, e in spans)
    return replace(doc, sentences=sentences)
