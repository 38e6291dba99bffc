"""The shape of every lexicon file: one typed model per kind, with no unknown keys.

A file is loaded into its model once per process; a value of the wrong shape, a label the engine does
not know (a sub-event type, a month number, a certainty) or an unknown key is a `LexiconError` that
names the file, the key and the reason. Every file opens with an `about:` header saying where its
words come from, under which licence, who wrote them and when they were last changed.

Phrases may be written as one string or a list of strings; they load as a tuple of strings. YAML
reads a bare `on`, `no` or `yes` as a boolean: such a word must be quoted, and an unquoted one is an
error rather than the string "True".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictStr, ValidationError

from ..taxonomy import SUB_EVENT_TYPES


class LexiconError(ValueError):
    """A lexicon file that does not match its model: the file, the key and the reason."""


def _as_tuple(value: Any) -> Any:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(value)
    return value


Phrases = Annotated[tuple[StrictStr, ...], BeforeValidator(_as_tuple)]


def _sub_event_type(label: str) -> str:
    if label not in SUB_EVENT_TYPES:
        raise ValueError(f"{label!r} is not an ACLED sub-event type")
    return label


def _in_range(low: int, high: int) -> AfterValidator:
    def check(value: int) -> int:
        if not low <= value <= high:
            raise ValueError(f"{value} is not in {low}..{high}")
        return value

    return AfterValidator(check)


_REGION_CODE = re.compile(r"[A-Z]{2}\.\w{2}(\.\w+)?")


def _region_code(code: str) -> str:
    if not _REGION_CODE.fullmatch(code):
        raise ValueError(f"{code!r} is not a GeoNames admin1 (UA.08) or admin2 (UA.08.6502) code")
    return code


def _abbreviation(form: str) -> str:
    if not form.endswith("."):
        raise ValueError(f"abbreviation {form!r} does not end in a full stop")
    return form


def _one_count(template: str) -> str:
    if template.count("{n}") > 1:
        raise ValueError(f"{template!r} holds {{n}} more than once")
    return template


SubEventType = Annotated[StrictStr, AfterValidator(_sub_event_type)]
RegionCode = Annotated[StrictStr, AfterValidator(_region_code)]
Month = Annotated[int, _in_range(1, 12)]
Weekday = Annotated[int, _in_range(0, 6)]
Count = Annotated[int, Field(ge=0)]
Abbreviations = tuple[Annotated[StrictStr, AfterValidator(_abbreviation)], ...]
CountTemplates = tuple[Annotated[StrictStr, AfterValidator(_one_count)], ...]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class About(Model):
    """Where a file's words come from."""

    source: StrictStr
    licence: StrictStr
    written_by: StrictStr
    updated: dt.date


class LexiconFile(Model):
    about: About


class TextLexicon(LexiconFile):
    abbreviations: Annotated[Abbreviations, BeforeValidator(_as_tuple)] = ()
    contractions: Phrases = ()
    letters: StrictStr = ""  # the alphabet, for language identification
    common_words: Phrases = ()
    # the morphological analyser that gives the language's dictionary forms (see eventwire/morphology.py)
    morphology: Literal["pymorphy3"] | None = None
    # particles a separable verb splits off ("aanvallen": "viel ... aan"), for scripts/build_inflections.py
    separable_particles: Phrases = ()
    # beginnings and endings of a separable verb's participles, which never split off ("aangevallen")
    participle_prefixes: Phrases = ()
    participle_suffixes: Phrases = ()


class NumbersLexicon(LexiconFile):
    units: dict[Count, Phrases] = {}
    tens: dict[Count, Phrases] = {}
    hundreds: dict[Count, Phrases] = {}
    scales: dict[Count, Phrases] = {}
    parts: dict[Count, Phrases] = {}  # forms that count only inside a compound ("ën", "и")
    vague: dict[Count, Phrases] = {}  # ACLED's counts for "several", "dozens", "hundreds"
    connectors: Phrases = ()
    approximate: Phrases = ()
    at_least: Phrases = ()
    at_most: Phrases = ()


class DatesLexicon(LexiconFile):
    months: dict[Month, Phrases] = {}
    weekdays: dict[Weekday, Phrases] = {}  # Monday is 0
    relative_days: dict[Annotated[int, _in_range(-7, 0)], Phrases] = {}
    relative_periods: dict[Literal["last_week", "this_week", "this_month", "last_month"], Phrases] = {}
    month_words: Phrases = ()
    month_parts: dict[Literal["early", "middle", "late"], Phrases] = {}
    month_prepositions: Phrases = ()
    day_suffixes: Phrases = ()
    day_links: Phrases = ()
    days_ago: Annotated[CountTemplates, BeforeValidator(_as_tuple)] = ()
    weeks_ago: Annotated[CountTemplates, BeforeValidator(_as_tuple)] = ()
    numeric_order: Annotated[tuple[Literal["dmy", "mdy"], ...], BeforeValidator(_as_tuple)] = ()
    since: Phrases = ()


class PlacesLexicon(LexiconFile):
    # a GeoNames id, a region code, a country code or a feature of base/places.yaml -> its forms
    names: dict[int | StrictStr, Phrases] = {}
    anaphora: Phrases = ()
    not_places: Phrases = ()
    near: Phrases = ()
    near_after: Phrases = ()
    suffixes: dict[StrictStr, Phrases] = {}  # inflected ending -> ending(s) of the dictionary form
    regions: dict[RegionCode, Phrases] = {}  # region code -> stems filled into region_templates
    region_templates: dict[Literal["admin1", "admin2"], Phrases] = {}
    locative: Phrases = ()
    contexts: Phrases = ()
    within_region: Phrases = ()
    adjective_suffixes: dict[StrictStr, Phrases] = {}


class ActorsLexicon(LexiconFile):
    aliases: dict[StrictStr, Phrases] = {}  # actor key of base/actors.yaml -> its words


class Combination(Model):
    """An act and its object in one clause ("seized ... weapons")."""

    act: Phrases
    object: Phrases


class TriggersLexicon(LexiconFile):
    events: dict[SubEventType, Phrases] = {}
    combinations: dict[SubEventType, Annotated[tuple[Combination, ...], BeforeValidator(_as_tuple)]] = {}
    attacks: Phrases = ()
    gunfire: Phrases = ()
    killings: Phrases = ()
    blasts: Phrases = ()
    damage: Phrases = ()
    accidents: Phrases = ()
    targets: dict[Literal["armed", "civilian", "infrastructure"], Phrases] = {}
    cues: dict[Literal["denial", "no_resistance"], Phrases] = {}
    blockers: Phrases = ()
    unblockers: Phrases = ()
    # Words that, in the clause of a trigger of the sub-event type, say that it came apart or was broken
    # ("violated the ceasefire"): the trigger reports no event of that type (the clause's others stand).
    undoing: dict[SubEventType, Phrases] = {}
    contexts: Phrases = ()
    deaths: Phrases = ()
    injuries: Phrases = ()
    victims: dict[Count, Phrases] = {}  # words that count their victims ("a couple": 2)


class InflectionsLexicon(LexiconFile):
    """The forms of every lexeme (`word+`) the language's lexicons name, generated by
    scripts/build_inflections.py (see `lexicon.lexemes`)."""

    forms: dict[StrictStr, Phrases] = {}  # dictionary form (lower case) -> its forms


class SourcesLexicon(LexiconFile):
    according_to: Phrases = ()
    said: Phrases = ()
    certainty: dict[Literal["alleged", "claimed", "denied"], Phrases] = {}


class Period(Model):
    name: StrictStr
    until: dt.date  # the last day the name was valid


class ActorEntry(Model):
    name: StrictStr  # ACLED's name; `{country}` is filled with the event's country
    inter: Annotated[int, _in_range(1, 8)]
    country: StrictStr = ""
    periods: Annotated[tuple[Period, ...], BeforeValidator(_as_tuple)] = ()


class BaseActors(LexiconFile):
    actors: dict[StrictStr, ActorEntry] = {}


class Feature(Model):
    """A named place GeoNames' city table lacks (a river, a bridge, a square)."""

    name: StrictStr
    iso: StrictStr = ""
    admin1code: StrictStr = ""
    admin2code: StrictStr = ""
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class Spelling(Model):
    vowels: StrictStr = ""
    variants: dict[StrictStr, StrictStr] = {}  # letters folded alike when names are compared
    # Cyrillic letters -> Latin ones, so that a Cyrillic name reaches the skeleton of its Latin spelling
    cyrillic: dict[StrictStr, StrictStr] = {}


class BasePlaces(LexiconFile):
    theatre: Phrases = ()  # ISO codes of the countries the curated data covers in depth
    regions: dict[RegionCode, int] = {}  # region code -> GeoNames id of its capital
    admin2_generic: Phrases = ()
    # words that alone or together make no region's name in running text ("Centre-Nord", "Est"): a
    # region named only by them is found with a region word ("Est region"), not bare
    admin1_generic: Phrases = ()
    spelling: Spelling = Spelling()
    features: dict[StrictStr, Feature] = {}


LANGUAGE_MODELS: dict[str, type[LexiconFile]] = {
    "text": TextLexicon,
    "numbers": NumbersLexicon,
    "dates": DatesLexicon,
    "places": PlacesLexicon,
    "actors": ActorsLexicon,
    "triggers": TriggersLexicon,
    "sources": SourcesLexicon,
}
OPTIONAL_MODELS: dict[str, type[LexiconFile]] = {"inflections": InflectionsLexicon}  # may be absent
BASE_MODELS: dict[str, type[LexiconFile]] = {"actors": BaseActors, "places": BasePlaces}


def _where(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location if not str(part).startswith("function-")) or "(file)"


def validated(model: type[LexiconFile], data: Any, name: str) -> LexiconFile:
    """`data` read from the file `name` as its model, or a `LexiconError` naming file, key and reason."""
    if not isinstance(data, dict):
        raise LexiconError(f"{name}: must be a mapping of keys to values")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        reasons = "; ".join(f"{_where(e['loc'])}: {e['msg']}" for e in error.errors())
        raise LexiconError(f"{name}: {reasons}") from None
