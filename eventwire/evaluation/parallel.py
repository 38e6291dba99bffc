"""One place whatever the language: reports of one happening in several languages, coded at one place?

The parallel set (`tests/data/parallel_places.jsonl`, written by us) holds short reports of the same
happenings, each in English, Ukrainian and one of ru/nl/de/fr/pl, naming the town, village or region
in that language's usual form and case. Each line: `happening`, `id`, `lang`, `published`, `text`, and
the place the reports name, `place` and `admin1` (GeoNames English names) and `level` (`city`, `town`
or `region`).

A happening is coded at one place when every report of it gives an event with a location and the
reports' first such events lie within `AGREE_KM` of one another at the same `geo_precision`. A report
is at its named place when that event lies within `AGREE_KM` of a town the gazetteer knows by the named
town's name in its region (or, for a region, its admin1 is the region at `geo_precision` 3).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from ..gazetteer import gazetteer
from ..pipeline import Coded, Pipeline
from ..records import PartialDate, Report
from ..text import fold
from .metrics import haversine_km

AGREE_KM = 10.0


@dataclass(frozen=True)
class ParallelReport:
    happening: str
    id: str
    lang: str
    published: str
    text: str
    place: str
    admin1: str
    level: str  # city, town or region

    def report(self) -> Report:
        return Report(self.id, self.text, PartialDate.parse(self.published))


@dataclass(frozen=True)
class Coding:
    """Where a report's first event with a location was coded (all None: no event with a location)."""

    report: ParallelReport
    location: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None

    @property
    def at_named_place(self) -> bool:
        """At the region (geo_precision 3) or within AGREE_KM of a town the gazetteer knows by the report's
        `place` in its `admin1` (GeoNames may spell it otherwise: "Kryvyy Rih")."""
        if self.location is None or self.latitude is None or self.longitude is None:
            return False
        if self.report.level == "region":
            return self.geo_precision == 3 and fold(self.admin1 or "") == fold(self.report.admin1)
        return any(
            haversine_km(self.latitude, self.longitude, lat, lon) <= AGREE_KM for lat, lon in named_points(self.report)
        )


@dataclass(frozen=True)
class LanguageScore:
    reports: int
    located: int  # with an event that has a location
    at_named_place: int


@dataclass(frozen=True)
class ParallelResult:
    happenings: int
    at_one_place: int
    by_language: dict[str, LanguageScore] = field(default_factory=dict)
    split: tuple[str, ...] = ()  # the happenings coded at more than one place (or with a report uncoded)

    @property
    def share(self) -> float:
        return self.at_one_place / self.happenings if self.happenings else 0.0


def named_points(report: ParallelReport) -> list[tuple[float, float]]:
    """Where the towns called `place` in `admin1` lie, by name or by spelling variant."""
    found = [*gazetteer().cached(fold(report.place)), *gazetteer().lookup_variant(report.place)]
    return [
        (c.place.latitude, c.place.longitude)
        for c in found
        if c.place.kind == "city" and fold(c.place.admin1) == fold(report.admin1)
    ]


def load_parallel(path: Path | str) -> list[ParallelReport]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [ParallelReport(**json.loads(line)) for line in lines if line.strip()]


def code_reports(pipeline: Pipeline, reports: Iterable[ParallelReport]) -> list[Coding]:
    codings = []
    for item in reports:
        coded = pipeline.code(item.report())
        events = coded.events if isinstance(coded, Coded) else ()
        event = next((e for e in events if e.latitude is not None and e.longitude is not None), None)
        if event is None:
            codings.append(Coding(item))
        else:
            codings.append(
                Coding(item, event.location, event.admin1, event.latitude, event.longitude, event.geo_precision)
            )
    return codings


def at_one_place(codings: Sequence[Coding], km: float = AGREE_KM) -> bool:
    """Whether every report has an event and all lie within `km` of one another at one precision."""
    if not codings or any(c.latitude is None or c.longitude is None for c in codings):
        return False
    if len({c.geo_precision for c in codings}) > 1:
        return False
    return all(
        haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= km  # type: ignore[arg-type]
        for a, b in combinations(codings, 2)
    )


def score_parallel(codings: Sequence[Coding]) -> ParallelResult:
    by_happening: dict[str, list[Coding]] = defaultdict(list)
    by_language: dict[str, list[Coding]] = defaultdict(list)
    for coding in codings:
        by_happening[coding.report.happening].append(coding)
        by_language[coding.report.lang].append(coding)
    split = tuple(sorted(h for h, group in by_happening.items() if not at_one_place(group)))
    languages = {
        lang: LanguageScore(
            len(group), sum(c.location is not None for c in group), sum(c.at_named_place for c in group)
        )
        for lang, group in sorted(by_language.items())
    }
    return ParallelResult(len(by_happening), len(by_happening) - len(split), languages, split)


def evaluate_parallel(path: Path | str, pipeline: Pipeline | None = None) -> ParallelResult:
    return score_parallel(code_reports(pipeline or Pipeline(), load_parallel(path)))
