"""One scan of a report for the date anchors and the number words, shared by the stages `dates`
and `numbers` (which therefore do not import each other)."""

from __future__ import annotations

from functools import cache

from ..text import SHORT_TEXT, WordScan, WordScanner, report_cache
from .date_words import date_lexicon
from .number_words import number_lexicon


@cache
def word_scanner(language: str) -> WordScanner:
    """The language layer's word patterns (date anchors, number phrases, words that start like a
    number word), found with one scan that also marks where a word begins with a digit: dates and
    numbers share it."""
    dates, numbers = date_lexicon(language), number_lexicon(language)
    return WordScanner.build(
        (
            (dates.anchors, dates.table),
            (numbers.phrase_pattern, [*numbers.phrases, *numbers.bounds]),
            (numbers.candidates, [*numbers.pieces, *numbers.parts]),
        ),
        also=r"\d",
    )


def word_scan(language: str, norm: str) -> WordScan:
    """Where, in normalised text, the date anchors, the number phrases and the words that start like
    a number word are (as each pattern's `finditer` would find them), and where a word begins with a
    digit; kept for a report's text."""
    return _word_scan(language, norm) if len(norm) < SHORT_TEXT else _word_scan_report(language, norm)


def _word_scan(language: str, norm: str) -> WordScan:
    return word_scanner(language).scan(norm)


_word_scan_report = report_cache(_word_scan)
