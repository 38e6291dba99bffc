"""Time the language layer (language, sentences, dates, numbers) per 600-word report, per stage.

    .venv/bin/python bench/bench_language.py [--repeat N]

Reports are built from the bundled samples of each language (repeated to 600 words), so the figure
needs nothing outside the project. Each stage is timed on its own (best of several rounds, one core),
with the caches warm, as in a batch run, in CPU time (so the figure holds on a busy machine);
language identification is timed with and without a `lang` hint. When ../shared/seed is beside the
project, the seed report (522 words of real Dutch news) is timed too. The budget: the whole layer
under 2 ms per 600-word report.
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


def best_ms(function, doc: Doc, repeat: int) -> float:
    function(doc)  # warm the caches
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for _ in range(repeat):
            function(doc)
        best = min(best, (time.process_time() - start) / repeat * 1000)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    header = f"{'lang':<5}{'language':>10}{'(hint)':>9}{'sentences':>11}{'dates':>9}{'numbers':>9}{'total':>9}"
    print(f"ms per {WORDS}-word report, best of 5 rounds of {args.repeat}\n{header}")
    worst = 0.0
    for language, report in reports_by_language().items():
        doc = Doc(report=report)
        detect = best_ms(detect_language, doc, args.repeat)
        hint = language if language != "seed" else "nl"
        hinted = best_ms(detect_language, Doc(report=replace(report, language=hint)), args.repeat)
        doc = detect_language(doc)
        sentences = best_ms(split_sentences, doc, args.repeat)
        doc = split_sentences(doc)
        dates = best_ms(find_dates, doc, args.repeat)
        numbers = best_ms(find_numbers, doc, args.repeat)
        total = detect + sentences + dates + numbers
        worst = max(worst, total)
        print(f"{language:<5}{detect:>10.3f}{hinted:>9.3f}{sentences:>11.3f}{dates:>9.3f}{numbers:>9.3f}{total:>9.3f}")
    verdict = "within" if worst < BUDGET_MS else "OVER"
    print(f"\nworst total {worst:.3f} ms ({verdict} the {BUDGET_MS} ms budget, without a hint)")


if __name__ == "__main__":
    main()
