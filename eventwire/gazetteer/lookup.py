"""Reading the gazetteer at run time: a name (case-folded, or by skeleton, or misspelt) to its
candidates, with a per-process cache; regions and countries by code."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..records import Place
from ..text import fold
from .names import skeleton


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
        self._regions: dict[str, Candidate | None] = {}  # region code -> its place, looked up so far
        self._misspelt: dict[tuple[str, frozenset[str], int], list[Candidate]] = {}  # arguments -> towns

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
        """The region (admin1) of a code such as "UA.05", as a place (remembered: the query scans places)."""
        if code not in self._regions:
            found = self._candidates(self._region, code, variant=False)
            self._regions[code] = found[0] if found else None
        return self._regions[code]

    def lookup_variant(self, form: str) -> list[Candidate]:
        """Places whose name is spelt like `form` up to transliteration ("Kupyansk" for "Kupiansk")."""
        key = skeleton(form)
        return self._candidates(self._by_skeleton, key, variant=True) if key else []

    def lookup_misspelt(self, form: str, countries: frozenset[str], max_edits: int) -> list[Candidate]:
        """Towns in `countries` whose name is `form` with up to `max_edits` letters added, dropped,
        changed or swapped ("Hostomel" for "Homstomel"): the closest only, all of them if tied (remembered,
        up to NAMES_CACHED questions: each compares the name with every town of the countries)."""
        key = (form, countries, max_edits)
        found = self._misspelt.get(key)
        if found is None:
            if len(self._misspelt) >= NAMES_CACHED:
                self._misspelt.clear()
            found = self._misspelt[key] = self._closest_towns(form, countries, max_edits)
        return list(found)

    def _closest_towns(self, form: str, countries: frozenset[str], max_edits: int) -> list[Candidate]:
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
