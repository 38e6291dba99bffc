"""Time the language layer (language, sentences, dates, numbers) per 600-word report, per stage.

    .venv/bin/python bench/bench_language.py [--rounds N] [--repeat N]

Reports are built from the bundled samples of each language (repeated to 600 words), so the figure
needs nothing outside the project. The four stages run one after the other on the report, as in the
pipeline, in CPU time (so the figure holds on a busy machine) on one core; the best of several rounds
is kept (per stage, and for the whole layer the best round's total). Caches that hold across reports
(compiled lexicons, number words already cut) are warm, as in a batch run; what is cached per report
text (its normalised copy, where its words and digits are) is forgotten before every run, so each run
pays for it as a new report would. Language identification runs without a hint (the `(hint)` column
shows its cost with one). When ../shared/seed is beside the project, the seed report (522 words of
real Dutch news) is timed too. The budget: the whole layer under 2 ms per 600-word report.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from eventwire.doc import Doc
from eventwire.readers import ReadOptions, read_inputs
from eventwire.records import Report
from eventwire.stages.dates import find_dates
from eventwire.stages.language import detect_language
from eventwire.stages.numbers import find_numbers
from eventwire.stages.sentences import split_sentences
from eventwire.text import clear_report_caches

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "eventwire" / "samples"
SEED = ROOT.parent / "shared" / "seed" / "kherson-2022-11.nl.txt"
WORDS = 600
BUDGET_MS = 2.0


def reports_by_language() -> dict[str, Report]:
    """One 600-word report per language, made of that language's sample reports."""
    texts: dict[str, list[Report]] = {}
    for report in read_inputs([str(p) for p in sorted(SAMPLES.glob("*.txt"))], ReadOptions()):
        if isinstance(report, Report):
            texts.setdefault(Path(report.id).name[:2], []).append(report)
    built = {}
    for language, reports in sorted(texts.items()):
        paragraphs: list[str] = []
        while sum(len(p.split()) for p in paragraphs) < WORDS:
            paragraphs.append(reports[len(paragraphs) % len(reports)].text)
        words = "\n\n".join(paragraphs).split(" ")
        built[language] = replace(reports[0], text=" ".join(words[:WORDS]), language=None)
    if SEED.exists():
        seed = next(read_inputs([str(SEED)], ReadOptions()))
        if isinstance(seed, Report):
            built["seed"] = seed
    return built


STAGES = {"language": detect_language, "sentences": split_sentences, "dates": find_dates, "numbers": find_numbers}


def layer_ms(report: Report, rounds: int, repeat: int) -> tuple[dict[str, float], float]:
    """Milliseconds per report of each stage (its best round) and of the whole layer (the best round's
    total), the stages run in order on a report new to the caches."""
    best = dict.fromkeys(STAGES, float("inf"))
    best_total = float("inf")
    for _ in range(rounds):
        spent = dict.fromkeys(STAGES, 0.0)
        for _ in range(repeat):
            clear_report_caches()
            doc = Doc(report=report)
            for name, stage in STAGES.items():
                start = time.process_time()
                doc = stage(doc)
                spent[name] += time.process_time() - start
        best = {name: min(best[name], spent[name] / repeat * 1000) for name in STAGES}
        best_total = min(best_total, sum(spent.values()) / repeat * 1000)
    return best, best_total


def hinted_ms(report: Report, hint: str, rounds: int, repeat: int) -> float:
    doc = Doc(report=replace(report, language=hint))
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(repeat):
            detect_language(doc)
        best = min(best, (time.process_time() - start) / repeat * 1000)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds; the best is kept (default 15)")
    parser.add_argument("--repeat", type=int, default=20, help="reports per round (default 20)")
    args = parser.parse_args()
    header = f"{'lang':<5}{'language':>10}{'(hint)':>9}{'sentences':>11}{'dates':>9}{'numbers':>9}{'total':>9}"
    print(f"ms per {WORDS}-word report, best of {args.rounds} rounds of {args.repeat}\n{header}")
    worst = 0.0
    for language, report in reports_by_language().items():
        layer_ms(report, 1, 1)  # warm the caches that hold across reports
        ms, total = layer_ms(report, args.rounds, args.repeat)
        hinted = hinted_ms(report, language if language != "seed" else "nl", args.rounds, args.repeat)
        worst = max(worst, total)
        stages = f"{ms['sentences']:>11.3f}{ms['dates']:>9.3f}{ms['numbers']:>9.3f}"
        print(f"{language:<5}{ms['language']:>10.3f}{hinted:>9.3f}{stages}{total:>9.3f}")
    verdict = "within" if worst < BUDGET_MS else "OVER"
    print(f"\nworst total {worst:.3f} ms ({verdict} the {BUDGET_MS} ms budget, without a hint)")


if __name__ == "__main__":
    main()
