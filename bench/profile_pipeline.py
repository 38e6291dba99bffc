"""Where the pipeline's time goes: cProfile over the bench corpus, the top functions of each stage.

    .venv/bin/python bench/profile_pipeline.py [--reports 300] [--top 6]

Codes `--reports` reports of `bench_pipeline.py`'s generated corpus (600 words, the sample
languages in turn, no language hint) under cProfile, after a warm-up, and prints, for each stage,
its cumulative time per report and the functions with the most own time among those it calls
(a function is counted under the stage whose code it belongs to, or under "shared" for the
package's common modules such as `text.py` and `gazetteer/`). The output is Markdown, for
bench/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import generate_corpus

from eventwire import Pipeline
from eventwire.pipeline import DEFAULT_STAGES

WARM_UP = 21  # three reports of each sample language


def owner(filename: str) -> str:
    """The stage a function's file belongs to ("shared" for the rest of the package, "outside" beyond it)."""
    path = filename.replace("\\", "/")
    if "/eventwire/stages/" not in path:
        return "shared" if "/eventwire/" in path else "outside"
    rest = path.split("/eventwire/stages/", 1)[1]
    return rest.split("/", 1)[0].removesuffix(".py")


def listed(rows: list[tuple[float, int, str]], reports: int) -> str:
    return "; ".join(f"{name} {seconds * 1000 / reports:.2f} ({calls / reports:.0f})" for seconds, calls, name in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--top", type=int, default=6)
    args = parser.parse_args()
    corpus = generate_corpus(args.reports + WARM_UP, 600, hint=False)
    pipeline = Pipeline()
    for report in corpus[:WARM_UP]:  # every language's lexicons compiled before measuring
        pipeline.code(report)
    profiler = cProfile.Profile()
    profiler.enable()
    for report in corpus[WARM_UP:]:
        pipeline.code(report)
    profiler.disable()
    stats = pstats.Stats(profiler)
    entries = {dotted.rsplit(":", 1)[1]: name for name, dotted, *_ in DEFAULT_STAGES}
    per_report = 1000.0 / args.reports
    total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
    cumulative: dict[str, float] = {}
    own: dict[str, list[tuple[float, int, str]]] = defaultdict(list)
    for (filename, line, function), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        if function in entries and "/eventwire/stages/" in filename:
            cumulative[entries[function]] = cumtime
        where = owner(filename)
        short = filename.split("/eventwire/", 1)[-1] if "/eventwire/" in filename else Path(filename).name
        own[where].append((tottime, calls, f"`{short}:{line} {function}`"))
    print(f"{args.reports} reports, {total * per_report:.2f} ms per report in all (under cProfile)\n")
    print("| stage | ms/report (cumulative) | top functions by own time (ms/report, calls/report) |")
    print("|---|---|---|")
    for name, *_ in DEFAULT_STAGES:
        rows = sorted(own.get(name, []), reverse=True)[: args.top]
        print(f"| {name} | {cumulative.get(name, 0.0) * per_report:.2f} | {listed(rows, args.reports)} |")
    for group in ("shared", "outside"):
        rows = sorted(own.get(group, []), reverse=True)[: args.top]
        spent = sum(r[0] for r in own.get(group, [])) * per_report
        print(f"| ({group}) | {spent:.2f} own | {listed(rows, args.reports)} |")


if __name__ == "__main__":
    main()
