"""The command line, run in-process."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

from click.testing import CliRunner

from eventwire.cli import main
from eventwire.writers import ACLED_COLUMNS

from .conftest import SAMPLES

STRIKE = SAMPLES / "en-mykolaiv-strike.txt"


def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_every_command_has_help():
    for command in ([], ["extract"], ["demo"]):
        result = _run(*command, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_extract_jsonl_to_stdout():
    result = _run("extract", str(STRIKE), "--quiet")
    assert result.exit_code == 0
    (event,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert event["location"] == "Mykolaiv" and event["doc_id"] == str(STRIKE)


def test_extract_csv_uses_acled_columns(tmp_path):
    out = tmp_path / "events.csv"
    assert _run("extract", str(STRIKE), "--format", "csv", "--out", str(out), "--quiet").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert rows[0]["sub_event_type"] == "Shelling/artillery/missile attack" and rows[0]["fatalities"] == "4"


def test_extract_geojson_is_a_feature_collection(tmp_path):
    out = tmp_path / "events.geojson"
    assert _run("extract", str(SAMPLES), "--format", "geojson", "--out", str(out), "--quiet").exit_code == 0
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) >= 10
    located = [f for f in collection["features"] if f["geometry"]]
    lon, lat = located[0]["geometry"]["coordinates"]
    assert 20 < lon < 45 and 40 < lat < 55


def test_skipped_inputs_exit_3_and_are_listed(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Two people were killed in Kharkiv by shelling."}\nnot json\n')
    errors = tmp_path / "errors.jsonl"
    result = _run("extract", str(bad), "--errors", str(errors))
    assert result.exit_code == 3
    (error,) = [json.loads(line) for line in errors.read_text().splitlines()]
    assert error == {"input": str(bad), "reason": error["reason"], "line": 2}
    assert "1 inputs skipped" in result.stderr


def test_unsupported_language_is_reported_not_guessed(tmp_path):
    doc = tmp_path / "es.jsonl"
    doc.write_text(
        json.dumps(
            {
                "id": "es1",
                "text": "Dos civiles murieron ayer en un bombardeo ruso sobre la ciudad "
                "de Járkov, según las autoridades locales.",
            }
        )
        + "\n"
    )
    errors = tmp_path / "errors.jsonl"
    result = _run("extract", str(doc), "--errors", str(errors), "--quiet")
    assert result.exit_code == 3 and result.stdout == ""
    assert json.loads(errors.read_text())["reason"] == "unsupported language: es"


def test_usage_errors_exit_2():
    assert _run("extract").exit_code == 2
    assert _run("extract", str(STRIKE), "--published", "2022-13").exit_code == 2
    assert _run("extract", str(STRIKE), "--format", "xml").exit_code == 2


def test_extract_into_a_database_is_idempotent(tmp_path):
    db = tmp_path / "events.db"
    for _ in range(2):
        assert (
            _run("extract", str(SAMPLES), "--db", str(db), "--quiet", "--out", str(tmp_path / "e.jsonl")).exit_code == 0
        )
    conn = sqlite3.connect(db)
    reports = conn.execute("SELECT COUNT(*) FROM report").fetchone()[0]
    assert reports == len(list(SAMPLES.glob("*.txt")))  # samples.jsonl repeats the same texts: stored once
    assert conn.execute("SELECT COUNT(*) FROM event").fetchone()[0] >= 10


def test_demo_prints_a_summary_and_stores_events(tmp_path):
    db = tmp_path / "demo.db"
    result = _run("demo", "--db", str(db))
    assert result.exit_code == 0
    for heading in ("Events by type", "Events by place", "Events by day"):
        assert heading in result.stdout
    assert "Mykolaiv" in result.stdout
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM event").fetchone()[0] >= 10
