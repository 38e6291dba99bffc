"""Merging reports of one happening, across reports and languages."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from eventwire import Event, Pipeline
from eventwire.merge import combine, compatible, date_window, pairwise_scores, profile
from eventwire.readers import ReadOptions, read_inputs
from eventwire.records import Span
from eventwire.store import Store

PAIRS = Path(__file__).parent / "data" / "merge_pairs.jsonl"


def _event(**fields) -> Event:
    base = {
        "event_id": "e1",
        "doc_id": "d1",
        "language": "en",
        "event_date": "2023-02-05",
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Military Forces of Russia (2000-)",
        "actor2": "Civilians (Ukraine)",
        "country": "Ukraine",
        "admin1": "Kharkiv",
        "location": "Kharkiv",
        "latitude": 49.9808,
        "longitude": 36.2527,
        "geo_precision": 1,
        "evidence": {"event_date": [Span(0, 6, "Sunday")]},
    }
    return Event(**{**base, **fields})


def test_same_type_place_day_and_actors_are_compatible():
    assert compatible(profile(_event()), profile(_event(sub_event_type="Air/drone strike", doc_id="d2")))


def test_another_day_another_town_or_another_family_stay_apart():
    one = profile(_event())
    assert not compatible(one, profile(_event(event_date="2023-02-06")))
    assert not compatible(one, profile(_event(location="Kherson", latitude=46.6354, longitude=32.6169)))
    assert not compatible(one, profile(_event(event_type="Battles", sub_event_type="Armed clash")))
    assert not compatible(one, profile(_event(actor1="Military Forces of Belarus (1994-)")))


def test_dates_are_compared_at_their_precision():
    day = profile(_event())
    month = profile(_event(event_date="2023-02-15", time_precision=3, evidence={}))
    assert date_window(_event(event_date="2023-02-15", time_precision=3))[0].isoformat() == "2023-02-01"
    assert compatible(day, month)
    assert not compatible(day, profile(_event(event_date="2023-03-15", time_precision=3)))
    # A date taken from the report's own date may be a few days earlier than the report.
    inferred = profile(_event(event_date="2023-02-06", evidence={}))
    assert compatible(day, inferred)


def test_a_region_is_compatible_with_a_town_in_it():
    region = profile(_event(location="Kharkiv Oblast", geo_precision=3, latitude=49.99, longitude=36.23))
    assert compatible(profile(_event(location="Chuhuiv", latitude=49.8353, longitude=36.6880)), region)
    other = profile(_event(admin1="Donetsk", location="Donetsk Oblast", geo_precision=3))
    assert not compatible(profile(_event()), other)


def test_combining_keeps_the_most_precise_date_and_place_and_the_lowest_toll():
    vague = _event(
        event_id="first",
        doc_id="a",
        event_date="2023-02-15",
        time_precision=3,
        evidence={},
        geo_precision=3,
        location="Kharkiv Oblast",
        fatalities=5,
        source="Governor",
    )
    precise = replace(_event(doc_id="b", fatalities=3, source="Mayor"), evidence={"fatalities": [Span(0, 5, "three")]})
    merged = combine("first", [vague, precise])
    assert merged.event_id == "first"
    assert (merged.event_date, merged.time_precision) == ("2023-02-05", 1)
    assert (merged.location, merged.geo_precision) == ("Kharkiv", 1)
    assert merged.fatalities == 3
    assert merged.source == "Governor; Mayor"
    assert "2 reports" in merged.notes


def test_pairwise_scores_count_document_pairs():
    predicted = {"a": {"x"}, "b": {"x"}, "c": {"y"}, "d": {"z"}}
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    scores = pairwise_scores(predicted, gold)
    assert (scores.predicted_pairs, scores.gold_pairs, scores.true_pairs) == (1, 3, 1)
    assert scores.precision == 1.0 and round(scores.recall, 2) == 0.33


def test_reports_in_pairs_of_languages_merge_and_the_others_stay_apart(tmp_path):
    gold = {json.loads(line)["id"]: json.loads(line)["cluster"] for line in PAIRS.read_text().splitlines()}
    store = Store(tmp_path / "pairs.db")
    coded = [c for c in Pipeline().code_all(read_inputs([str(PAIRS)], ReadOptions())) if hasattr(c, "events")]
    added = {a.report_id: set(a.event_ids) for a in store.add_many(coded)}
    scores = pairwise_scores(added, gold)
    assert scores.precision == 1.0, scores
    assert scores.recall >= 0.8, scores
    (kharkiv,) = added["pair-kharkiv-en"]
    event = store.event(kharkiv)
    assert event["report_count"] >= 2 and event["location"] == "Kharkiv"
    assert event["fatalities"] == 3  # the lowest reported toll (another report says four)
    assert {r["language"] for r in event["reports"]} >= {"en", "uk"}
    assert not added["apart-kharkiv-later-en"] & added["pair-kharkiv-en"]
    assert not added["apart-kherson-uk"] & added["pair-kharkiv-uk"]
    store.close()


def test_weapon_not_reported_holds_only_while_no_report_names_the_weapon():
    damage = _event(tags="weapon not reported", actor1="Unidentified Armed Group (Ukraine)")
    assert combine("e", [damage, replace(damage, doc_id="d2")]).tags == "weapon not reported"
    assert combine("e", [damage, _event(doc_id="d2")]).tags == ""
    assert combine("e", [_event(doc_id="d2"), damage]).tags == ""
