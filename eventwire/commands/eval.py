"""`eventwire eval`: score extraction against gold sets."""

from __future__ import annotations

import json
import sys

import click

from ..evaluation import GoldError, Split, evaluate
from ..evaluation.baseline import raise_floors, read_baseline, write_baseline


@click.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--pred",
    type=click.Path(exists=True, dir_okay=False),
    help="Score these events (JSONL from `eventwire extract`) instead of running the pipeline.",
)
@click.option(
    "--split",
    type=click.Choice([split.value for split in Split]),
    default=Split.ALL.value,
    show_default=True,
    help="Score one half of each set: tune (its misses shown) or check (aggregate figures only); docs/evaluation.md.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON (ids and labels, no text).")
@click.option("--errors", "max_errors", default=10, show_default=True, help="How many misses to list per set.")
@click.option("--show-text", is_flag=True, help="Show the start of each missed document's text (terminal only).")
@click.option(
    "--write-baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help="Raise the floors in this baseline file (e.g. tests/eval_baseline.json) to the scores measured now.",
)
def eval_command(
    gold: tuple[str, ...],
    pred: str | None,
    split: str,
    as_json: bool,
    max_errors: int,
    show_text: bool,
    baseline_path: str | None,
) -> None:
    """Score events against the gold sets in GOLD... (JSONL with a `gold` object per document).

    Without --pred, the pipeline codes the gold documents itself (doc_id = the gold `id`). Only the
    tune half's misses are ever listed; scored whole, each set also shows both halves and their gap.
    """
    try:
        evaluations = evaluate(gold, pred, max_errors=max_errors, split=Split(split))
    except (GoldError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        from ..evaluation.render import to_json

        click.echo(json.dumps(to_json(evaluations), indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        from ..evaluation.render import render

        render(evaluations, Console(width=None if sys.stdout.isatty() else 200), show_text=show_text)
    if baseline_path:
        baseline = read_baseline(baseline_path)
        changes = [
            line
            for ev in evaluations
            for half, result in (ev.halves or {Split(ev.gold_set.split): ev.result}).items()
            for line in raise_floors(baseline, ev.gold_set, half, result)
        ]
        write_baseline(baseline_path, baseline)
        click.echo("\n".join(changes) or f"{baseline_path}: no floor raised", err=True)
