"""Counts in seven languages, from a table written by us (tests/cases/numbers.py)."""

from __future__ import annotations

import pytest

from eventwire.records import NumberKind
from eventwire.stages.numbers import combine, find_number_mentions, number_lexicon

from .cases.numbers import NUMBERS

CASES = [(lang, *case) for lang, cases in NUMBERS.items() for case in cases]
IDS = [f"{lang}-{index:02d}" for lang, cases in NUMBERS.items() for index in range(len(cases))]


@pytest.mark.parametrize(("language", "text", "words", "value", "kind"), CASES, ids=IDS)
def test_count(language, text, words, value, kind):
    mentions = find_number_mentions(text, language)
    for mention in mentions:
        assert text[mention.span.start : mention.span.end] == mention.span.text
    if words is None:
        assert mentions == []
        return
    found = [(m.span.text, m.value, m.kind) for m in mentions]
    assert found == [(words, value, NumberKind(kind))]


def test_each_language_has_at_least_25_cases():
    assert all(len(cases) >= 25 for cases in NUMBERS.values())


def test_offsets_are_kept_inside_a_sentence():
    text = "De gouverneur: meer dan 30.000 soldaten en drieëntwintig doden."
    mentions = find_number_mentions(text[15:], "nl", offset=15)
    assert [(m.span.start, m.span.end) for m in mentions] == [(24, 30), (43, 56)]
    assert [text[m.span.start : m.span.end] for m in mentions] == ["30.000", "drieëntwintig"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([(20, False), (5, False)], 25),
        ([(3, False), (20, True)], 23),
        ([(3, False), (20, False)], None),  # "drie twintig" is two numbers, not one
        ([(7, False), (8, False)], None),
        ([(2, False), (100, False), (3, False), (20, True)], 223),
        ([(2, False), (1000, False), (5, False)], 2005),
        ([(20, False), (30, False)], None),
    ],
)
def test_number_words_combine_by_rule_not_by_language(values, expected):
    assert combine(values, frozenset({1000, 1000000})) == expected


@pytest.mark.parametrize("language", ["nl", "en", "uk", "ru", "de", "fr", "pl"])
def test_every_language_reads_twenty_one_in_words(language):
    lexicon = number_lexicon(language)
    assert lexicon.pieces and lexicon.scales >= {1000, 1000000}
