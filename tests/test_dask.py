"""The Dask engine on a real 2-worker LocalCluster gives the single-process result, and loses nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.engines.local import LocalEngine
from eventwire.engines.partitions import ItemsPartition, ParquetSlice
from eventwire.engines.shards import read_shards
from eventwire.readers import ReadOptions, read_inputs
from eventwire.records import InputError, PartialDate, Report

from .conftest import SAMPLES

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
distributed = pytest.importorskip("distributed")


def _sample_records() -> list[dict]:
    return [json.loads(line) for line in (SAMPLES / "samples.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """About forty reports from our samples, in every input kind a backfill has, with bad ones among them."""
    root = tmp_path_factory.mktemp("corpus")
    texts = root / "texts"
    texts.mkdir()
    for path in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(path, texts / path.name)
    (texts / "empty.txt").write_text("", encoding="utf-8")
    records = _sample_records()
    lines = [json.dumps({**r, "id": f"{r['id']}-jsonl"}, ensure_ascii=False) for r in records]
    lines.insert(5, "not json")
    (root / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = [{**r, "id": f"{r['id']}-parquet"} for r in records]
    rows.insert(7, {"id": "no-text", "published": "2023-01-01", "lang": "en", "text": ""})
    pq.write_table(pa.Table.from_pylist(rows), root / "archive.parquet", row_group_size=5)
    return root


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _inputs(corpus: Path) -> list[str]:
    return [str(corpus / "texts"), str(corpus / "more.jsonl"), str(corpus / "archive.parquet")]


def test_parquet_input_reads_like_jsonl(corpus):
    items = list(read_inputs([str(corpus / "archive.parquet")], ReadOptions()))
    reports = [i for i in items if isinstance(i, Report)]
    (error,) = [i for i in items if isinstance(i, InputError)]
    assert len(reports) == len(_sample_records())
    assert error == InputError(str(corpus / "archive.parquet"), "no text", 8)
    first = reports[0]
    assert first.id == "de-odesa-drones-parquet" and first.language == "de"
    assert first.published == PartialDate(2023, 1, 2)


def test_parquet_without_text_column_is_reported(tmp_path):
    path = tmp_path / "wrong.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "a", "body": "Shelling in Kharkiv."}]), path)
    assert list(read_inputs([str(path)], ReadOptions())) == [InputError(str(path), "Parquet file has no 'text' column")]


def test_dask_run_is_identical_to_the_local_run(corpus, scheduler, tmp_path):
    local, dask = tmp_path / "local", tmp_path / "dask"
    results = {}
    for out, engine in ((local, ["--engine", "local"]), (dask, ["--engine", "dask", "--scheduler", scheduler])):
        out.mkdir()
        result = _run(
            "extract", *_inputs(corpus), *engine, "--partition-size", "4", "--quiet",
            "--out", str(out / "events.jsonl"), "--errors", str(out / "errors.jsonl"),
        )  # fmt: skip
        assert result.exit_code == 3  # the bad inputs are skipped, and said so
        results[out] = ((out / "events.jsonl").read_bytes(), (out / "errors.jsonl").read_bytes())
    assert results[dask] == results[local]
    events = [json.loads(line) for line in results[local][0].splitlines()]
    errors = [json.loads(line) for line in results[local][1].splitlines()]
    assert len(events) >= 30 and len({e["doc_id"] for e in events}) >= 25
    assert {(Path(e["input"]).name, e["line"]) for e in errors} == {
        ("empty.txt", None),
        ("more.jsonl", 6),
        ("archive.parquet", 8),
    }


def test_parquet_shards_hold_the_local_events_in_order(corpus, scheduler, tmp_path):
    local_jsonl = tmp_path / "local.jsonl"
    assert _run("extract", *_inputs(corpus), "--out", str(local_jsonl), "--quiet").exit_code == 3
    expected = [json.loads(line) for line in local_jsonl.read_text(encoding="utf-8").splitlines()]
    for engine in (["--engine", "local"], ["--engine", "dask", "--scheduler", scheduler]):
        shards = tmp_path / engine[1]
        args = ("extract", *_inputs(corpus), *engine, "--partition-size", "6", "--format", "parquet")
        assert _run(*args, "--out", str(shards), "--quiet").exit_code == 3
        assert len(list(shards.glob("part-*.parquet"))) >= 5
        rows = read_shards(shards)
        assert [{**row, "evidence": json.loads(row["evidence"])} for row in rows] == expected
        assert _run(*args, "--out", str(shards), "--quiet").exit_code == 2  # shards are never mixed


def test_each_worker_builds_its_pipeline_once(corpus, scheduler):
    from eventwire.engines.dask import DaskEngine, pipelines_built

    with DaskEngine(scheduler, partition_size=3) as engine:
        results = list(engine.code(_inputs(corpus), ReadOptions()))
        built = engine.client.run(pipelines_built)
    assert results == list(LocalEngine().code(_inputs(corpus), ReadOptions()))
    assert len(built) == 2 and set(built.values()) <= {0, 1} and sum(built.values()) >= 1


def test_a_failing_partition_is_retried_then_reported_not_dropped(scheduler, tmp_path):
    from eventwire.engines.dask import DaskEngine

    reports = list(read_inputs([str(SAMPLES / "samples.jsonl")], ReadOptions()))
    missing = str(tmp_path / "gone.parquet")  # planned, then gone before a worker reads it
    partitions = iter(
        [ItemsPartition(0, tuple(reports[:2])), ParquetSlice(1, missing, 0, 3), ItemsPartition(2, tuple(reports[2:4]))]
    )
    with DaskEngine(scheduler) as engine:
        results = list(engine.run_partitions(partitions, ReadOptions()))
    assert [r.report.id for r in results[:2]] == [r.id for r in reports[:2]]
    failed = results[2:5]
    assert [(e.input, e.line) for e in failed] == [(missing, 1), (missing, 2), (missing, 3)]
    assert all("partition 1 failed after 2 retries" in e.reason and "FileNotFoundError" in e.reason for e in failed)
    assert [r.report.id for r in results[5:]] == [r.id for r in reports[2:4]]


def test_engine_option_errors_exit_2(tmp_path):
    strike = str(SAMPLES / "en-mykolaiv-strike.txt")
    assert _run("extract", strike, "--workers", "2").exit_code == 2
    assert (
        _run("extract", strike, "--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1").exit_code == 2
    )
    assert _run("extract", strike, "--format", "parquet").exit_code == 2
    assert (
        _run("extract", strike, "--format", "parquet", "--out", str(tmp_path), "--db", str(tmp_path / "x.db")).exit_code
        == 2
    )
    assert _run("extract", strike, "--out", str(tmp_path)).exit_code == 2
