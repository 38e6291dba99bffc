"""A `PhraseIndex` finds what the trie pattern of the same phrases finds, without compiling it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventwire.lexicon import languages, lexicon
from eventwire.phrase_index import LOOKUP_ABOVE, GapPhrases, PhraseIndex, PhraseSet, gap_parts, phrase_matcher
from eventwire.text import TextMatches, guard_prefixes, lowered, normalize
from eventwire.trie import trie_pattern

ROOT = Path(__file__).resolve().parent.parent
PHRASES = [
    "missile strike",
    "missile strikes",
    "missile",
    "strike",
    "shelled",
    "fpv-дрон",
    "fpv",
    "обстріл*",
    "ракетний удар",
    "trok* ... binnen",
    "l'attaque",
    "sił",
    "*-камікадзе",
]
TEXTS = [
    "A missile strike hit Kharkiv; the town was shelled. Missile strikes, missiles and MISSILE \n STRIKE.",
    "FPV-дрон, fpv-дрони, FPV і дрони-камікадзе. Обстріли тривали; ракетний удар, ракетний ударник.",
    "Trokken ze de stad binnen? L’attaque: SIŁ, siła, strikes, striker, shelledx, xshelled.",
    "",
    "missile",
]


def spans_of_pattern(phrases: list[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in trie_pattern(phrases).finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_the_index_finds_what_the_pattern_finds(text: str) -> None:
    assert list(PhraseIndex(PHRASES).spans(text)) == spans_of_pattern(PHRASES, text)


def test_the_longest_phrase_wins_and_whitespace_runs_count_as_one_space() -> None:
    index = PhraseIndex(PHRASES)
    text = "MISSILE \n STRIKES today"
    assert [text[a:b] for a, b in index.spans(text)] == ["MISSILE \n STRIKES"]
    assert index.search("the shelled town") and not index.search("the unshelled town")


def test_a_phrase_is_found_on_word_boundaries_only() -> None:
    index = PhraseIndex(["fpv-дрон", "удар"])
    assert list(index.spans("fpv-дрони і ударник")) == []
    assert list(index.spans("fpv-дрон, удар.")) == [(0, 8), (10, 14)]


@pytest.mark.parametrize("text", TEXTS)
def test_one_scan_with_an_index_gives_what_it_gives_with_the_pattern(text: str) -> None:
    prefixes = guard_prefixes(PHRASES)
    assert prefixes is not None
    lower = lowered(text)
    if lower is None:
        pytest.skip("a case-unsafe text is matched without a guard")
    with_index = TextMatches.scan_all([PhraseIndex(PHRASES)], text, lower, (prefixes,))
    with_pattern = TextMatches.scan_all([trie_pattern(PHRASES)], text, lower, (prefixes,))
    assert with_index[0].spans == with_pattern[0].spans
    for start, end in ((0, len(text) // 2), (len(text) // 3, len(text))):
        assert with_index[0].within(start, end, False) == with_pattern[0].within(start, end, False)


def our_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "eventwire" / "samples").glob("*.txt"))]
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if isinstance(record, dict) and isinstance(record.get("text"), str):
                texts.append(record["text"])
    return texts


@pytest.mark.parametrize("language", languages())
def test_every_trigger_phrase_of_a_language_is_found_as_the_pattern_finds_it(language: str) -> None:
    """The whole trigger vocabulary of each language, over every text we wrote: the same matches."""
    data = lexicon(language).triggers
    phrases = [form for forms in data.events.values() for form in forms] + list(data.attacks + data.killings)
    index, pattern = PhraseIndex(phrases), trie_pattern(phrases)
    texts = our_texts()
    assert len(texts) > 100
    for text in texts:
        assert list(index.spans(text)) == [m.span() for m in pattern.finditer(text)]
        normal = normalize(text)
        for start in (m.start() for m in pattern.finditer(text)):
            assert index.match_at(text, normal, start) == pattern.match(text, start).span()  # type: ignore[union-attr]


def test_only_a_big_vocabulary_is_looked_up() -> None:
    assert not isinstance(phrase_matcher(PHRASES), PhraseIndex)
    many = [f"word{number}" for number in range(LOOKUP_ABOVE + 1)]
    matcher = phrase_matcher(many)
    assert isinstance(matcher, PhraseIndex)
    assert list(matcher.spans("a word17 and word170000")) == [(2, 8)]


GAP_PHRASES = [
    "shelled ... village",
    "shelled ... village school",
    "shelled the ... town",
    "обстріляли ... село",
    "обстріляли ... селище",
    "drove ... out",
    "set up ... post",
]
GAP_TEXTS = [
    "They shelled the village. They shelled, at dawn, the old village school; shelled the new town.",
    "Shelled one two three four five village; shelled one two three four five six village.",
    "Вони обстріляли вночі село, потім обстріляли ще одне селище і село.",
    "drove them out of town; set   up a post; set up, briefly, a post; drove the outlaws",
    "shelled the villagers; shelled\nthe\nvillage",
]


def test_gap_phrases_are_read_into_their_parts() -> None:
    assert gap_parts("set up ... post") == (("set", "up"), ("post",))
    assert gap_parts("обстріл* ... село") is None  # a stem stays a pattern
    assert gap_parts("shelled village") is None
    assert gap_parts("... village") is None


@pytest.mark.parametrize("text", GAP_TEXTS)
def test_gap_phrases_are_found_as_the_pattern_finds_them(text: str) -> None:
    index, pattern = PhraseIndex(GAP_PHRASES), trie_pattern(GAP_PHRASES)
    assert index.rest is None and index.gaps.pairs
    assert list(index.spans(text)) == [m.span() for m in pattern.finditer(text)]
    normal = normalize(text)
    for word in re.finditer(r"(?<!\w)\w", text):
        found = pattern.match(text, word.start())
        assert index.match_at(text, normal, word.start()) == (found.span() if found else None)


@pytest.mark.parametrize("text", GAP_TEXTS)
def test_a_found_phrase_is_one_of_the_gap_phrases_as_the_pattern_says(text: str) -> None:
    phrases = PhraseSet(tuple(GAP_PHRASES))
    gaps = GapPhrases(parts for p in GAP_PHRASES if (parts := gap_parts(p)) is not None)
    pattern = trie_pattern(GAP_PHRASES)
    words = [m.span() for m in re.finditer(r"\w+", text)]
    for first, (start, _) in enumerate(words):
        for _, end in words[first : first + 9]:
            piece = text[start:end]
            expected = pattern.fullmatch(piece) is not None
            assert phrases.fullmatch(piece) == expected, piece
            assert gaps.fullmatch(normalize(piece)) == expected, piece


@pytest.mark.parametrize("text", TEXTS)
def test_a_found_phrase_is_one_of_the_phrases_with_stems_as_the_pattern_says(text: str) -> None:
    phrases = PhraseSet(tuple(PHRASES))
    pattern = trie_pattern(PHRASES)
    words = [m.span() for m in re.finditer(r"\w+", text)]
    for first, (start, _) in enumerate(words):
        for _, end in words[first : first + 4]:
            piece = text[start:end]
            assert phrases.fullmatch(piece) == (pattern.fullmatch(piece) is not None), piece


@pytest.mark.parametrize("language", ["uk", "pl"])
def test_the_aliases_of_actors_are_told_apart_as_their_patterns_tell_them(language: str) -> None:
    """Every alias with a stem, and each with its ending changed, is given to the same actors by the
    phrase set as by a pattern of each actor's aliases."""
    aliases = lexicon(language).actors.aliases
    pieces = {
        alias.replace("*", ending)
        for forms in aliases.values()
        for alias in forms
        if "*" in alias
        for ending in ("", "ами", "у", "x")
    }
    for forms in aliases.values():
        phrases, pattern = PhraseSet(tuple(forms)), trie_pattern(forms)
        for piece in pieces:
            assert phrases.fullmatch(piece) == (pattern.fullmatch(piece) is not None), piece
