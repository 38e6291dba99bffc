"""A pattern scanned once over a whole report gives each sentence or clause what scanning it alone gives."""

from __future__ import annotations

import random
import re

import pytest

from eventwire.text import (
    _CASE_UNSAFE,
    TWIN_LIMIT,
    Quiet,
    TextMatches,
    case_twin,
    clean_edges,
    guard_prefixes,
    lowered,
)
from eventwire.trie import trie_pattern

PHRASES = ["missile strike", "strike", "shelled", "обстріл*", "трок* ... binnen", "drone*", "l'attaque", "sił"]
TEXTS = [
    "A missile strike hit Kharkiv; the town was shelled. Drones, missile strikes and more shelling.",
    "Обстріли тривали. Стався ОБСТРІЛ, потім trokken ze de stad binnen, dronestrike: L’attaque.",
    "Żołnierze SIŁ zbrojnych; STRIKE! İstanbul ſtrike, ΣΤΡΙΚΕ missile\u212a strike and MISSILE  STRIKE.",
]


def safe_characters() -> list[str]:
    return [chr(code) for code in range(0x2200) if not _CASE_UNSAFE.match(chr(code))]


def test_case_safe_characters_fold_as_lower_does() -> None:
    """The premise of `lowered` and `case_twin`: on the case-safe characters, `re.IGNORECASE` equals
    comparing `str.lower`, and lower-casing keeps a character a word character, a space or a digit."""
    chars = safe_characters()
    for char in chars:
        assert len(char.lower()) == 1
        for category in (r"\w", r"\s", r"\d"):
            assert bool(re.match(category, char)) == bool(re.match(category, char.lower())), char
    for letter in (c for c in chars if c == c.lower()):
        pattern = re.compile(re.escape(letter), re.IGNORECASE)
        assert [c for c in chars if pattern.fullmatch(c)] == [c for c in chars if c.lower() == letter], letter


def test_unsafe_text_is_not_lowered() -> None:
    assert lowered("Kharkiv, Харків") == "kharkiv, харків"
    assert lowered("İstanbul") is None
    assert lowered("ſtrike") is None


def test_case_twin_only_for_lower_case_insensitive_patterns() -> None:
    assert case_twin(trie_pattern(PHRASES)) is not None
    assert case_twin(re.compile("Strike", re.IGNORECASE)) is None
    assert case_twin(re.compile("strike")) is None


@pytest.mark.parametrize("text", TEXTS)
def test_pieces_match_as_scanned_alone(text: str) -> None:
    pattern = trie_pattern(PHRASES)
    pieces = [(a, b) for a in range(len(text)) for b in range(a + 1, len(text) + 1)]
    for start, end in pieces:  # every piece, in text order or not, with clean edges or cutting words
        alone = [(start + m.start(), start + m.end()) for m in pattern.finditer(text[start:end])]
        for lower in (None, lowered(text)):
            matches = TextMatches(pattern, text, lower)
            clean = clean_edges(text, start, end)
            assert matches.within(start, end, clean) == alone
            assert matches.found_in(start, end, clean) == bool(alone)
    for order in (pieces, pieces[::-1]):  # one reader, pieces in order of their start, then backwards
        scanned = TextMatches(pattern, text, lowered(text))
        for start, end in order:
            alone = [(start + m.start(), start + m.end()) for m in pattern.finditer(text[start:end])]
            assert scanned.within(start, end, clean_edges(text, start, end)) == alone


@pytest.mark.parametrize("text", TEXTS)
def test_one_scan_finds_what_each_pattern_finds(text: str) -> None:
    patterns = [trie_pattern(PHRASES), trie_pattern(["strike*", "missile"]), trie_pattern(["stad"]), trie_pattern([])]
    for lower in (None, lowered(text)):
        scanned = TextMatches.scan_all(patterns, text, lower)
        assert [found.spans for found in scanned] == [[m.span() for m in p.finditer(text)] for p in patterns]


def _big_phrases() -> list[str]:
    """Made-up words enough for a pattern bigger than `TWIN_LIMIT` (it is matched without a twin)."""
    rng = random.Random(7)
    made_up = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyzäöüßоб") for _ in range(7)) for _ in range(12_000)]
    return [*made_up, "shelling", "strikes", "STRIKE", "обстріли"]


@pytest.mark.parametrize("text", TEXTS)
def test_a_prefix_guard_finds_what_each_pattern_finds(text: str) -> None:
    """Tried only where one of its phrases can begin, each pattern finds what it finds alone: phrases
    with a space (any whitespace in the text), a wildcard first, an apostrophe, and a pattern too big
    for a case twin."""
    phrase_lists = [PHRASES, ["strike*", "missile  strike"], ["*ike", "stad"], [], _big_phrases()]
    patterns = [trie_pattern(phrases) for phrases in phrase_lists]
    assert len(patterns[-1].pattern) > TWIN_LIMIT
    prefixes = tuple(guard_prefixes(phrases) or () for phrases in phrase_lists)
    scanned = TextMatches.scan_all(patterns, text, lowered(text), prefixes)
    assert [found.spans for found in scanned] == [[m.span() for m in p.finditer(text)] for p in patterns]
    assert any(found.spans for found in scanned)


def test_guard_prefixes_say_how_phrases_begin() -> None:
    assert guard_prefixes(["Missile strike", "l'attaque", "a b", "обстріл*", "*тиме"]) == ("", "a", "l", "mis", "обс")
    assert guard_prefixes(["strike", "«quoted»"]) is None
    assert guard_prefixes(["... binnen"]) is None


@pytest.mark.parametrize("text", TEXTS)
def test_quiet_pieces_hold_no_match(text: str) -> None:
    scanned = TextMatches.scan_all([trie_pattern(PHRASES), trie_pattern(["the", "and"])], text, lowered(text))
    quiet = Quiet(scanned).quiet
    pieces = [(a, b) for a in range(len(text)) for b in range(a + 1, len(text) + 1)]
    assert any(quiet(*piece) for piece in pieces) and not all(quiet(*piece) for piece in pieces)
    for start, end in pieces:
        holds = [found.spans for found in scanned if any(s < end and start < e for s, e in found.spans)]
        assert quiet(start, end) == (not holds)
