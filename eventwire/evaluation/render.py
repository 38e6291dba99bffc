"""Results on a terminal (rich tables) and as JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..taxonomy import SUB_EVENT_TYPES
from . import Evaluation
from .metrics import (
    NONE_LABEL,
    BellingcatResult,
    CaseResult,
    Counts,
    ItnResult,
    Miss,
    Share,
    Skips,
    UcdpResult,
)

SNIPPET_CHARS = 90


def pct(value: float) -> str:
    return f"{value:.3f}"


def fmt_share(value: Share) -> str:
    return f"{value.share:.3f} ({value.hits}/{value.total})"


def counts_table(title: str, first_column: str, rows: Mapping[str, Counts]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(first_column)
    for name in ("gold", "pred", "TP", "P", "R", "F1"):
        table.add_column(name, justify="right")
    for name, c in rows.items():
        table.add_row(name, str(c.support), str(c.tp + c.fp), str(c.tp), pct(c.precision), pct(c.recall), pct(c.f1))
    return table


def errors_table(misses: int, errors: Sequence[Miss], texts: Mapping[str, str] | None) -> Table:
    table = Table(title=f"Misses: first {len(errors)} of {misses}", title_justify="left")
    for name in ("doc", "gold", "predicted"):
        table.add_column(name, overflow="fold")
    if texts is not None:
        table.add_column("text", overflow="fold")
    for miss in errors:
        row = [miss.doc_id, miss.gold, miss.predicted]
        if texts is not None:
            row.append(texts.get(miss.doc_id, "")[:SNIPPET_CHARS])
        table.add_row(*row)
    return table


def skips_line(skipped: Skips, from_pipeline: bool) -> str:
    if not from_pipeline:
        return "skipped documents are not known from an events file (documents without events predict nothing)"
    if not skipped.count:
        return "skipped: none"
    reasons = "; ".join(f"{count} × {reason}" for reason, count in skipped.reasons.items())
    return f"skipped (count as predicting nothing): {skipped.count} — {reasons}"


def confusion_grid(confusion: Mapping[str, Mapping[str, int]]) -> Table:
    """Gold rows against main-predicted columns; columns are numbered like the rows, `-` is no event."""
    labels = [*SUB_EVENT_TYPES, NONE_LABEL]
    number = {label: ("-" if label == NONE_LABEL else str(i)) for i, label in enumerate(labels, start=1)}
    used = [label for label in labels if any(row.get(label) for row in confusion.values())]
    table = Table(
        title="Confusion: gold (rows) × main predicted type (columns, numbered as rows)", title_justify="left"
    )
    table.add_column("gold", no_wrap=True)
    for label in used:
        table.add_column(number[label], justify="right")
    for label in labels:
        if label in confusion:
            row = confusion[label]
            cells = [str(row[col]) if row.get(col) else "" for col in used]
            table.add_row(f"{number[label]:>2} {label}", *cells)
    return table


def render_case(console: Console, r: CaseResult) -> None:
    console.print(
        f"macro-F1 {pct(r.macro_f1)} over the {r.macro_classes} of {len(SUB_EVENT_TYPES)} sub-event types with gold "
        "support (types without gold support are left out of the average)"
    )
    if r.unsupported_predicted:
        console.print(f"predicted without gold support (false positives): {r.unsupported_predicted}")
    console.print(
        f"micro P {pct(r.micro.precision)} R {pct(r.micro.recall)} F1 {pct(r.micro.f1)} over (document, sub-event type)"
    )
    console.print(f"null-gold snippets with no event: {fmt_share(r.null_no_event)}")
    console.print(counts_table("Per sub-event type", "sub-event type", r.per_class))
    console.print(confusion_grid(r.confusion))
    console.print(
        "[dim]main predicted type: the gold type when predicted, else the predicted type of highest ACLED priority[/]"
    )


def render_itn(console: Console, r: ItnResult) -> None:
    o = r.overall
    console.print(
        f"detection over (document, event type): P {pct(o.precision)} R {pct(o.recall)} F1 {pct(o.f1)} "
        f"(TP {o.tp}, FP {o.fp}, FN {o.fn})"
    )
    console.print(f"documents without gold event types that produced no event: {fmt_share(r.no_event)}")
    console.print(counts_table("By language", "lang", r.by_language))
    console.print(counts_table("By event type", "event type", r.by_type))


def within_line(within_km: Mapping[int, Share]) -> str:
    return ", ".join(f"≤{km} km {fmt_share(s)}" for km, s in within_km.items())


def render_ucdp(console: Console, r: UcdpResult) -> None:
    console.print(f"documents with gold.location_in_text: {r.located_docs} of {r.docs}")
    console.print(f"an event near the gold point: {within_line(r.within_km)}")
    console.print(f"date exact (one-day gold date, event at day precision): {fmt_share(r.date_exact)}")
    console.print(
        f"toll exact (largest fatalities among the events, 0 without events, vs best): {fmt_share(r.toll_exact)}"
    )


def render_bellingcat(console: Console, r: BellingcatResult) -> None:
    console.print(f"an event near the gold point: {within_line(r.within_km)}")
    console.print(f"date exact (event at day precision on gold.date): {fmt_share(r.date_exact)}")


def render(evaluations: Sequence[Evaluation], console: Console, show_text: bool = False) -> None:
    for ev in evaluations:
        r = ev.result
        console.rule(f"[bold]{escape(ev.gold_set.label)}[/] ({r.kind}) — {ev.gold_set.path}")
        skipped = skips_line(r.skipped, ev.predictions.source == "pipeline")
        console.print(f"{r.docs} documents; predictions: {ev.predictions.source}; {skipped}")
        if isinstance(r, CaseResult):
            render_case(console, r)
        elif isinstance(r, ItnResult):
            render_itn(console, r)
        elif isinstance(r, UcdpResult):
            render_ucdp(console, r)
        else:
            render_bellingcat(console, r)
        texts = {doc.id: doc.text for doc in ev.gold_set.docs} if show_text else None
        if r.misses:
            console.print("misses are listed from the tune half only; the check half's are never shown")
        if r.errors:
            console.print(errors_table(r.misses, r.errors, texts))
        console.print("headline: " + headline_line(r.headline()))
        for half, half_result in ev.halves.items():
            console.print(f"  {half}: " + headline_line(half_result.headline()) + f" ({half_result.docs} documents)")
        if gaps := ev.gaps():
            console.print("  gap (tune - check): " + headline_line(gaps, signed=True))


def headline_line(metrics: Mapping[str, float], signed: bool = False) -> str:
    return ", ".join(f"{name} {value:+.4f}" if signed else f"{name} {value:.4f}" for name, value in metrics.items())


def to_json(evaluations: Sequence[Evaluation]) -> dict[str, Any]:
    """Metrics only: ids and labels, never document text."""
    return {
        "sets": [
            {
                "name": ev.gold_set.name,
                "split": ev.gold_set.split,
                "kind": str(ev.result.kind),
                "file": str(ev.gold_set.path),
                "sha256": ev.gold_set.sha256,
                "predictions": ev.predictions.source,
                "headline": ev.result.headline(),
                "metrics": asdict(ev.result),
                "halves": {str(half): result.headline() for half, result in ev.halves.items()},
                "gap": ev.gaps(),
            }
            for ev in evaluations
        ]
    }
