"""Scoring extraction against gold sets (`eventwire eval`, the accuracy gate in the tests).

`evaluate` loads each gold file, runs the pipeline on its documents (or takes events from a
`--pred` file) and scores them with the metrics of the set's kind (see `metrics.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..pipeline import Pipeline
from .gold import GoldDoc, GoldError, GoldSet, SetKind, load_gold
from .metrics import SetResult, score
from .predictions import Predictions, load_predictions, run_pipeline


@dataclass(frozen=True, slots=True)
class Evaluation:
    gold_set: GoldSet
    predictions: Predictions
    result: SetResult


def evaluate_set(
    gold_set: GoldSet, predictions: Predictions | None = None, pipeline: Pipeline | None = None, max_errors: int = 10
) -> Evaluation:
    if predictions is None:
        predictions = run_pipeline(gold_set, pipeline or Pipeline())
    return Evaluation(gold_set, predictions, score(gold_set, predictions, max_errors))


def evaluate(
    gold_paths: Sequence[Path | str],
    pred_path: Path | str | None = None,
    pipeline: Pipeline | None = None,
    max_errors: int = 10,
) -> list[Evaluation]:
    """Score every gold file; with `pred_path`, against those events instead of a pipeline run."""
    predictions = load_predictions(pred_path) if pred_path is not None else None
    if predictions is None:
        pipeline = pipeline or Pipeline()
    return [evaluate_set(load_gold(path), predictions, pipeline, max_errors) for path in gold_paths]


__all__ = [
    "Evaluation",
    "GoldDoc",
    "GoldError",
    "GoldSet",
    "Predictions",
    "SetKind",
    "SetResult",
    "evaluate",
    "evaluate_set",
    "load_gold",
    "load_predictions",
    "run_pipeline",
    "score",
]
