"""The theatre: where a report that names no country is taken to be, to choose between namesake places.
A default lives in lexicon/base/places.yaml; `--theatre` (or `Report.theatre`) replaces it per run."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eventwire import PartialDate, Report
from eventwire.cli import main
from eventwire.stages.places import default_theatre

TEXT = "Zelenodolsk: damage to a school building."  # a town in Ukraine, and a larger one in Russia


def _countries(pipeline, theatre):
    coded = pipeline.code(Report("t", TEXT, PartialDate(2023, 3, 10), "en", theatre=theatre))
    return [e.country for e in coded.events]


def test_the_default_theatre_settles_namesakes(pipeline):
    assert default_theatre() == frozenset({"UA"})
    assert _countries(pipeline, None) == ["Ukraine"]


def test_another_theatre_or_none_changes_the_choice(pipeline):
    assert _countries(pipeline, ("RU",)) == ["Russia"]
    assert _countries(pipeline, ()) == ["Russia"]  # no prior: the larger namesake


def test_a_country_the_text_names_outweighs_the_theatre(pipeline):
    coded = pipeline.code(
        Report("t", "Zelenodolsk, Russia: damage to a school building.", PartialDate(2023, 3, 10), "en")
    )
    assert [e.country for e in coded.events] == ["Russia"]


def test_extract_takes_the_theatre_option(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "z", "published": "2023-03-10", "text": TEXT}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", str(source), "--out", str(out), "--theatre", "none"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["country"] for line in out.read_text().splitlines()] == ["Russia"]


def test_a_bad_theatre_is_a_usage_error(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "z", "text": TEXT}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(source), "--theatre", "Ukraine"])
    assert result.exit_code == 2
    assert "ISO 3166-1" in result.output


def test_a_misspelt_label_names_the_theatres_town(pipeline):
    coded = pipeline.code(Report("t", "Hostomek: damage to a warehouse.", PartialDate(2022, 3, 1), "en"))
    assert [(e.location, e.admin1) for e in coded.events] == [("Hostomel", "Kyiv")]


def test_misspellings_are_only_forgiven_in_labels_and_in_the_theatre(pipeline):
    in_text = pipeline.code(Report("t", "A warehouse was damaged in Hostomek.", PartialDate(2022, 3, 1), "en"))
    assert [e.location for e in in_text.events] == []
    elsewhere = pipeline.code(
        Report("t", "Hostomek: damage to a warehouse.", PartialDate(2022, 3, 1), "en", theatre=("KE",))
    )
    assert [e.location for e in elsewhere.events] == []


def test_the_gazetteer_finds_the_closest_spelling_only():
    from eventwire.gazetteer import gazetteer

    found = gazetteer().lookup_misspelt("Hostomek", frozenset({"UA"}), 1)
    assert {c.place.name for c in found} == {"Hostomel"} and all(c.variant for c in found)
    assert gazetteer().lookup_misspelt("Hxstxmxkk", frozenset({"UA"}), 1) == []
