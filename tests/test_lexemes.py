"""Lexemes (`word+`) in lexicon phrases: their forms come from the generated inflection tables."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.lexicon import inflections, languages, lexicon, load
from eventwire.lexicon.lexemes import MAX_FORMS_PER_PHRASE, expand_phrase, lexeme, lexemes_in, phrases_of
from eventwire.lexicon.models import LexiconError
from eventwire.pipeline import Pipeline
from eventwire.records import PartialDate, Report

ROOT = Path(__file__).resolve().parent.parent
HAS_SIMPLEMMA = importlib.util.find_spec("simplemma") is not None
TABLE = {"strike": ("strike", "strikes", "struck"), "missile": ("missile", "missiles")}


def test_a_lexeme_is_a_word_ending_in_the_mark() -> None:
    assert lexeme("shell+") == "shell"
    assert lexeme("shell") is None
    assert lexeme("+") is None
    assert lexeme("raketaanval*+") is None  # a stem is not a lexeme
    assert lexemes_in("missile+ strike+ on") == ["missile", "strike"]


def test_a_phrase_expands_to_every_combination_of_its_lexemes_forms() -> None:
    assert expand_phrase("missile+ strike+", TABLE) == (
        "missile strike",
        "missile strikes",
        "missile struck",
        "missiles strike",
        "missiles strikes",
        "missiles struck",
    )
    assert expand_phrase("the strike+ ... on", TABLE) == (
        "the strike ... on",
        "the strikes ... on",
        "the struck ... on",
    )
    assert expand_phrase("plain words", TABLE) == ("plain words",)


def test_a_lexeme_without_forms_is_an_error_that_names_the_script() -> None:
    with pytest.raises(LexiconError, match=r"'bomb\+'.*build_inflections"):
        expand_phrase("bomb+", TABLE, "lexicon/en/triggers.yaml.events")


def test_a_phrase_may_not_stand_for_more_than_the_limit() -> None:
    big = {"a": tuple(f"a{i}" for i in range(30)), "b": tuple(f"b{i}" for i in range(30))}
    assert MAX_FORMS_PER_PHRASE < 30 * 30
    with pytest.raises(LexiconError, match="stands for 900 phrases"):
        expand_phrase("a+ b+", big)


@pytest.mark.parametrize("language", languages())
def test_every_lexeme_of_a_language_loads_as_all_of_its_forms(language: str) -> None:
    table = inflections(language).forms
    triggers = load(language, "triggers")
    loaded = set(phrases_of(lexicon(language).triggers))
    for phrase in phrases_of(triggers):
        for name in lexemes_in(phrase):
            assert table.get(name.lower()), f"{language}: {name}+ has no forms"
        assert set(expand_phrase(phrase, table)) <= loaded
    assert not any(lexemes_in(phrase) for phrase in loaded), "a lexeme was left unexpanded"


@pytest.mark.skipif(not HAS_SIMPLEMMA, reason="simplemma (the test and lexicon extras) is not installed")
def test_the_committed_inflection_tables_are_the_builders_output() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_inflections.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(not HAS_SIMPLEMMA, reason="simplemma (the test and lexicon extras) is not installed")
def test_a_separable_verb_splits_in_its_finite_forms_but_not_its_participle() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from build_inflections import forms_of
    finally:
        sys.path.pop(0)
    dutch = forms_of("nl", "aanvallen", load("nl", "text"))
    assert {"aanvallen", "aanviel", "viel ... aan", "vielen ... aan", "valt ... aan"} <= set(dutch)
    assert "gevallen ... aan" not in dutch
    german = forms_of("de", "festnehmen", load("de", "text"))
    assert {"festgenommen", "nahm ... fest", "nahmen ... fest", "nimmt ... fest"} <= set(german)
    assert "genommen ... fest" not in german
    english = forms_of("en", "shell", load("en", "text"))
    assert set(english) == {"shell", "shells", "shelled", "shelling"}


def test_the_lexeme_table_in_the_docs_is_current() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from lexicon_table import BEGIN, END, table
    finally:
        sys.path.pop(0)
    document = (ROOT / "docs" / "lexicons.md").read_text(encoding="utf-8")
    assert f"{BEGIN}\n{table()}\n{END}" in document, "run scripts/lexicon_table.py --write"


def _sub_event(text: str, language: str) -> str | None:
    doc = Pipeline().run(Report("t", text, PartialDate.parse("2024-05-10"), language=language))
    return doc.events[0].sub_event_type if doc.events else None


@pytest.mark.parametrize(
    ("language", "text", "form"),
    [
        ("pl", "Rosyjskie wojska ostrzeliwały w poniedziałek Charków, zginęło dwoje cywilów.", "ostrzeliwały"),
        ("ru", "Российские войска обстреливали Харьков в понедельник, погибли двое мирных жителей.", "обстреливали"),
        ("uk", "Російські війська обстрілювали Харків у понеділок, загинули двоє цивільних.", "обстрілювали"),
    ],
)
def test_a_form_no_lexicon_file_lists_reports_the_event_of_its_lexeme(language: str, text: str, form: str) -> None:
    written = {word for phrase in phrases_of(load(language, "triggers")) for word in phrase.split()}
    assert form not in written  # only the lexeme is written; the form comes from the table
    assert _sub_event(text, language) == "Shelling/artillery/missile attack"


def test_a_dutch_separable_verb_reports_an_attack_in_its_split_form() -> None:
    assert _sub_event("Russische troepen vielen maandag het dorp Kozatsja Lopan aan.", "nl") == "Attack"
    assert _sub_event("Russische troepen vielen maandag in het dorp Kozatsja Lopan.", "nl") is None
