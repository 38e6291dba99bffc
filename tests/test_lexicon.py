"""Every lexicon file matches its schema, and every language has the same kinds of knowledge."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from eventwire.lexicon import KINDS, SCHEMAS, languages, lexicon
from eventwire.stages.actors import actor_dictionary, alias_patterns
from eventwire.stages.date_words import date_lexicon
from eventwire.stages.number_words import number_lexicon
from eventwire.stages.sentences import text_lexicon
from eventwire.stages.triggers import trigger_lexicon
from eventwire.taxonomy import SUB_EVENT_TYPES

ROOT = resources.files("eventwire").joinpath("lexicon")


def test_the_six_languages_are_there():
    assert set(languages()) >= {"nl", "en", "uk", "ru", "de", "fr"}


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("kind", KINDS)
def test_lexicon_file_matches_schema(language, kind):
    path = ROOT.joinpath(language, f"{kind}.yaml")
    assert path.is_file(), f"{language}/{kind}.yaml is missing"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), "a lexicon file opens with a comment saying where it comes from"
    data = yaml.safe_load(text)
    assert isinstance(data, dict) and data
    assert set(data) <= SCHEMAS[kind], f"unknown keys {set(data) - SCHEMAS[kind]}"


@pytest.mark.parametrize("language", languages())
def test_triggers_name_acled_types_and_actors_exist(language):
    assert set(lexicon(language).triggers["events"]) <= set(SUB_EVENT_TYPES)
    trigger_lexicon(language)  # raises on unknown sub-event types
    assert {key for key, _ in alias_patterns(language)} <= set(actor_dictionary())


@pytest.mark.parametrize("language", languages())
def test_dates_have_twelve_months_and_seven_weekdays(language):
    dates = lexicon(language).dates
    assert sorted(dates["months"]) == list(range(1, 13))
    assert sorted(dates["weekdays"]) == list(range(7))


def test_base_files_carry_provenance():
    for kind in ("actors", "places"):
        assert ROOT.joinpath("base", f"{kind}.yaml").read_text(encoding="utf-8").startswith("#")


def _forms_by_int(table) -> bool:
    return isinstance(table, dict) and all(
        isinstance(key, int) and (isinstance(forms, str) or all(isinstance(f, str) for f in forms))
        for key, forms in table.items()
    )


@pytest.mark.parametrize("language", languages())
def test_numbers_and_dates_have_the_shapes_the_engines_read(language):
    numbers, dates, text = lexicon(language).numbers, lexicon(language).dates, lexicon(language).text
    for key in ("units", "tens", "hundreds", "scales", "vague", "parts"):
        assert key not in numbers or _forms_by_int(numbers[key]), f"numbers.{key}"
    for key in ("months", "weekdays", "relative_days"):
        assert key not in dates or _forms_by_int(dates[key]), f"dates.{key}"
    assert set(dates.get("relative_periods") or {}) <= {"last_week", "this_week", "this_month", "last_month"}
    assert set(dates.get("month_parts") or {}) <= {"early", "middle", "late"}
    assert set(dates.get("numeric_order") or []) <= {"dmy", "mdy"}
    for key in ("days_ago", "weeks_ago"):
        assert all(isinstance(t, str) and t.count("{n}") <= 1 for t in dates.get(key) or []), f"dates.{key}"
    assert isinstance(text.get("letters", ""), str)
    assert all(a.endswith(".") for a in text.get("abbreviations") or []), "an abbreviation ends in a full stop"


@pytest.mark.parametrize("language", languages())
def test_the_language_layer_reads_every_lexicon(language):
    assert number_lexicon(language).pieces
    assert date_lexicon(language).table
    assert text_lexicon(language).months
