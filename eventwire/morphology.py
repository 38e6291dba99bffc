"""Dictionary forms of inflected words, from the morphological analyser a language's `text.yaml` names
(`morphology: pymorphy3`: pymorphy3 with the `pymorphy3-dicts-<language>` dictionary, for Ukrainian and
Russian). Languages without one get no forms here (their places rules keep their suffix rules).

A name is put in the nominative with its gender and number kept ("Новій Каховці" -> "Нова Каховка",
"Черкасах" -> "Черкаси", "Кропивницком" -> "Кропивницкий"), one form per distinct analysis: the
gazetteer decides which of them is a place. The analyser is loaded on the first word it is asked about
(about 0.1 s), and each word's forms are remembered.
"""

from __future__ import annotations

import itertools
from functools import cache, lru_cache
from typing import Any

from .lexicon import lexicon

MAX_PHRASE_FORMS = 8  # readings of a phrase tried in the gazetteer, at most (each word's readings multiply)


NOMINATIVE = frozenset({"nomn"})


AGREEING = frozenset({"ADJF", "PRTF"})  # words that agree with their noun: adjectives and participles


@cache
def analyser(language: str) -> Any | None:
    """The language's morphological analyser (None where its text.yaml names none)."""
    if lexicon(language).text.morphology != "pymorphy3":
        return None
    import pymorphy3  # imported on first use: start-up stays cheap for the other languages

    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=100_000)
def nominatives(word: str, language: str) -> tuple[str, ...]:
    """The word in the nominative, with the gender and number of each of its analyses, most likely first;
    () where the language has no analyser or the word is in the nominative in every analysis."""
    morph = analyser(language)
    if morph is None:
        return ()
    forms: dict[str, None] = {}
    for parse in morph.parse(word):
        if "nomn" in parse.tag:
            forms.setdefault(word.casefold(), None)
        elif parse.tag.POS not in AGREEING:  # a noun's dictionary form is its nominative ("Черкаси": plural)
            forms.setdefault(parse.normal_form, None)
        else:  # an adjective keeps its gender and number ("Новій" -> "нова"), or gives its dictionary form
            inflected = parse.inflect(NOMINATIVE)
            forms.setdefault(parse.normal_form if inflected is None else inflected.word, None)
    if list(forms) == [word.casefold()]:
        return ()
    return tuple(forms)


def _word_readings(word: str, language: str) -> tuple[str, ...]:
    """A word's nominatives; of a hyphenated word, each part's, joined again ("Білгорода-Дністровського")."""
    per_part = [nominatives(part, language) or (part.casefold(),) for part in word.split("-")]
    return tuple("-".join(combo) for combo in itertools.islice(itertools.product(*per_part), MAX_PHRASE_FORMS))


@lru_cache(maxsize=100_000)
def phrase_nominatives(phrase: str, language: str) -> tuple[str, ...]:
    """A name of one or more capitalised words in the nominative (each word put in the nominative as it is
    analysed; at most MAX_PHRASE_FORMS combinations, the likeliest first); () where nothing changes, a word
    is not capitalised or the language has no analyser."""
    if analyser(language) is None or not all(word[:1].isupper() for word in phrase.split()):
        return ()  # a name is capitalised word by word ("Нова Каховка"), or it is not one
    readings = [_word_readings(word, language) for word in phrase.split()]
    written = " ".join(phrase.split()).casefold()
    combos = (" ".join(combo) for combo in itertools.product(*readings))
    return tuple(form for form in itertools.islice(combos, MAX_PHRASE_FORMS) if form != written)
