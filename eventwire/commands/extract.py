"""`eventwire extract`: code reports into events."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

import click

from ..engines import ENGINES, SHARD_PATTERN, Engine, Shard, open_engine
from ..ingestion import Ingestion
from ..pipeline import Coded
from ..readers import ReadOptions, parse_theatre_codes
from ..records import InputError, PartialDate
from ..store import Store
from ..writers import WRITERS, EventWriter

EXIT_OK, EXIT_USAGE, EXIT_SKIPPED = 0, 2, 3


def input_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options of every command that reads reports: --errors, --published, --lang, --theatre."""
    options = (
        click.option(
            "--errors",
            "errors_path",
            type=click.Path(dir_okay=False, writable=True),
            help="Write one JSON line per skipped input (input, line, reason).",
        ),
        click.option(
            "--published",
            callback=parse_published,
            help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) for inputs without one.",
        ),
        click.option("--lang", help="Language of inputs that do not say (ISO 639-1, e.g. nl)."),
        click.option(
            "--theatre",
            callback=parse_theatre,
            metavar="CODES",
            help="Countries (ISO 3166-1 alpha-2, comma-separated) a report naming no country is taken to be about, "
            "to choose between namesake places; 'none' for no such prior. Default: lexicon/base/places.yaml (UA).",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def parse_theatre(_: click.Context, __: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    try:
        return parse_theatre_codes(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def parse_published(_: click.Context, __: click.Parameter, value: str | None) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def error_writer(errors_file: TextIO) -> Callable[[InputError], None]:
    """Writes each skipped input as one JSON line (input, line, reason) to `errors_file`."""

    def write(error: InputError) -> None:
        errors_file.write(json.dumps(asdict(error), ensure_ascii=False) + "\n")

    return write


def with_progress(items: Iterator[Coded | InputError | Shard], quiet: bool) -> Iterator[Coded | InputError | Shard]:
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
            progress.advance(task, item.reports if isinstance(item, Shard) else 1)
            yield item


def engine_usage_problem(
    engine: str, scheduler: str | None, workers: int | None, output_format: str, out: str | None, db: str | None
) -> str | None:
    """Why these options cannot go together, or None."""
    if engine != "dask" and (scheduler or workers):
        return "--scheduler and --workers need --engine dask"
    if scheduler and workers:
        return "give --scheduler (a running cluster) or --workers (a local one), not both"
    if output_format == "parquet":
        if not out:
            return "--format parquet needs --out DIR (a folder for the shards)"
        if db:
            return "--format parquet writes shards on the workers; store into --db in a separate run"
        if Path(out).is_dir() and any(Path(out).glob(SHARD_PATTERN)):
            return f"{out} already holds Parquet shards; choose an empty folder"
    elif out and Path(out).is_dir():
        return f"--out {out} is a folder; --format {output_format} writes one file"
    return None


def _enter_engine(
    stack: ExitStack, name: str, scheduler: str | None, workers: int | None, partition_size: int
) -> Engine:
    try:
        return stack.enter_context(
            open_engine(name, scheduler=scheduler, workers=workers, partition_size=partition_size)
        )
    except ImportError as error:
        raise click.UsageError(f"--engine {name} needs {error.name}: pip install 'eventwire[dask]'") from None
    except OSError as error:
        raise click.ClickException(f"cannot reach the Dask scheduler {scheduler}: {error}") from None


def _drain(
    stream: Iterator[Coded | InputError | Shard], writer: EventWriter | None, skip: Callable[[InputError], None]
) -> tuple[int, int]:
    """Write each coded report's events; count reports and events (shards count their own)."""
    coded = events = 0
    for item in stream:
        if isinstance(item, InputError):
            skip(item)
            continue
        if isinstance(item, Shard):
            coded, events = coded + item.reports, events + item.events
            continue
        coded += 1
        events += len(item.events)
        if writer:
            writer.write(item.events)
    return coded, events


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice([*sorted(WRITERS), "parquet"]),
    default="jsonl",
    show_default=True,
    help="jsonl: every field with its evidence; csv: ACLED columns; geojson: a FeatureCollection; "
    "parquet: shards part-NNNNN.parquet in the --out folder.",
)
@click.option(
    "--out", type=click.Path(writable=True), help="Write events here (default: stdout); a folder for parquet."
)
@click.option("--db", help="Also store reports and events in this SQLite file or postgresql:// database.")
@input_options
@click.option("--quiet", is_flag=True, help="No progress bar and no counts on stderr.")
@click.option(
    "--engine",
    "engine_name",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: this process; dask: partitions coded on a Dask cluster (pip install 'eventwire[dask]').",
)
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="With --engine dask: a running Dask scheduler.")
@click.option(
    "--workers", type=click.IntRange(min=1), help="With --engine dask: start a local cluster of N worker processes."
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Reports per partition (per Parquet shard).",
)
def extract(
    inputs: tuple[str, ...],
    output_format: str,
    out: str | None,
    db: str | None,
    errors_path: str | None,
    published: PartialDate | None,
    lang: str | None,
    theatre: tuple[str, ...] | None,
    quiet: bool,
    engine_name: str,
    scheduler: str | None,
    workers: int | None,
    partition_size: int,
) -> None:
    """Code the reports in INPUT... (files, folders, Parquet, or - for stdin) into events."""
    problem = engine_usage_problem(engine_name, scheduler, workers, output_format, out, db)
    if problem:
        raise click.UsageError(problem)
    shard_dir = Path(out) if out and output_format == "parquet" else None
    skipped: list[InputError] = []
    with ExitStack() as stack:
        engine = _enter_engine(stack, engine_name, scheduler, workers, partition_size)
        if engine.dashboard_link and not quiet:
            click.echo(f"Dask dashboard: {engine.dashboard_link}", err=True)
        out_file: TextIO = (
            stack.enter_context(open(out, "w", encoding="utf-8")) if out and not shard_dir else sys.stdout
        )
        errors_file = stack.enter_context(open(errors_path, "w", encoding="utf-8")) if errors_path else None
        write_error = error_writer(errors_file) if errors_file else None

        def skip(error: InputError) -> None:
            skipped.append(error)
            if write_error:
                write_error(error)

        store = Store(db) if db else None
        if store:
            stack.callback(store.close)
        options = ReadOptions(published=published, language=lang, theatre=theatre)
        if shard_dir:
            shard_dir.mkdir(parents=True, exist_ok=True)
        writer = WRITERS[output_format](out_file) if not shard_dir else None
        items = (
            engine.write_shards(list(inputs), options, shard_dir) if shard_dir else engine.code(list(inputs), options)
        )
        stream: Iterator[Coded | InputError | Shard] = with_progress(items, quiet)
        if store:  # parquet shards are never stored (see engine_usage_problem)
            ingestion = Ingestion(store, skip_known=False, on_error=skip)
            stream = ingestion.store_all(ingestion.number(stream))  # type: ignore[arg-type]
        coded, events = _drain(stream, writer, skip)
        if writer:
            writer.close()
    if not quiet:
        click.echo(f"{coded} reports coded, {events} events, {len(skipped)} inputs skipped", err=True)
    sys.exit(EXIT_SKIPPED if skipped else EXIT_OK)
