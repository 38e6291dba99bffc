"""`eventwire extract`: code reports into events."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import asdict
from typing import TextIO

import click

from ..pipeline import Coded, Pipeline
from ..readers import ReadOptions, read_inputs
from ..records import InputError, PartialDate
from ..store import Store
from ..writers import WRITERS

EXIT_OK, EXIT_USAGE, EXIT_SKIPPED = 0, 2, 3


def parse_published(_: click.Context, __: click.Parameter, value: str | None) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def with_progress(items: Iterator[Coded | InputError], quiet: bool) -> Iterator[Coded | InputError]:
    """A progress bar on stderr, only when stderr is a terminal and not --quiet."""
    if quiet or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} reports coded"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("extract")
        for item in items:
            progress.advance(task)
            yield item


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(WRITERS)),
    default="jsonl",
    show_default=True,
    help="jsonl: every field with its evidence; csv: ACLED columns; geojson: a FeatureCollection.",
)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write events here (default: stdout).")
@click.option("--db", type=click.Path(dir_okay=False), help="Also store reports and events in this SQLite file.")
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write one JSON line per skipped input (input, line, reason).",
)
@click.option(
    "--published",
    callback=parse_published,
    help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) for inputs without one.",
)
@click.option("--lang", help="Language of inputs that do not say (ISO 639-1, e.g. nl).")
@click.option("--quiet", is_flag=True, help="No progress bar and no counts on stderr.")
def extract(
    inputs: tuple[str, ...],
    output_format: str,
    out: str | None,
    db: str | None,
    errors_path: str | None,
    published: PartialDate | None,
    lang: str | None,
    quiet: bool,
) -> None:
    """Code the reports in INPUT... (files, folders, or - for stdin) into events."""
    pipeline = Pipeline()
    coded = skipped = events = 0
    with ExitStack() as stack:
        out_file: TextIO = stack.enter_context(open(out, "w", encoding="utf-8")) if out else sys.stdout
        errors_file = stack.enter_context(open(errors_path, "w", encoding="utf-8")) if errors_path else None
        store = Store(db) if db else None
        if store:
            stack.callback(store.close)
        writer = WRITERS[output_format](out_file)
        items = pipeline.code_all(read_inputs(list(inputs), ReadOptions(published=published, language=lang)))
        for item in with_progress(items, quiet):
            if isinstance(item, InputError):
                skipped += 1
                if errors_file:
                    errors_file.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
                continue
            coded += 1
            events += len(item.events)
            writer.write(item.events)
            if store:
                store.add(item.report, item.events)
        writer.close()
    if not quiet:
        click.echo(f"{coded} reports coded, {events} events, {skipped} inputs skipped", err=True)
    sys.exit(EXIT_SKIPPED if skipped else EXIT_OK)
