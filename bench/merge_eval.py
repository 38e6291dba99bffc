"""Pairwise merge precision and recall: do reports of one happening become one stored event?

    .venv/bin/python bench/merge_eval.py [DOCS.jsonl ...]

Each file holds reports with `gold.cluster` (or `cluster`): the same id means the same happening.
The reports are coded and ingested into a temporary SQLite store; two reports are merged when they
support a common stored event. Pairs are counted over the reports that produced at least one event
(extraction misses are not merging errors); `gold pairs (all)` also counts pairs where a report
produced no event, for the end-to-end recall. Default: the ITN dev set beside the project, and our
own pairs in tests/data/merge_pairs.jsonl.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from eventwire import Pipeline
from eventwire.merge import pairwise_scores
from eventwire.readers import ReadOptions, read_inputs
from eventwire.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETS = (
    ROOT.parent / "shared" / "eval-dev" / "itn_multilingual.jsonl",
    ROOT / "tests" / "data" / "merge_pairs.jsonl",
)


def gold_clusters(path: Path) -> dict[str, str]:
    clusters = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            cluster = (record.get("gold") or {}).get("cluster") or record.get("cluster")
            if cluster:
                clusters[str(record["id"])] = str(cluster)
    return clusters


def evaluate(path: Path) -> dict:
    gold = gold_clusters(path)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "merge.db")
        coded = (c for c in Pipeline().code_all(read_inputs([str(path)], ReadOptions())) if hasattr(c, "events"))
        supports = {a.report_id: set(a.event_ids) for a in store.add_many(coded) if a.stored}
        events = store.count_events()
        store.close()
    with_events = {doc: ids for doc, ids in supports.items() if ids}
    scores = pairwise_scores(with_events, gold)
    everything = pairwise_scores({doc: supports.get(doc, set()) for doc in gold}, gold)
    return {
        "file": path.name,
        "reports": len(gold),
        "reports_with_events": len(with_events),
        "stored_events": events,
        "precision": scores.precision,
        "recall": scores.recall,
        "f1": scores.f1,
        "pairs": {"predicted": scores.predicted_pairs, "gold": scores.gold_pairs, "true": scores.true_pairs},
        "recall_end_to_end": everything.recall,
        "gold_pairs_all": everything.gold_pairs,
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(paths: list[str]) -> int:
    targets = [Path(p) for p in paths] or [p for p in DEFAULT_SETS if p.exists()]
    for path in targets:
        print(json.dumps(evaluate(path), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
