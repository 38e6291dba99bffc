"""The accuracy baseline: per gold set, the sha256 of the gold file and, for each half (tune, check),
a floor for each headline metric.

`tests/test_accuracy_gate.py` fails when a score falls below its floor or a gold file changed.
`eventwire eval --write-baseline FILE` only raises floors (measured, rounded down to 2 decimals,
minus 0.01); a floor is lowered by hand, with the reason in the commit. A gold file whose sha256
changed gets fresh floors, since its old ones measured a different set.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .gold import GoldSet
from .metrics import SetResult

MARGIN = 0.01
COMMENT = (
    "Accuracy floors for tests/test_accuracy_gate.py, per ../shared/eval-dev gold set and half (tune, check; see "
    "eventwire/evaluation/split.py): the measured score rounded down to 2 decimals minus 0.01. Raise with "
    "`eventwire eval GOLD... --write-baseline FILE` (it never lowers a floor); "
    "lower only by hand, with the reason in the commit. sha256: the gold file the floors were measured on."
)


@dataclass(frozen=True, slots=True)
class Shortfall:
    set_name: str
    half: str
    metric: str
    score: float
    floor: float

    def __str__(self) -> str:
        return f"{self.set_name} [{self.half}]: {self.metric} {self.score:.4f} < floor {self.floor:.2f}"


def floor_of(score: float) -> float:
    """0.8437 -> 0.83: rounded down to 2 decimals, minus a margin of 0.01, never below 0."""
    return max(0.0, round(math.floor(score * 100 + 1e-9) / 100 - MARGIN, 2))


def read_baseline(path: Path | str) -> dict[str, Any]:
    path = Path(path)
    if not path.exists():
        return {"_comment": COMMENT, "sets": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def write_baseline(path: Path | str, baseline: dict[str, Any]) -> None:
    Path(path).write_text(json.dumps(baseline, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def shortfalls(entry: dict[str, Any], set_name: str, half: str, result: SetResult) -> list[Shortfall]:
    """Headline metrics of one half below their floor; a metric without a floor is not checked."""
    floors: dict[str, float] = entry.get("floors", {}).get(half, {})
    measured = result.headline()
    return [
        Shortfall(set_name, half, metric, measured.get(metric, 0.0), floor)
        for metric, floor in floors.items()
        if measured.get(metric, 0.0) < floor
    ]


def raise_floors(baseline: dict[str, Any], gold_set: GoldSet, half: str, result: SetResult) -> list[str]:
    """Update the floors of one half of one set in place; return what changed, one line each.

    `half` is "tune" or "check"; a result of the whole file ("all") raises nothing.
    """
    if half not in ("tune", "check"):
        return []
    sets: dict[str, Any] = baseline.setdefault("sets", {})
    entry = sets.get(gold_set.name)
    measured = {metric: floor_of(score) for metric, score in result.headline().items()}
    if entry is None or entry.get("sha256") != gold_set.sha256:
        why = "new set" if entry is None else "gold file changed"
        sets[gold_set.name] = {"file": gold_set.path.name, "sha256": gold_set.sha256, "floors": {half: measured}}
        return [f"{gold_set.name} [{half}]: {why}, floors set to {measured}"]
    changes = []
    floors: dict[str, float] = entry.setdefault("floors", {}).setdefault(half, {})
    for metric, floor in measured.items():
        old = floors.get(metric)
        if old is None or floor > old:
            floors[metric] = floor
            changes.append(f"{gold_set.name} [{half}]: {metric} floor {old} -> {floor}")
    return changes
