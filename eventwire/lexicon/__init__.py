"""Per-language lexicons: one folder per language, one YAML file per kind.

`base/` holds what no language owns (the actor dictionary, curated places). A language is any
folder beside it; adding a language means adding a folder. Files are read once per process (cached)
into the typed models of `lexicon.models`, which reject unknown keys, values of the wrong shape and
labels the engine does not know; stages read their attributes, never raw YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .models import (
    BASE_MODELS,
    LANGUAGE_MODELS,
    ActorsLexicon,
    BaseActors,
    BasePlaces,
    DatesLexicon,
    LexiconError,
    LexiconFile,
    NumbersLexicon,
    PlacesLexicon,
    SourcesLexicon,
    TextLexicon,
    TriggersLexicon,
    validated,
)

# libyaml's C loader when PyYAML was built with it: several times faster at start-up, same results.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = [
    "KINDS",
    "ActorsLexicon",
    "BaseActors",
    "BasePlaces",
    "DatesLexicon",
    "Lexicon",
    "LexiconError",
    "NumbersLexicon",
    "PlacesLexicon",
    "SourcesLexicon",
    "TextLexicon",
    "TriggersLexicon",
    "base_actors",
    "base_places",
    "languages",
    "lexicon",
    "load",
]

KINDS = tuple(LANGUAGE_MODELS)  # text, numbers, dates, places, actors, triggers, sources


def _root() -> Any:
    return resources.files(__package__)


@cache
def languages() -> tuple[str, ...]:
    """Language codes that have a lexicon folder."""
    return tuple(sorted(p.name for p in _root().iterdir() if p.is_dir() and p.name not in {"base", "__pycache__"}))


def read_yaml(folder: str, kind: str) -> Any:
    """The raw YAML of `<folder>/<kind>.yaml` (None when the file is absent)."""
    path = _root().joinpath(folder, f"{kind}.yaml")
    if not path.is_file():
        return None
    return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)


def load(folder: str, kind: str) -> LexiconFile:
    """`<folder>/<kind>.yaml` as its typed model; a `LexiconError` names the file, key and reason."""
    models = BASE_MODELS if folder == "base" else LANGUAGE_MODELS
    if kind not in models:
        raise LexiconError(f"lexicon {folder}/{kind}.yaml: no such kind (known: {', '.join(models)})")
    data = read_yaml(folder, kind)
    if data is None:
        raise LexiconError(f"lexicon {folder}/{kind}.yaml: the file is missing")
    return validated(models[kind], data, f"lexicon/{folder}/{kind}.yaml")


@dataclass(frozen=True)
class Lexicon:
    language: str
    text: TextLexicon
    numbers: NumbersLexicon
    dates: DatesLexicon
    places: PlacesLexicon
    actors: ActorsLexicon
    triggers: TriggersLexicon
    sources: SourcesLexicon


@cache
def lexicon(language: str) -> Lexicon:
    if language not in languages():
        raise KeyError(f"no lexicon for language {language!r}")
    files: dict[str, Any] = {kind: load(language, kind) for kind in KINDS}
    return Lexicon(language, **files)


@cache
def base_actors() -> BaseActors:
    """The actor dictionary (`base/actors.yaml`)."""
    model = load("base", "actors")
    assert isinstance(model, BaseActors)
    return model


@cache
def base_places() -> BasePlaces:
    """Curated places, region capitals and the gazetteer's spelling rules (`base/places.yaml`)."""
    model = load("base", "places")
    assert isinstance(model, BasePlaces)
    return model
