"""`eventwire gazetteer build`: the gazetteer from the full GeoNames dumps, for users who download them."""

from __future__ import annotations

import time
from pathlib import Path

import click

from ..gazetteer import FULL_NAME, build_from_dumps, cache_dir


@click.group()
def gazetteer() -> None:
    """The place gazetteer (GeoNames, CC BY 4.0)."""


@gazetteer.command("build")
@click.option(
    "--geonames-dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder with allCountries.txt (and optionally alternateNamesV2.txt, admin1CodesASCII.txt, admin2Codes.txt).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"SQLite file to write [default: the cache folder's {FULL_NAME}, which extract then uses].",
)
@click.option("--min-population", default=0, show_default=True, help="Leave out populated places smaller than this.")
def build(geonames_dir: Path, out: Path | None, min_population: int) -> None:
    """Build the gazetteer from GeoNames dumps, with our curated names, regions and features."""
    if not (geonames_dir / "allCountries.txt").is_file():
        raise click.UsageError(f"{geonames_dir} has no allCountries.txt")
    path = out or cache_dir() / FULL_NAME
    started = time.perf_counter()
    count = build_from_dumps(geonames_dir, path, min_population)
    click.echo(f"{count} places from {geonames_dir} -> {path} ({time.perf_counter() - started:.1f} s)")
    if out is not None and out.resolve() != (cache_dir() / FULL_NAME).resolve():
        click.echo(f"use it with EVENTWIRE_GAZETTEER={path}")
