"""Scoring extraction against gold sets (`eventwire eval`, the accuracy gate in the tests).

`evaluate` loads each gold file, takes the half asked for (`split.py`), runs the pipeline on its
documents (or takes events from a `--pred` file) and scores them with the metrics of the set's kind
(see `metrics.py`). Scoring the whole file also scores each half, for the tune/check/gap line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..pipeline import Pipeline
from .gold import GoldDoc, GoldError, GoldSet, SetKind, load_gold
from .metrics import SetResult, score
from .predictions import Predictions, load_predictions, run_pipeline
from .split import HALVES, Split, half_of, select


@dataclass(frozen=True, slots=True)
class Evaluation:
    gold_set: GoldSet
    predictions: Predictions
    result: SetResult
    # Scored on the whole file: each half's result too (tune, check), from the same predictions.
    halves: Mapping[Split, SetResult] = field(default_factory=dict)

    def gaps(self) -> dict[str, float]:
        """Tune minus check, per headline metric (empty unless both halves were scored)."""
        if set(self.halves) != set(HALVES):
            return {}
        tune, check = (self.halves[half].headline() for half in HALVES)
        return {metric: tune[metric] - check[metric] for metric in tune}


def evaluate_set(
    gold_set: GoldSet,
    predictions: Predictions | None = None,
    pipeline: Pipeline | None = None,
    max_errors: int = 10,
    split: Split = Split.ALL,
) -> Evaluation:
    gold_set = select(gold_set, split)
    if predictions is None:
        predictions = run_pipeline(gold_set, pipeline or Pipeline())
    halves = {half: score(select(gold_set, half), predictions, 0) for half in HALVES} if split is Split.ALL else {}
    return Evaluation(gold_set, predictions, score(gold_set, predictions, max_errors), halves)


def evaluate(
    gold_paths: Sequence[Path | str],
    pred_path: Path | str | None = None,
    pipeline: Pipeline | None = None,
    max_errors: int = 10,
    split: Split = Split.ALL,
) -> list[Evaluation]:
    """Score every gold file (or one half of each); with `pred_path`, against those events instead of a pipeline run."""
    predictions = load_predictions(pred_path) if pred_path is not None else None
    if predictions is None:
        pipeline = pipeline or Pipeline()
    return [evaluate_set(load_gold(path), predictions, pipeline, max_errors, split) for path in gold_paths]


__all__ = [
    "Evaluation",
    "GoldDoc",
    "GoldError",
    "GoldSet",
    "Predictions",
    "SetKind",
    "SetResult",
    "Split",
    "evaluate",
    "evaluate_set",
    "half_of",
    "load_gold",
    "load_predictions",
    "run_pipeline",
    "score",
    "select",
]
