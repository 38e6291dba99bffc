"""How the rules type our own labelled sentences (training/sentences: written by us, never eval-dev).

    .venv/bin/python scripts/rules_on_sentences.py                 # every language
    .venv/bin/python scripts/rules_on_sentences.py --language de --misses 30

Each sentence is coded as a one-sentence report published 2024-05-10 in its language; the rules' answer
is the sub-event type of its first event, or "none". Prints, per language, the share of sentences typed
as labelled, and the macro-F1 over sub-event types (with "none" as a class), so a lexicon change can be
measured on sentences nobody tuned the rules on.

The sentences fall in two halves by the rule of eventwire/evaluation/split.py (first byte of the
SHA-256 of the sentence's text even: tune; odd: check). Both halves' figures are printed; misses only
of the tune half, so the check half stays a measure of sentences no change was fitted to.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from eventwire.pipeline import Pipeline
from eventwire.records import PartialDate, Report

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "training" / "sentences"
NONE = "none"


@dataclass(frozen=True)
class Labelled:
    language: str
    label: str
    style: str
    text: str

    @property
    def half(self) -> str:
        return "tune" if hashlib.sha256(self.text.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def labelled_sentences(language: str | None) -> list[Labelled]:
    rows = []
    for path in sorted(SENTENCES.glob(f"{language or '*'}/*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                label, style, text = line.split("|", 2)
                rows.append(Labelled(path.parent.name, NONE if label.startswith("none:") else label, style, text))
    return rows


def rules_type(pipeline: Pipeline, row: Labelled, index: int) -> str:
    report = Report(f"s{index}", row.text, PartialDate.parse("2024-05-10"), language=row.language)
    events = pipeline.run(report).events
    return events[0].sub_event_type if events else NONE


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = {gold for gold, _ in pairs} | {guess for _, guess in pairs}
    scores = []
    for label in labels:
        true_positive = sum(1 for gold, guess in pairs if gold == guess == label)
        guessed = sum(1 for _, guess in pairs if guess == label)
        actual = sum(1 for gold, _ in pairs if gold == label)
        if actual:
            scores.append(2 * true_positive / (guessed + actual) if guessed + actual else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def f1_of(label: str, pairs: list[tuple[str, str]]) -> tuple[int, int, float]:
    """How many sentences carry the label, how many the rules gave it, and the label's F1."""
    right = sum(1 for gold, guess in pairs if gold == guess == label)
    actual = sum(1 for gold, _ in pairs if gold == label)
    guessed = sum(1 for _, guess in pairs if guess == label)
    return actual, guessed, 2 * right / (actual + guessed) if actual + guessed else 0.0


def print_by_type(rows: list[Labelled], guesses: list[str]) -> None:
    """F1 per sub-event type over the languages given, tune and check halves side by side."""
    halves: dict[str, list[tuple[str, str]]] = {"tune": [], "check": []}
    for row, guess in zip(rows, guesses, strict=True):
        halves[row.half].append((row.label, guess))
    print("\n| sub-event type | tune: labelled, typed, F1 | check: labelled, typed, F1 |")
    print("|---|---|---|")
    for label in sorted({row.label for row in rows}):
        cells = [f1_of(label, halves[half]) for half in ("tune", "check")]
        print(f"| {label} | " + " | ".join(f"{a}, {g}, {f:.3f}" for a, g, f in cells) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language")
    parser.add_argument("--misses", type=int, default=0, help="print this many mistyped sentences")
    parser.add_argument("--by-type", action="store_true", help="also print F1 per sub-event type, both halves")
    args = parser.parse_args()
    pipeline = Pipeline()
    rows = labelled_sentences(args.language)
    guesses = [rules_type(pipeline, row, index) for index, row in enumerate(rows)]
    by_language: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row, guess in zip(rows, guesses, strict=True):
        for key in ((row.language, row.half), ("all", row.half)):
            by_language.setdefault(key, []).append((row.label, guess))
    print("| language | half | sentences | typed as labelled | macro-F1 | events found in non-events |")
    print("|---|---|---|---|---|---|")
    for (language, half), pairs in sorted(by_language.items(), key=lambda item: (item[0][0] == "all", item[0])):
        right = sum(1 for gold, guess in pairs if gold == guess)
        quiet = [guess for gold, guess in pairs if gold == NONE]
        loud = sum(1 for guess in quiet if guess != NONE)
        print(
            f"| {language} | {half} | {len(pairs)} | {right / len(pairs):.3f} | {macro_f1(pairs):.3f} "
            f"| {loud}/{len(quiet)} |"
        )
    if args.by_type:
        print_by_type(rows, guesses)
    if args.misses:
        misses = [
            (row, guess) for row, guess in zip(rows, guesses, strict=True) if row.label != guess and row.half == "tune"
        ]
        confusions = Counter((row.label, guess) for row, guess in misses).most_common(8)
        print(f"\n{len(misses)} tune-half sentences mistyped; confusions: {confusions}")
        for row, guess in misses[: args.misses]:
            print(f"- [{row.language}] {row.label} -> {guess}: {row.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
