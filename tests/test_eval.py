"""`eventwire eval` and its metrics, on small gold and prediction files written here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire import Pipeline
from eventwire.cli import main
from eventwire.evaluation import (
    GoldError,
    SetKind,
    Split,
    evaluate,
    evaluate_set,
    half_of,
    load_gold,
    load_predictions,
    select,
)
from eventwire.evaluation.baseline import floor_of, raise_floors, read_baseline, shortfalls
from eventwire.evaluation.metrics import CaseResult, ItnResult, UcdpResult, haversine_km, normalise_date


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def doc(doc_id: str, gold: dict[str, Any], text: str = "A report.", lang: str = "en", published: Any = None) -> dict:
    return {"id": doc_id, "published": published, "lang": lang, "text": text, "gold": gold}


def event(doc_id: str, sub_event_type: str = "", event_type: str = "", **fields: Any) -> dict[str, Any]:
    return {"doc_id": doc_id, "event_type": event_type, "sub_event_type": sub_event_type, **fields}


@pytest.fixture()
def case_files(tmp_path: Path) -> tuple[Path, Path]:
    gold = write_jsonl(
        tmp_path / "types.jsonl",
        [
            doc("a", {"sub_event_type": "Armed clash"}),
            doc("b", {"sub_event_type": "Grenade"}),
            doc("c", {"sub_event_type": None}),
            doc("d", {"sub_event_type": None}),
            doc("e", {"sub_event_type": "Armed clash"}),
        ],
    )
    pred = write_jsonl(
        tmp_path / "pred.jsonl",
        [
            event("a", "Armed clash"),
            event("d", "Peaceful protest"),
            event("e", "Peaceful protest"),
            event("e", "Air/drone strike"),
        ],
    )
    return gold, pred


def test_case_types_per_class_macro_and_null_share(case_files: tuple[Path, Path]) -> None:
    gold, pred = case_files
    result = evaluate_set(load_gold(gold), load_predictions(pred)).result
    assert isinstance(result, CaseResult)
    clash = result.per_class["Armed clash"]
    assert (clash.tp, clash.fp, clash.fn) == (1, 0, 1)
    assert clash.f1 == pytest.approx(2 / 3)
    assert result.per_class["Grenade"].f1 == 0.0
    # Only Armed clash and Grenade have gold support: the macro average is over those two.
    assert result.macro_classes == 2
    assert result.macro_f1 == pytest.approx((2 / 3 + 0.0) / 2)
    assert result.unsupported_predicted == {"Peaceful protest": 2, "Air/drone strike": 1}
    assert (result.null_no_event.hits, result.null_no_event.total) == (1, 2)
    assert (result.micro.tp, result.micro.fp, result.micro.fn) == (1, 3, 2)
    assert result.misses == 3


def test_case_confusion_names_gold_when_predicted_else_highest_priority(case_files: tuple[Path, Path]) -> None:
    gold, pred = case_files
    result = evaluate_set(load_gold(gold), load_predictions(pred)).result
    assert isinstance(result, CaseResult)
    # e: gold Armed clash, predicted an airstrike and a protest; the airstrike ranks higher in ACLED's order.
    assert result.confusion["Armed clash"] == {"Armed clash": 1, "Air/drone strike": 1}
    assert result.confusion["Grenade"] == {"(none)": 1}
    assert result.confusion["(none)"] == {"(none)": 1, "Peaceful protest": 1}


def test_itn_detection_by_language_and_type(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "blurbs.jsonl",
        [
            doc("en1", {"event_types": ["Battles"], "cluster": "Q1"}),
            doc("en2", {"event_types": [], "cluster": "Q2"}),
            doc("fr1", {"event_types": ["Protests", "Riots"], "cluster": "Q3"}, lang="fr"),
        ],
    )
    pred = write_jsonl(
        tmp_path / "pred.jsonl",
        [event("en1", event_type="Battles"), event("en2", event_type="Protests"), event("fr1", event_type="Riots")],
    )
    result = evaluate_set(load_gold(gold), load_predictions(pred)).result
    assert isinstance(result, ItnResult)
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (2, 1, 1)
    assert result.by_language["en"].precision == pytest.approx(0.5)
    assert result.by_language["fr"].recall == pytest.approx(0.5)
    assert result.by_type["Protests"].fp == 1 and result.by_type["Protests"].fn == 1
    assert (result.no_event.hits, result.no_event.total) == (0, 1)


def test_skipped_documents_predict_nothing_and_are_counted(tmp_path: Path, pipeline: Pipeline) -> None:
    gold = write_jsonl(
        tmp_path / "blurbs.jsonl",
        [
            doc(
                "en1",
                {"event_types": ["Explosions/Remote violence"], "cluster": "Q1"},
                text="Russian forces shelled Kharkiv on Monday, killing two civilians.",
                published="2023-01-11",
            ),
            doc("xx1", {"event_types": ["Battles"], "cluster": "Q2"}, lang="xx", text="Lorem ipsum dolor."),
        ],
    )
    result = evaluate_set(load_gold(gold), pipeline=pipeline).result
    assert isinstance(result, ItnResult)
    assert result.skipped.count == 1
    assert any("xx" in reason for reason in result.skipped.reasons)
    assert result.by_language["xx"].fn == 1
    assert result.by_language["en"].tp == 1


def ucdp_gold(**overrides: Any) -> dict[str, Any]:
    gold = {
        "location": "Somewhere",
        "latitude": 50.0,
        "longitude": 30.0,
        "location_in_text": True,
        "date_start": "2022-10-05",
        "date_end": "2022-10-05",
        "best": 3,
    }
    return {**gold, **overrides}


def test_ucdp_distance_date_and_toll(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "headlines.jsonl",
        [
            doc("near", ucdp_gold()),
            doc("distant", ucdp_gold(best=0)),
            doc("unnamed", ucdp_gold(location_in_text=False, date_end="2022-10-06")),
        ],
    )
    pred = write_jsonl(
        tmp_path / "pred.jsonl",
        [
            # 0.4 degrees of latitude north: about 44 km.
            event(
                "near",
                location="A",
                latitude=50.4,
                longitude=30.0,
                event_date="2022-10-05",
                time_precision=1,
                fatalities=1,
            ),
            event("near", location="B", latitude=52.0, longitude=30.0, fatalities=3),
            # The right day at month precision does not count as an exact date.
            event("distant", location="C", latitude=51.5, longitude=30.0, event_date="2022-10-05", time_precision=3),
        ],
    )
    result = evaluate_set(load_gold(gold), load_predictions(pred)).result
    assert isinstance(result, UcdpResult)
    assert result.located_docs == 2
    assert [result.within_km[km].hits for km in (25, 50, 100)] == [0, 1, 1]
    assert (result.date_exact.hits, result.date_exact.total) == (1, 2)
    # near: the largest count among its events (3) is the toll; far: no deaths, gold 0; unnamed: no event.
    assert (result.toll_exact.hits, result.toll_exact.total) == (2, 3)
    assert [miss.doc_id for miss in result.errors] == ["distant"]  # a tune-half id: check-half misses are never listed


def test_bellingcat_dates_without_leading_zeros(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "places.jsonl",
        [doc("p1", {"location": "X", "latitude": 48.0, "longitude": 37.0, "date": "2022-3-4"})],
    )
    pred = write_jsonl(
        tmp_path / "pred.jsonl",
        [event("p1", latitude=48.1, longitude=37.0, event_date="2022-03-04", time_precision=1)],
    )
    result = evaluate_set(load_gold(gold), load_predictions(pred)).result
    assert result.headline() == {"within_25km": 1.0, "date_exact": 1.0}


def test_haversine_and_dates() -> None:
    assert haversine_km(50.0, 30.0, 51.0, 30.0) == pytest.approx(111.2, abs=0.1)
    assert haversine_km(50.45, 30.52, 49.99, 36.23) == pytest.approx(410, abs=5)  # Kyiv to Kharkiv
    assert normalise_date("2022-3-4") == "2022-03-04"
    assert normalise_date("2022-03") is None


def test_kind_comes_from_gold_keys_not_file_name(tmp_path: Path) -> None:
    renamed = write_jsonl(tmp_path / "case_types.jsonl", [doc("a", {"event_types": []})])
    assert load_gold(renamed).kind is SetKind.ITN_MULTILINGUAL
    unknown = write_jsonl(tmp_path / "other.jsonl", [doc("a", {"stars": 3})])
    with pytest.raises(GoldError, match="no known gold set"):
        load_gold(unknown)
    twice = write_jsonl(tmp_path / "twice.jsonl", [doc("a", {"event_types": []}), doc("a", {"event_types": []})])
    with pytest.raises(GoldError, match="not unique"):
        load_gold(twice)


def test_floors_round_down_with_a_margin() -> None:
    assert floor_of(0.8437) == 0.83
    assert floor_of(0.5) == 0.49
    assert floor_of(0.29) == 0.28
    assert floor_of(0.004) == 0.0


def test_baseline_floors_are_only_raised(case_files: tuple[Path, Path], tmp_path: Path) -> None:
    gold, pred = case_files
    evaluation = evaluate([gold], pred)[0]
    baseline = read_baseline(tmp_path / "absent.json")
    raise_floors(baseline, evaluation.gold_set, "tune", evaluation.result)
    entry = baseline["sets"]["types"]
    assert entry["sha256"] == evaluation.gold_set.sha256
    assert entry["floors"] == {"tune": {"macro_f1": 0.32, "null_no_event": 0.49}}
    entry["floors"]["tune"]["macro_f1"] = 0.9  # a higher floor stays; a lower one is raised
    entry["floors"]["tune"]["null_no_event"] = 0.1
    changes = raise_floors(baseline, evaluation.gold_set, "tune", evaluation.result)
    assert entry["floors"]["tune"] == {"macro_f1": 0.9, "null_no_event": 0.49}
    assert changes == ["types [tune]: null_no_event floor 0.1 -> 0.49"]
    assert [s.metric for s in shortfalls(entry, "types", "tune", evaluation.result)] == ["macro_f1"]
    assert shortfalls(entry, "types", "check", evaluation.result) == []  # no floors for that half yet
    assert raise_floors(baseline, evaluation.gold_set, "all", evaluation.result) == []  # only halves have floors


def test_cli_json_and_terminal_output(case_files: tuple[Path, Path]) -> None:
    gold, pred = case_files
    runner = CliRunner()
    result = runner.invoke(main, ["eval", str(gold), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    (scored,) = json.loads(result.stdout)["sets"]
    assert scored["kind"] == "case_types"
    assert scored["headline"]["macro_f1"] == pytest.approx(1 / 3)
    assert "A report." not in result.stdout  # JSON carries ids and labels, never text
    terminal = runner.invoke(main, ["eval", str(gold), "--pred", str(pred)])
    assert terminal.exit_code == 0
    assert "macro-F1 0.333 over the 2 of 25 sub-event types with gold support" in terminal.output
    assert "Misses: first 2 of 3" in terminal.output  # e, a miss of the check half, is not listed
    assert "tune half only" in terminal.output


def test_cli_runs_the_pipeline_and_writes_a_baseline(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "headlines.jsonl",
        [
            doc(
                "k1",
                ucdp_gold(latitude=49.99, longitude=36.23, date_start="2023-01-09", date_end="2023-01-09", best=2),
                text="Russian forces shelled Kharkiv on Monday, killing two civilians.",
                published="2023-01-11",
            )
        ],
    )
    baseline = tmp_path / "baseline.json"
    result = CliRunner().invoke(main, ["eval", str(gold), "--json", "--write-baseline", str(baseline)])
    assert result.exit_code == 0, result.output
    (scored,) = json.loads(result.stdout)["sets"]
    assert scored["predictions"] == "pipeline"
    assert scored["headline"]["within_50km"] == 1.0
    assert scored["headline"]["toll_exact"] == 1.0
    floors = read_baseline(baseline)["sets"]["headlines"]["floors"]
    assert floors["tune"]["within_50km"] == 0.99  # k1 falls in the tune half
    assert floors["check"]["within_50km"] == 0.0  # an empty half scores nothing


def test_cli_rejects_an_unknown_gold_file(tmp_path: Path) -> None:
    unknown = write_jsonl(tmp_path / "other.jsonl", [doc("a", {"stars": 3})])
    result = CliRunner().invoke(main, ["eval", str(unknown)])
    assert result.exit_code == 1
    assert "no known gold set" in result.output


def test_halves_are_stable_disjoint_and_cover_the_set(tmp_path: Path) -> None:
    rows = [doc(f"doc-{n}", {"event_types": []}) for n in range(400)]
    gold_set = load_gold(write_jsonl(tmp_path / "blurbs.jsonl", rows))
    tune, check = (select(gold_set, half) for half in (Split.TUNE, Split.CHECK))
    tune_ids, check_ids = {d.id for d in tune.docs}, {d.id for d in check.docs}
    assert not tune_ids & check_ids
    assert tune_ids | check_ids == {d.id for d in gold_set.docs}
    assert 160 < len(tune_ids) < 240  # about half
    assert {d.id for d in select(load_gold(tmp_path / "blurbs.jsonl"), Split.TUNE).docs} == tune_ids
    assert select(gold_set, Split.ALL) is gold_set


def test_reports_of_one_happening_fall_in_one_half(tmp_path: Path) -> None:
    rows = [
        doc(f"{cluster}-{lang}", {"event_types": [], "cluster": cluster}) for cluster in "pqrstuvw" for lang in "xyz"
    ]
    gold_set = load_gold(write_jsonl(tmp_path / "clusters.jsonl", rows))
    for cluster in "pqrstuvw":
        assert len({half_of(d) for d in gold_set.docs if d.gold["cluster"] == cluster}) == 1


def test_check_half_misses_are_never_listed(case_files: tuple[Path, Path]) -> None:
    gold, pred = case_files
    for split in Split:
        evaluation = evaluate([gold], pred, split=split)[0]
        listed = {miss.doc_id for miss in evaluation.result.errors}
        checked = {d.id for d in load_gold(gold).docs if half_of(d) is Split.CHECK}
        assert not listed & checked, split
        assert bool(listed) is (split is not Split.CHECK)  # the tune half's misses are listed
        assert evaluation.result.misses >= len(listed)


def test_whole_set_scores_report_both_halves_and_the_gap(case_files: tuple[Path, Path]) -> None:
    gold, pred = case_files
    result = CliRunner().invoke(main, ["eval", str(gold), "--pred", str(pred), "--json"])
    (scored,) = json.loads(result.stdout)["sets"]
    tune, check = scored["halves"]["tune"], scored["halves"]["check"]
    assert scored["gap"]["macro_f1"] == pytest.approx(tune["macro_f1"] - check["macro_f1"])
    half_only = CliRunner().invoke(main, ["eval", str(gold), "--pred", str(pred), "--json", "--split", "check"])
    (checked,) = json.loads(half_only.stdout)["sets"]
    assert checked["split"] == "check" and checked["headline"] == check and checked["halves"] == {}
