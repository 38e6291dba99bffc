"""The seed report (../shared/seed/README.md) coded as its README says."""

from __future__ import annotations

from eventwire.readers import ReadOptions, read_inputs
from eventwire.records import Report


def _events(pipeline, seed_path):
    report = next(read_inputs([str(seed_path)], ReadOptions()))
    assert isinstance(report, Report)
    coded = pipeline.code(report)
    return report, coded.events


def test_seed_has_the_three_events(pipeline, seed_path):
    _, events = _events(pipeline, seed_path)
    by_type = {(e.sub_event_type, e.location, e.event_date[:7]): e for e in events}
    strike = by_type[("Shelling/artillery/missile attack", "Mykolaiv", "2022-11")]
    assert strike.fatalities == 7
    assert strike.actor1.startswith("Military Forces of Russia")
    assert strike.actor2 == "Civilians (Ukraine)"
    assert abs(strike.latitude - 46.97) < 0.05 and abs(strike.longitude - 32.00) < 0.05
    kherson = by_type[("Non-violent transfer of territory", "Kherson", "2022-11")]
    assert kherson.actor1.startswith("Military Forces of Ukraine")
    assert kherson.actor2.startswith("Military Forces of Russia")
    assert abs(kherson.latitude - 46.64) < 0.05 and abs(kherson.longitude - 32.61) < 0.05
    exchange = [e for e in events if e.sub_event_type == "Agreement"]
    assert len(exchange) == 1 and exchange[0].location == "" and exchange[0].fatalities == 0
    assert len(events) <= 7


def test_seed_never_invents_a_day(pipeline, seed_path):
    _, events = _events(pipeline, seed_path)
    for event in events:
        assert event.time_precision == 3, event
        assert event.event_date.endswith(("-15", "-01")), event.event_date


def test_seed_nothing_outside_ukraine_and_tolls_are_seven_or_zero(pipeline, seed_path):
    _, events = _events(pipeline, seed_path)
    assert {e.country for e in events} == {"Ukraine"}
    assert {e.fatalities for e in events} <= {0, 7}
    assert all("Geneva" not in e.location for e in events)


def test_seed_evidence_points_at_the_words(pipeline, seed_path):
    report, events = _events(pipeline, seed_path)
    for event in events:
        assert {"event_type", "actor1"} <= set(event.evidence)
        if event.location:
            assert "location" in event.evidence
        for spans in event.evidence.values():
            for span in spans:
                assert report.text[span.start : span.end] == span.text
    strike = next(e for e in events if e.location == "Mykolaiv")
    assert strike.evidence["fatalities"][0].text == "zeven"
    assert strike.evidence["location"][0].text == "Mykolajiv"
