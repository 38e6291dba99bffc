"""The bundled sample reports: what they report comes out, and the same event agrees across languages."""

from __future__ import annotations

import json

import pytest

from eventwire.readers import ReadOptions, read_inputs
from eventwire.records import Report

from .conftest import SAMPLES


def _code(pipeline, name):
    report = next(read_inputs([str(SAMPLES / name)], ReadOptions()))
    assert isinstance(report, Report)
    return pipeline.code(report).events


def test_there_are_samples_in_six_languages_in_both_formats():
    texts = sorted(SAMPLES.glob("*.txt"))
    assert len(texts) >= 12
    assert {p.name[:2] for p in texts} >= {"nl", "en", "uk", "ru", "de", "fr"}
    lines = [json.loads(line) for line in (SAMPLES / "samples.jsonl").read_text().splitlines()]
    assert {line["id"] for line in lines} == {p.stem for p in texts}


@pytest.mark.parametrize("name", ["nl-no-event.txt", "en-no-event.txt"])
def test_reports_without_an_event_give_none(pipeline, name):
    assert _code(pipeline, name) == ()


def test_the_same_event_in_dutch_and_english_is_coded_the_same(pipeline):
    (dutch,) = _code(pipeline, "nl-mykolaiv-strike.txt")
    (english,) = _code(pipeline, "en-mykolaiv-strike.txt")
    fields = (
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "location",
        "event_date",
        "time_precision",
        "fatalities",
        "latitude",
        "longitude",
    )
    assert {f: getattr(dutch, f) for f in fields} == {f: getattr(english, f) for f in fields}
    assert dutch.fatalities == 4 and dutch.event_date == "2023-03-09"


@pytest.mark.parametrize(
    ("name", "sub_event_type", "location"),
    [
        ("uk-kharkiv-shelling.txt", "Shelling/artillery/missile attack", "Kharkiv"),
        ("ru-bakhmut-battle.txt", "Armed clash", "Bakhmut"),
        ("de-prisoner-exchange.txt", "Agreement", ""),
        ("fr-kherson-territory.txt", "Non-violent transfer of territory", "Kherson"),
        ("en-tbilisi-protest.txt", "Protest with intervention", "Tbilisi"),
        ("de-odesa-drones.txt", "Disrupted weapons use", "Odesa"),
        ("uk-zaporizhzhia-drone.txt", "Air/drone strike", "Zaporizhzhia"),
        ("fr-uman-strike.txt", "Shelling/artillery/missile attack", "Uman"),
        ("ru-kherson-shelling.txt", "Shelling/artillery/missile attack", "Kherson"),
    ],
)
def test_each_sample_reports_its_event(pipeline, name, sub_event_type, location):
    events = _code(pipeline, name)
    assert [(e.sub_event_type, e.location) for e in events] == [(sub_event_type, location)]
