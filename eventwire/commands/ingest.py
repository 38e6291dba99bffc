"""`eventwire ingest`: code reports and store them, merging reports of one happening into one event."""

from __future__ import annotations

import sys
from contextlib import ExitStack

import click

from ..ingestion import code_and_store
from ..readers import ReadOptions, read_inputs
from ..records import PartialDate
from ..store import BATCH_SIZE, Store
from .demo import DEFAULT_DB
from .extract import EXIT_OK, EXIT_SKIPPED, error_writer, input_options


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
    with ExitStack() as stack:
        errors_file = stack.enter_context(open(errors_path, "w", encoding="utf-8")) if errors_path else None
        store = stack.enter_context(Store(db))
        reports = read_inputs(list(inputs), ReadOptions(published=published, language=lang, theatre=theatre))
        tally = code_and_store(
            reports, store, batch_size=batch_size, on_error=error_writer(errors_file) if errors_file else None
        )
        store.optimize()
    if not quiet:
        click.echo(
            f"{tally.stored} reports stored ({tally.known} stored before, {len(tally.errors)} inputs skipped): "
            f"{tally.new_events} new events, {tally.joined_events} reports of known events; in {db}",
            err=True,
        )
    sys.exit(EXIT_SKIPPED if tally.errors else EXIT_OK)
