"""`eventwire ingest`: code reports and store them, merging reports of one happening into one event."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import asdict

import click

from ..pipeline import Coded, Pipeline
from ..readers import ReadOptions, read_inputs
from ..records import InputError, PartialDate, Report
from ..store import BATCH_SIZE, Store
from .demo import DEFAULT_DB
from .extract import EXIT_OK, EXIT_SKIPPED, input_options


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file or postgresql:// URL to store into.")
@input_options
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=BATCH_SIZE,
    show_default=True,
    help="Reports stored per transaction.",
)
@click.option("--quiet", is_flag=True, help="No counts on stderr.")
def ingest(
    inputs: tuple[str, ...],
    db: str,
    errors_path: str | None,
    published: PartialDate | None,
    lang: str | None,
    theatre: tuple[str, ...] | None,
    batch_size: int,
    quiet: bool,
) -> None:
    """Code the reports in INPUT... and store them in the database (a report seen before is skipped).

    Each batch of reports is stored in one transaction: an interrupted run leaves the database
    consistent, and running it again finishes the job.
    """
    skipped = known = 0
    errors_file = open(errors_path, "w", encoding="utf-8") if errors_path else None  # noqa: SIM115
    store = Store(db)

    def unseen(items: Iterator[Report | InputError]) -> Iterator[Report | InputError]:
        """Reports stored before are not coded again (a rerun after an interruption is quick)."""
        nonlocal known
        for item in items:
            if isinstance(item, Report) and store.has_report(item.text):
                known += 1
                continue
            yield item

    def coded_only(items: Iterator[Coded | InputError]) -> Iterator[Coded]:
        nonlocal skipped
        for item in items:
            if isinstance(item, InputError):
                skipped += 1
                if errors_file:
                    errors_file.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
                continue
            yield item

    try:
        reports = unseen(read_inputs(list(inputs), ReadOptions(published=published, language=lang, theatre=theatre)))
        added = list(store.add_many(coded_only(Pipeline().code_all(reports)), batch_size=batch_size))
        store.optimize()
    finally:
        store.close()
        if errors_file:
            errors_file.close()
    if not quiet:
        new = [a for a in added if a.stored]
        click.echo(
            f"{len(new)} reports stored ({known + len(added) - len(new)} stored before, {skipped} inputs skipped): "
            f"{sum(a.new_events for a in new)} new events, "
            f"{sum(len(a.event_ids) - a.new_events for a in new)} reports of known events; in {db}",
            err=True,
        )
    sys.exit(EXIT_SKIPPED if skipped else EXIT_OK)
