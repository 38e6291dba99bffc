"""`eventwire demo`: code the bundled sample reports, store them, print a summary."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from ..pipeline import Pipeline
from ..readers import ReadOptions, read_inputs
from ..records import InputError
from ..store import Store
from ..summary import print_summary

DEFAULT_DB = "eventwire.db"


def sample_dir() -> Path:
    return Path(str(resources.files("eventwire").joinpath("samples")))


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
    pipeline = Pipeline()
    store = Store(db)
    reports = new = 0
    try:
        for item in pipeline.code_all(read_inputs([str(p) for p in sorted(sample_dir().glob("*.txt"))], ReadOptions())):
            if isinstance(item, InputError):
                click.echo(f"skipped {item.input}: {item.reason}", err=True)
                continue
            reports += 1
            new += store.add(item.report, item.events, item.language).stored
        print_summary(store, reports=reports, new=new)
    finally:
        store.close()
    click.echo(f"\nStored in {db}.")
