"""The accuracy gate: scores on ../shared/eval-dev may not fall below the floors in eval_baseline.json.

Each set is scored by halves (tune and check, see eventwire/evaluation/split.py), each with floors of its own.

Skipped where ../shared/eval-dev is absent. A changed gold file must be re-baselined deliberately:
`eventwire eval ../shared/eval-dev/*.jsonl --write-baseline tests/eval_baseline.json` raises floors;
a floor is lowered only by hand, with the reason in the commit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire import Pipeline
from eventwire.evaluation import Split, evaluate_set, load_gold
from eventwire.evaluation.baseline import read_baseline, shortfalls

from .conftest import SHARED

EVAL_DEV = SHARED / "eval-dev"
BASELINE = read_baseline(Path(__file__).with_name("eval_baseline.json"))["sets"]
REBASELINE = "eventwire eval ../shared/eval-dev/*.jsonl --write-baseline tests/eval_baseline.json"


@pytest.fixture(scope="module")
def eval_dev() -> Path:
    if not EVAL_DEV.is_dir():
        pytest.skip("../shared/eval-dev is not beside the project")
    return EVAL_DEV


def test_every_gold_set_has_floors(eval_dev: Path) -> None:
    files = {path.name for path in eval_dev.glob("*.jsonl")}
    assert files <= {entry["file"] for entry in BASELINE.values()}, f"new gold set: run {REBASELINE}"


@pytest.mark.parametrize("half", [Split.TUNE, Split.CHECK])
@pytest.mark.parametrize("name", sorted(BASELINE))
def test_scores_hold_their_floors(name: str, half: Split, eval_dev: Path, pipeline: Pipeline) -> None:
    entry = BASELINE[name]
    path = eval_dev / entry["file"]
    if not path.exists():
        pytest.skip(f"{path} is absent")
    gold_set = load_gold(path)
    assert gold_set.sha256 == entry["sha256"], f"{path.name} changed: re-baseline deliberately ({REBASELINE})"
    result = evaluate_set(gold_set, pipeline=pipeline, split=half).result
    assert set(entry["floors"].get(half, {})) == set(result.headline()), (
        f"every headline metric of {half} needs a floor"
    )
    below = shortfalls(entry, name, half, result)
    assert not below, "; ".join(map(str, below))
