"""Fit the weights of the places stage's candidate score (eventwire/stages/places/weights.yaml).

    .venv/bin/python scripts/fit_place_weights.py            # search, print, leave the file as it is
    .venv/bin/python scripts/fit_place_weights.py --write    # and rewrite weights.yaml with what it found

The objective is the mean of three shares, all on material we may tune on: the tune half of eval-dev's
Bellingcat set (event within 25 km) and of its UCDP headlines (within 50 km, where the place is
named), and our parallel tune set (tests/data/parallel_places.jsonl: happenings coded at one place
in every language). The check halves and the kept-apart parallel set are never read here; measure
them after a change with `eventwire eval --split check` and `scripts/parallel_places.py`.

The search is a deterministic coordinate search from the weights in the file: each weight in turn
is multiplied by a few factors or moved by a few steps, and the best strictly better value kept, for
`--rounds` rounds. A tie keeps the value it had, so weights move only where the tune material asks.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from eventwire.evaluation import Split, evaluate_set, load_gold
from eventwire.evaluation.parallel import evaluate_parallel
from eventwire.pipeline import Pipeline
from eventwire.stages.places.features import WEIGHTS_FILE, ScoreWeights, load_score_weights, use_score_weights

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval-dev"
SETS = (("bellingcat_places.jsonl", "within_25km"), ("ucdp_headlines.jsonl", "within_50km"))
PARALLEL_TUNE = ROOT / "tests" / "data" / "parallel_places.jsonl"
FACTORS = (0.0, 0.5, 0.75, 1.25, 1.5, 2.0)
STEPS = (-2.0, -1.0, -0.5, 0.5, 1.0, 2.0)  # added, so that a weight at 0 can move too
MIN_GAIN = 1e-9  # a new value must score strictly better


@dataclass(frozen=True, slots=True)
class Scores:
    bellingcat: float
    ucdp: float
    parallel: float

    @property
    def objective(self) -> float:
        return (self.bellingcat + self.ucdp + self.parallel) / 3

    def line(self) -> str:
        return (
            f"objective {self.objective:.4f} (Bellingcat tune {self.bellingcat:.4f}, UCDP tune {self.ucdp:.4f}, "
            f"parallel tune {self.parallel:.4f})"
        )


class Objective:
    """The tune material, loaded once, scored under given weights."""

    def __init__(self) -> None:
        self.pipeline = Pipeline()
        self.sets = [(load_gold(EVAL / name), metric) for name, metric in SETS]
        self.seen: dict[ScoreWeights, Scores] = {}

    def __call__(self, weights: ScoreWeights) -> Scores:
        if weights not in self.seen:
            use_score_weights(weights)
            shares = [
                evaluate_set(gold, pipeline=self.pipeline, max_errors=0, split=Split.TUNE).result.headline()[metric]
                for gold, metric in self.sets
            ]
            parallel = evaluate_parallel(PARALLEL_TUNE, self.pipeline).share
            self.seen[weights] = Scores(shares[0], shares[1], parallel)
        return self.seen[weights]


def search(objective: Objective, start: ScoreWeights, rounds: int) -> ScoreWeights:
    best, best_score = start, objective(start)
    print("start:", best_score.line())
    for number in range(1, rounds + 1):
        moved = False
        for name in ScoreWeights.model_fields:
            value = getattr(best, name)
            scaled = {round(value * factor, 4) for factor in FACTORS}
            values = sorted(scaled | {round(value + step, 4) for step in STEPS})
            for new in values:
                trial = best.model_copy(update={name: new})
                trial_score = objective(trial)
                if trial_score.objective > best_score.objective + MIN_GAIN:
                    best, best_score, moved = trial, trial_score, True
            print(f"round {number}, {name} = {getattr(best, name)}: {best_score.line()}")
        if not moved:
            break
    return best


def write(weights: ScoreWeights, before: Scores, after: Scores, path: Path = WEIGHTS_FILE) -> None:
    text = path.read_text(encoding="utf-8")
    head = text[: text.index("about:")]
    data = {
        "about": {
            "source": "fitted by scripts/fit_place_weights.py (coordinate search from the hand-set weights) on the "
            "tune half of eval-dev's Bellingcat and UCDP sets and tests/data/parallel_places.jsonl",
            "before": before.line(),
            "after": after.line(),
            "updated": date.today().isoformat(),
        },
        "weights": weights.model_dump(),
    }
    path.write_text(head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="rewrite weights.yaml with the weights found")
    args = parser.parse_args(argv)
    if not all((EVAL / name).exists() for name, _ in SETS):
        print(f"the eval-dev place sets are not in {EVAL}: nothing to fit on", file=sys.stderr)
        return 1
    objective = Objective()
    start = load_score_weights()
    found = search(objective, start, args.rounds)
    print("weights:", found.model_dump())
    if args.write:
        write(found, objective(start), objective(found))
        print(f"written to {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
