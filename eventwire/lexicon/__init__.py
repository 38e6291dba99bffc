"""Per-language lexicons: one folder per language, one YAML file per kind.

`base/` holds what no language owns (the actor dictionary). A language is any
folder beside it; adding a language means adding a folder. Files are read once
per process (cached) and validated against `SCHEMAS` by the test suite.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

# libyaml's C loader when PyYAML was built with it: several times faster at start-up, same results.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KINDS = ("text", "numbers", "dates", "places", "actors", "triggers", "sources")

# Allowed top-level keys per kind; every key is optional so a language can grow file by file.
SCHEMAS: dict[str, frozenset[str]] = {
    "text": frozenset({"abbreviations", "contractions", "letters", "common_words"}),
    "numbers": frozenset(
        {"units", "tens", "hundreds", "scales", "parts", "connectors", "vague", "approximate", "at_least", "at_most"}
    ),
    "dates": frozenset(
        {
            "months",
            "weekdays",
            "relative_days",
            "relative_periods",
            "month_words",
            "month_parts",
            "month_prepositions",
            "day_suffixes",
            "day_links",
            "days_ago",
            "weeks_ago",
            "numeric_order",
            "since",
        }
    ),
    "places": frozenset(
        {
            "names",
            "anaphora",
            "not_places",
            "near",
            "near_after",
            "suffixes",
            "regions",
            "region_templates",
            "locative",
            "contexts",
            "within_region",
            "adjective_suffixes",
        }
    ),
    "actors": frozenset({"aliases"}),
    "triggers": frozenset(
        {
            "events",
            "combinations",
            "attacks",
            "gunfire",
            "killings",
            "blasts",
            "damage",
            "accidents",
            "targets",
            "cues",
            "blockers",
            "unblockers",
            "contexts",
            "deaths",
            "injuries",
            "victims",
        }
    ),
    "sources": frozenset({"according_to", "said", "certainty"}),
}


def _root() -> Any:
    return resources.files(__package__)


@cache
def languages() -> tuple[str, ...]:
    """Language codes that have a lexicon folder."""
    return tuple(sorted(p.name for p in _root().iterdir() if p.is_dir() and p.name not in {"base", "__pycache__"}))


def read_yaml(folder: str, kind: str) -> dict[str, Any]:
    path = _root().joinpath(folder, f"{kind}.yaml")
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
    if not isinstance(data, dict):
        raise ValueError(f"lexicon {folder}/{kind}.yaml must be a mapping")
    return data


@dataclass(frozen=True)
class Lexicon:
    language: str
    text: dict[str, Any]
    numbers: dict[str, Any]
    dates: dict[str, Any]
    places: dict[str, Any]
    actors: dict[str, Any]
    triggers: dict[str, Any]
    sources: dict[str, Any]


@cache
def lexicon(language: str) -> Lexicon:
    if language not in languages():
        raise KeyError(f"no lexicon for language {language!r}")
    return Lexicon(language, **{kind: read_yaml(language, kind) for kind in KINDS})


@cache
def base(kind: str) -> dict[str, Any]:
    return read_yaml("base", kind)


def phrases(values: Any) -> tuple[str, ...]:
    """A lexicon value (a phrase or a list of phrases) as a tuple of phrases."""
    if values is None:
        return ()
    if isinstance(values, str):
        return (values,)
    return tuple(str(v) for v in values)
