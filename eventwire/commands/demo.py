"""`eventwire demo`: code the bundled sample reports, store them, print a summary."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from ..ingestion import code_and_store
from ..readers import ReadOptions, read_inputs
from ..records import InputError
from ..store import Store
from ..summary import print_summary

DEFAULT_DB = "eventwire.db"


def sample_dir() -> Path:
    return Path(str(resources.files("eventwire").joinpath("samples")))


def _say_skipped(error: InputError) -> None:
    click.echo(f"skipped {error.input}: {error.reason}", err=True)


@click.command()
@click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite file to store the sample events in.",
)
def demo(db: str) -> None:
    """Code the bundled sample reports, store them, and print a summary."""
    with Store(db) as store:
        samples = read_inputs([str(p) for p in sorted(sample_dir().glob("*.txt"))], ReadOptions())
        tally = code_and_store(samples, store, on_error=_say_skipped)
        print_summary(store, reports=tally.stored + tally.known, new=tally.stored)
    click.echo(f"\nStored in {db}.")
