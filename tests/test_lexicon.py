"""Every lexicon file loads into its typed model, and every language has the same kinds of knowledge."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest
import yaml

from eventwire.lexicon import KINDS, LexiconError, languages, lexicon, load
from eventwire.lexicon.models import BASE_MODELS, LANGUAGE_MODELS, TriggersLexicon, validated
from eventwire.stages.actors import actor_dictionary, alias_phrases
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
def test_lexicon_file_loads_into_its_model(language, kind):
    path = ROOT.joinpath(language, f"{kind}.yaml")
    assert path.is_file(), f"{language}/{kind}.yaml is missing"
    model = load(language, kind)  # raises LexiconError naming the file, key and reason
    assert isinstance(model, LANGUAGE_MODELS[kind])
    assert model.model_fields_set - {"about"}, f"{language}/{kind}.yaml holds nothing but its header"


@pytest.mark.parametrize("folder", ["base", *languages()])
def test_every_file_says_where_its_words_come_from(folder):
    kinds = BASE_MODELS if folder == "base" else LANGUAGE_MODELS
    for kind in kinds:
        about = load(folder, kind).about
        assert about.source and about.licence and about.written_by, f"{folder}/{kind}.yaml"
        assert dt.date(2020, 1, 1) <= about.updated <= dt.date.today(), f"{folder}/{kind}.yaml: updated"
    if folder == "base":
        assert "CC BY 4.0" in load("base", "places").about.licence, "GeoNames' codes are attributed"


ABOUT = {"source": "written for this test", "licence": "Apache-2.0", "written_by": "a test", "updated": "2026-01-01"}


def _error(data: dict, model=TriggersLexicon) -> str:
    with pytest.raises(LexiconError) as raised:
        validated(model, {"about": yaml.safe_load(yaml.safe_dump(ABOUT)), **data}, "lexicon/xx/triggers.yaml")
    return str(raised.value)


def test_an_unknown_key_names_the_file_and_the_key():
    message = _error({"evnets": {"Armed clash": ["clash"]}})
    assert message.startswith("lexicon/xx/triggers.yaml") and "evnets" in message and "not permitted" in message


def test_an_unknown_sub_event_type_is_refused_with_its_reason():
    message = _error({"events": {"Shootout": ["shootout"]}})
    assert "events.Shootout" in message and "not an ACLED sub-event type" in message


def test_an_unquoted_yaml_boolean_is_an_error_not_the_word_true():
    data = yaml.safe_load("blockers: [never, no, not]")  # YAML 1.1 reads a bare `no` as False
    assert "blockers.1" in _error(data)


def test_a_file_without_its_header_is_refused():
    with pytest.raises(LexiconError, match="about"):
        validated(TriggersLexicon, {"events": {"Armed clash": ["clash"]}}, "lexicon/xx/triggers.yaml")


def test_a_phrase_may_be_one_string_or_a_list():
    model = validated(
        TriggersLexicon, {"about": ABOUT | {"updated": dt.date(2026, 1, 1)}, "deaths": "killed"}, "lexicon/xx/t.yaml"
    )
    assert model.deaths == ("killed",)


@pytest.mark.parametrize("language", languages())
def test_triggers_name_acled_types_and_actors_exist(language):
    assert set(lexicon(language).triggers.events) <= set(SUB_EVENT_TYPES)
    trigger_lexicon(language)  # raises on unknown sub-event types
    assert {key for key, _ in alias_phrases(language)} <= set(actor_dictionary())


@pytest.mark.parametrize("language", languages())
def test_dates_have_twelve_months_and_seven_weekdays(language):
    dates = lexicon(language).dates
    assert sorted(dates.months) == list(range(1, 13))
    assert sorted(dates.weekdays) == list(range(7))


def test_base_files_carry_provenance():
    for kind in ("actors", "places"):
        assert ROOT.joinpath("base", f"{kind}.yaml").read_text(encoding="utf-8").startswith("#")


def _forms_by_int(table) -> bool:
    return isinstance(table, dict) and all(
        isinstance(key, int) and all(isinstance(f, str) for f in forms) for key, forms in table.items()
    )


@pytest.mark.parametrize("language", languages())
def test_numbers_and_dates_have_the_shapes_the_engines_read(language):
    numbers, dates, text = lexicon(language).numbers, lexicon(language).dates, lexicon(language).text
    for key in ("units", "tens", "hundreds", "scales", "vague", "parts"):
        assert _forms_by_int(getattr(numbers, key)), f"numbers.{key}"
    for key in ("months", "weekdays", "relative_days"):
        assert _forms_by_int(getattr(dates, key)), f"dates.{key}"
    assert set(dates.relative_periods) <= {"last_week", "this_week", "this_month", "last_month"}
    assert set(dates.month_parts) <= {"early", "middle", "late"}
    assert set(dates.numeric_order) <= {"dmy", "mdy"}
    for key in ("days_ago", "weeks_ago"):
        assert all(isinstance(t, str) and t.count("{n}") <= 1 for t in getattr(dates, key)), f"dates.{key}"
    assert isinstance(text.letters, str)
    assert all(a.endswith(".") for a in text.abbreviations), "an abbreviation ends in a full stop"


@pytest.mark.parametrize("language", languages())
def test_the_language_layer_reads_every_lexicon(language):
    assert number_lexicon(language).pieces
    assert date_lexicon(language).table
    assert text_lexicon(language).months
