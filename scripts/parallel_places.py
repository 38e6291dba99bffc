"""One place whatever the language: code our parallel reports and print how many happenings are coded
at one place in every language (see eventwire/evaluation/parallel.py).

    .venv/bin/python scripts/parallel_places.py                              # both sets
    .venv/bin/python scripts/parallel_places.py tests/data/parallel_places.jsonl --misses
    .venv/bin/python scripts/parallel_places.py tests/data/world_places.jsonl --gold   # names the gazetteer lacks

`tests/data/parallel_places.jsonl` is the set we tune on: `--misses` lists its happenings coded at more
than one place, report by report. `tests/data/parallel_places_check.jsonl` is kept apart like eval-dev's
check half: only its aggregate figures are printed, never its misses.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventwire.evaluation.parallel import (
    Coding,
    ParallelResult,
    at_one_place,
    code_reports,
    load_parallel,
    named_points,
    score_parallel,
)
from eventwire.gazetteer import gazetteer
from eventwire.pipeline import Pipeline
from eventwire.text import fold

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = (DATA / "parallel_places.jsonl", DATA / "parallel_places_check.jsonl")


def kept_apart(path: Path) -> bool:
    return path.stem.endswith("_check")


def summary(path: Path, result: ParallelResult) -> list[str]:
    lines = [f"{path.name}: {result.at_one_place}/{result.happenings} happenings at one place ({result.share:.3f})"]
    reports = sum(score.reports for score in result.by_language.values())
    named = sum(score.at_named_place for score in result.by_language.values())
    lines.append(f"  all: {reports} reports, {named} at the named place ({named / reports:.3f})")
    for lang, score in result.by_language.items():
        lines.append(
            f"  {lang}: {score.reports} reports, {score.located} with a located event,"
            f" {score.at_named_place} at the named place ({score.at_named_place / score.reports:.3f})"
        )
    return lines


def misses(codings: list[Coding]) -> list[str]:
    by_happening: dict[str, list[Coding]] = {}
    for coding in codings:
        by_happening.setdefault(coding.report.happening, []).append(coding)
    lines = []
    for happening, group in by_happening.items():
        if at_one_place(group) and all(c.at_named_place for c in group):
            continue
        first = group[0].report
        lines.append(f"{happening}: {first.place} ({first.admin1}, {first.level})")
        for c in group:
            where = f"{c.location} ({c.admin1}), geo_precision {c.geo_precision}" if c.location else "no located event"
            lines.append(f"  {c.report.id}: {where}")
    return lines


def unknown_gold(path: Path) -> list[str]:
    """The lines whose named place the gazetteer does not know (a town by `place` in `admin1`; a region
    by `admin1`): the set's gold must name places as GeoNames does."""
    rows = gazetteer().conn.execute("SELECT name FROM place WHERE kind = 'admin1'").fetchall()
    regions = {fold(name) for (name,) in rows}
    lines = []
    for report in load_parallel(path):
        known = fold(report.admin1) in regions if report.level == "region" else bool(named_points(report))
        if not known:
            lines.append(f"{report.id}: {report.place} ({report.admin1}, {report.level}) is not in the gazetteer")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="parallel sets (default: both of tests/data)")
    parser.add_argument("--misses", action="store_true", help="list the split happenings (not of a kept-apart set)")
    parser.add_argument("--gold", action="store_true", help="only list the lines whose gold place is unknown")
    args = parser.parse_args(argv)
    if args.gold:
        problems = [line for path in args.paths or SETS for line in unknown_gold(path)]
        print("\n".join(problems) or "every named place is in the gazetteer")
        return 1 if problems else 0
    pipeline = Pipeline()
    for path in args.paths or [p for p in SETS if p.exists()]:
        codings = code_reports(pipeline, load_parallel(path))
        print("\n".join(summary(path, score_parallel(codings))))
        if args.misses and kept_apart(path):
            print(f"  ({path.name} is kept apart: its misses are not shown)")
        elif args.misses:
            print("\n".join(misses(codings)) or "  no happening is split")
    return 0


if __name__ == "__main__":
    sys.exit(main())
