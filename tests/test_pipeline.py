"""The stage contract: named stages in order, each a pure Doc -> Doc touching only what it declares."""

from __future__ import annotations

import dataclasses

import pytest

from eventwire import Pipeline, PipelineConfig, Report
from eventwire.doc import Doc
from eventwire.pipeline import DEFAULT_STAGES, StageError, build_stages
from eventwire.records import InputError, PartialDate

REPORT = Report(
    "t1",
    "Russian forces shelled Kharkiv on Monday, killing two civilians, the governor said.",
    PartialDate(2023, 1, 11),
    "en",
)


def broken_stage(doc: Doc) -> Doc:
    raise RuntimeError("boom")


def no_triggers(doc: Doc) -> Doc:
    return dataclasses.replace(doc, triggers=())


def test_stages_are_declared_in_order_and_read_only_what_earlier_stages_assign():
    assigned = {"report"}
    for stage in build_stages():
        assert set(stage.requires) <= assigned, stage.name
        assigned |= set(stage.assigns)
    assert [s.name for s in build_stages()][-1] == "assemble"


def test_each_stage_assigns_only_its_declared_fields_and_is_pure():
    doc = Doc(report=REPORT)
    for stage in build_stages():
        before = doc
        after = stage.run(doc)
        assert isinstance(after, Doc)
        changed = {f.name for f in dataclasses.fields(Doc) if getattr(before, f.name) != getattr(after, f.name)}
        assert changed <= set(stage.assigns), stage.name
        assert stage.run(before) == after, f"{stage.name} is not a pure function of the document"
        doc = after
    assert doc.events


def test_a_stage_can_be_swapped_or_disabled_by_configuration():
    swapped = Pipeline(PipelineConfig(replace={"triggers": "tests.test_pipeline:no_triggers"}))
    assert swapped.run(REPORT).events == ()
    without = Pipeline(PipelineConfig(disable=frozenset({"attribution"})))
    assert "attribution" not in [s.name for s in without.stages]


def test_unknown_stage_names_are_refused():
    with pytest.raises(ValueError, match="unknown stage"):
        build_stages(PipelineConfig(replace={"nonsense": "tests.test_pipeline:no_triggers"}))


def test_a_failing_stage_skips_the_report_with_its_name_and_reason():
    pipeline = Pipeline(PipelineConfig(replace={"numbers": "tests.test_pipeline:broken_stage"}))
    with pytest.raises(StageError):
        pipeline.run(REPORT)
    result = pipeline.code(REPORT)
    assert isinstance(result, InputError)
    assert result.reason == "stage numbers failed: RuntimeError: boom"
    results = list(pipeline.code_all([REPORT, InputError("x", "no text")]))
    assert [type(r).__name__ for r in results] == ["InputError", "InputError"]


def test_event_ids_are_stable_across_runs():
    first = [e.event_id for e in Pipeline().run(REPORT).events]
    second = [e.event_id for e in Pipeline().run(REPORT).events]
    assert first == second and len(set(first)) == len(first)


def test_default_stages_name_the_issue_order():
    assert [name for name, *_ in DEFAULT_STAGES] == [
        "language",
        "sentences",
        "dates",
        "numbers",
        "actors",
        "places",
        "triggers",
        "attribution",
        "assemble",
    ]
