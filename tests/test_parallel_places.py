"""One place whatever the language: our parallel reports of one happening (English, Ukrainian and one of
ru/nl/de/fr/pl, each naming the place in its own form and case) are coded within 10 km of one another, at
the same geo_precision. tests/data/parallel_places.jsonl is the set we tune on; parallel_places_check.jsonl
is kept apart (only its aggregate figure is asserted, and printed by scripts/parallel_places.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from eventwire import Pipeline
from eventwire.evaluation.parallel import (
    AGREE_KM,
    Coding,
    ParallelReport,
    at_one_place,
    code_reports,
    load_parallel,
    score_parallel,
)

DATA = Path(__file__).with_name("data")
TUNE = DATA / "parallel_places.jsonl"
CHECK = DATA / "parallel_places_check.jsonl"
THIRD_LANGUAGES = {"ru", "nl", "de", "fr", "pl"}

# The target: at least 95% of happenings at one place in every language.
TARGET = 0.95
# Floors under what was measured (2026-12-06), minus 0.05: the kept-apart set's share (0.90), and the share
# of each language's reports coded at the place they name (the lowest: Russian, 7 of 8).
CHECK_FLOOR = 0.85
LANGUAGE_FLOOR = 0.82


def _report(happening: str, lang: str, level: str = "town") -> ParallelReport:
    return ParallelReport(happening, f"{happening}-{lang}", lang, "2024-05-01", "text", "Izium", "Kharkiv", level)


def test_the_parallel_sets_cover_forty_happenings_in_three_languages_each() -> None:
    for path, happenings in ((TUNE, 40), (CHECK, 20)):
        reports = load_parallel(path)
        by_happening: dict[str, list[ParallelReport]] = defaultdict(list)
        for report in reports:
            by_happening[report.happening].append(report)
        assert len(by_happening) == happenings
        assert len({r.id for r in reports}) == len(reports)
        for group in by_happening.values():
            languages = [r.lang for r in group]
            assert len(languages) == 3 and {"en", "uk"} <= set(languages)
            assert set(languages) - {"en", "uk"} <= THIRD_LANGUAGES
            assert len({(r.place, r.admin1, r.level, r.published) for r in group}) == 1
        assert set(Counter(r.level for r in reports)) == {"city", "town", "region"}
    assert len(load_parallel(TUNE)) >= 120


def test_reports_agree_only_within_ten_km_at_one_precision() -> None:
    en, uk = _report("x", "en"), _report("x", "uk")
    izium, near_izium = (49.207, 37.277), (49.207 + 0.05, 37.277)  # about 5.6 km apart
    far = (49.207 + 0.2, 37.277)  # about 22 km
    assert at_one_place([Coding(en, "Izium", "Kharkiv", *izium, 1), Coding(uk, "Izium", "Kharkiv", *near_izium, 1)])
    assert not at_one_place([Coding(en, "Izium", "Kharkiv", *izium, 1), Coding(uk, "Izium", "Kharkiv", *far, 1)])
    assert not at_one_place([Coding(en, "Izium", "Kharkiv", *izium, 1), Coding(uk, "Izium", "Kharkiv", *izium, 2)])
    assert not at_one_place([Coding(en, "Izium", "Kharkiv", *izium, 1), Coding(uk)])
    assert AGREE_KM == 10.0


def test_a_region_is_at_its_named_place_only_at_region_precision() -> None:
    region = _report("r", "uk", level="region")
    assert Coding(region, "Kharkiv", "Kharkiv", 49.99, 36.23, 3).at_named_place
    assert not Coding(region, "Kharkiv", "Kharkiv", 49.99, 36.23, 1).at_named_place


@pytest.fixture(scope="module")
def tune_codings(pipeline: Pipeline) -> list[Coding]:
    return code_reports(pipeline, load_parallel(TUNE))


def test_happenings_are_coded_at_one_place_whatever_the_language(tune_codings: list[Coding]) -> None:
    result = score_parallel(tune_codings)
    assert result.share >= TARGET, f"split: {', '.join(result.split)}"


def test_every_language_codes_the_place_it_names(tune_codings: list[Coding]) -> None:
    for lang, score in score_parallel(tune_codings).by_language.items():
        assert score.at_named_place >= LANGUAGE_FLOOR * score.reports, lang


def test_the_kept_apart_set_holds_its_floor(pipeline: Pipeline) -> None:
    result = score_parallel(code_reports(pipeline, load_parallel(CHECK)))
    assert result.share >= CHECK_FLOOR  # no misses in the message: this set is kept apart
