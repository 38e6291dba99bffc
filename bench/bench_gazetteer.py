"""Gazetteer load time and memory, geoparsing time per report, and the geoparser's own accuracy.

    .venv/bin/python bench/bench_gazetteer.py [REPORTS.jsonl ...]

Builds the embedded gazetteer first if it is not in the cache (and says how long that took), then
measures, in this process: opening it and answering the first look-ups (load time), the memory the
process holds afterwards (resident set size, and its growth over the interpreter's own), and the
places stage on every report given (by default the bundled samples and, where present,
../shared/eval-dev/*.jsonl): milliseconds per report, with the look-up cache cold. Where the gold sets
are present, it also scores the geoparser apart from the event coder: the share of reports whose best
place mention (the most precise, then the first) lies within 25 km (Bellingcat) or 50 km (UCDP
headlines whose gold says the place is in the text) of the gold point.
"""

from __future__ import annotations

import json
import math
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DEV = ROOT.parent / "shared" / "eval-dev"
DEFAULT_SETS = [EVAL_DEV / "bellingcat_places.jsonl", EVAL_DEV / "ucdp_headlines.jsonl"]


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reports(paths: list[Path]) -> list[tuple[str, str]]:
    texts = []
    for path in paths:
        if path.suffix == ".jsonl" and path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                texts.append((row["text"], row.get("lang") or "en"))
    samples = ROOT / "eventwire" / "samples"
    for path in sorted(samples.glob("*.txt")):
        language = path.name.split("-")[0]
        texts.append((path.read_text(encoding="utf-8").split("\n", 1)[-1], language))
    return texts


PRECISION = {"city": 0, "feature": 1, "admin2": 2, "admin1": 3}
GOLD_SETS = (("bellingcat_places.jsonl", 25.0, False), ("ucdp_headlines.jsonl", 50.0, True))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


def geoparser_accuracy() -> None:
    from eventwire.pipeline import Pipeline, PipelineConfig
    from eventwire.records import PartialDate, Report

    pipeline = Pipeline(PipelineConfig(disable=frozenset({"triggers", "attribution", "assemble"})))
    for name, limit, in_text_only in GOLD_SETS:
        path = EVAL_DEV / name
        if not path.exists():
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        rows = [r for r in rows if r["gold"].get("location_in_text") or not in_text_only]
        hits = 0
        for row in rows:
            published = PartialDate.parse(row["published"]) if row.get("published") else None
            doc = pipeline.run(Report(row["id"], row["text"], published, row.get("lang")))
            mentions = [m for m in doc.places if not m.anaphora]
            if mentions:
                best = min(mentions, key=lambda m: (PRECISION.get(m.place.kind, 4), m.span.start)).place
                hits += km(best.latitude, best.longitude, row["gold"]["latitude"], row["gold"]["longitude"]) <= limit
        print(f"geoparser, {name}: best place mention within {limit:.0f} km for {hits}/{len(rows)} = "
              f"{hits / max(1, len(rows)):.1%}")  # fmt: skip


def main(argv: list[str]) -> None:
    baseline = rss_mb()
    from eventwire import gazetteer as gz
    from eventwire.lexicon import languages
    from eventwire.stages.places import find_place_mentions

    path = gz.cache_dir() / f"gazetteer-{gz.source_key()}.sqlite"
    if not path.exists():
        started = time.perf_counter()
        gz.build(path)
        print(f"build: {time.perf_counter() - started:.1f} s (once, into {path})")
    print(f"gazetteer file: {path.stat().st_size / 1e6:.0f} MB")
    imported = rss_mb()
    started = time.perf_counter()
    gazetteer = gz.gazetteer()  # hashes the sources, finds the built file, opens it
    for name in ("Kherson", "Mykolaiv", "Київ", "Nowhere-at-all"):
        gazetteer.lookup(name)
    print(f"load: {(time.perf_counter() - started) * 1000:.1f} ms (open + first look-ups)")
    texts = reports([Path(a) for a in argv] or DEFAULT_SETS)
    known = set(languages())
    started = time.perf_counter()
    mentions = 0
    for text, language in texts:
        found, _ = find_place_mentions(text, language if language in known else "en")
        mentions += len(found)
    elapsed = time.perf_counter() - started
    per_report = elapsed / max(1, len(texts)) * 1000
    print(f"geoparse: {len(texts)} reports, {mentions} place mentions, {per_report:.2f} ms/report")
    print(f"memory: {rss_mb():.0f} MB resident ({rss_mb() - baseline:.0f} MB over the bare interpreter, "
          f"{imported - baseline:.0f} MB of it for importing eventwire)")  # fmt: skip
    if not argv:
        geoparser_accuracy()


if __name__ == "__main__":
    main(sys.argv[1:])
