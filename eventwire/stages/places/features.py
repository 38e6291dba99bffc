"""What decides between namesake candidates: the report's focus countries and the places it gives
unambiguously (`Context`, `Anchor`), distances, the theatre prior, whether a small place is plausible,
the qualifier beside a name ("Kupiansk, Kharkiv oblast"), and each candidate's score."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ...gazetteer import Candidate, name_skeleton
from ...lexicon import base_places
from ...records import Place, Span
from .candidates import Found, skeleton_size
from .rules import (
    APPOSITION,
    EXPECTED_WEIGHT,
    FAR_KM,
    FOREIGN_MIN_POPULATION,
    MIN_SKELETON,
    NEAR_KM,
    REGIONS,
    REMOTE_KM,
    SURE_MARGIN,
    THEATRE_WEIGHT,
    UNSUPPORTED_MIN_POPULATION,
    PlaceRules,
)


@dataclass(frozen=True)
class Context:
    focus: Counter[str]  # country -> weight of the evidence pointing at it
    regions: frozenset[tuple[str, str]]  # (iso, admin1 code) of regions the text names
    votes: dict[Span, Counter[str]]  # what each name added to the focus
    actors: frozenset[str] = frozenset()  # home countries of the actors named
    anchors: tuple[Anchor, ...] = ()  # where the names the text gives as places lie
    theatre: frozenset[str] = frozenset()  # where reports are about when they do not say (scoring only)

    @cached_property
    def top(self) -> frozenset[str]:
        if not self.focus:
            return frozenset()
        best = max(self.focus.values())
        return frozenset(iso for iso, votes in self.focus.items() if votes * 2 >= best)

    @cached_property
    def anchor_spans(self) -> frozenset[Span]:
        return frozenset(a.span for a in self.anchors)

    @cached_property
    def top_weight(self) -> float:
        """The weight of the country with the most evidence, the theatre's prior included (1 if none)."""
        return max((self.weight(iso) for iso in {*self.focus, *self.theatre}), default=0.0) or 1.0

    def without(self, span: Span) -> Context:
        """The context as the rest of the text gives it: a name does not vote for itself."""
        own = self.votes.get(span)
        if not own and span not in self.anchor_spans:
            return self  # the name added nothing (the focus holds positive weights only)
        own = own or Counter()
        focus = Counter({iso: weight - own[iso] for iso, weight in self.focus.items() if weight > own[iso]})
        anchors = tuple([a for a in self.anchors if a.span != span])
        return Context(focus, self.regions, self.votes, self.actors, anchors, self.theatre)

    def weight(self, iso: str) -> float:
        """The evidence for a country, with the theatre's prior."""
        return self.focus[iso] + (THEATRE_WEIGHT if iso in self.theatre else 0.0)

    @cached_property
    def given_points(self) -> tuple[tuple[float, float], ...]:
        """Where the places the text gives lie, each point once (a report names its town many times)."""
        return tuple(dict.fromkeys((a.latitude, a.longitude) for a in self.anchors if a.given))

    @cached_property
    def sure_points(self) -> tuple[tuple[float, float], ...]:
        return tuple(dict.fromkeys((a.latitude, a.longitude) for a in self.anchors if a.sure and a.given))

    def far(self, place: Place, km: float = 0.0) -> bool:
        """Whether a place lies further than `km` (FAR_KM) from every place the text gives as one (False
        without such places)."""
        given = self.given_points
        return bool(given) and all(_km(place, lat, lon) > (km or FAR_KM) for lat, lon in given)

    def nearness(self, place: Place) -> float:
        """How near a place lies to one the text gives unambiguously ("Kamianka, near Mykolaiv"): 1 at
        the same point, 0 from NEAR_KM away."""
        distances = [_km(place, lat, lon) for lat, lon in self.sure_points]
        return max(0.0, 1.0 - min(distances) / NEAR_KM) if distances else 0.0


@dataclass(frozen=True)
class Anchor:
    """A candidate of a name the text gives as a place: other names' candidates are weighed by it."""

    span: Span
    latitude: float
    longitude: float
    sure: bool  # clearly the name's best candidate
    given: bool  # the text gives the name as a place: a dateline or label, after "in", a curated name


def _km(place: Place, latitude: float, longitude: float) -> float:
    """Great-circle distance in kilometres from a place to a point."""
    lat1, lat2 = math.radians(place.latitude), math.radians(latitude)
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin(math.radians(longitude - place.longitude) / 2) ** 2
    )
    return 12_742 * math.asin(math.sqrt(min(1.0, a)))


def _standalone(c: Candidate, item: Found) -> bool:
    """Believable with no help from the rest of the text: such names set the report's focus."""
    if c.curated or c.place.kind != "city":
        return True
    if not item.exact or c.variant:
        return False
    return (
        c.place.population >= FOREIGN_MIN_POPULATION
        or item.expected
        or (not item.initial and c.place.population >= UNSUPPORTED_MIN_POPULATION)
    )


def context_of(
    found: list[Found], countries: list[str], actor_countries: tuple[str, ...], theatre: frozenset[str]
) -> Context:
    """The countries the text points to: those it names, and those of the names it gives as places
    (in a dateline or label, after "in") more than those of other capitalised words. The theatre
    (`theatre` in base/places.yaml) only breaks ties where the text points nowhere else, and actors'
    home countries only in scoring: forces fight abroad."""
    focus: Counter[str] = Counter({iso: 2 * EXPECTED_WEIGHT for iso in set(countries)})
    regions = set()
    votes: dict[Span, Counter[str]] = {}
    for item in found:
        if country_of_found(item):  # counted among `countries`: its namesake towns point nowhere
            continue
        options = [c for c in item.options if c.curated] or item.options  # curated names settle ambiguity
        voters = {c.place.iso for c in options if c.place.kind != "country" and _standalone(c, item)}
        weight = (2 if len(voters) == 1 else 1) * (EXPECTED_WEIGHT if item.expected else 1)
        votes[item.span] = Counter({iso: weight for iso in voters if iso})
        focus.update(votes[item.span])
        regions |= {(c.place.iso, c.admin1code) for c in item.options if c.curated and c.place.kind in REGIONS}
    context = Context(focus, frozenset(regions), votes, frozenset(actor_countries), theatre=theatre)
    return replace(context, anchors=_anchors(found, context))


def _anchors(found: list[Found], context: Context) -> tuple[Anchor, ...]:
    """Where the names believable as places lie, each at its best candidate in the report's focus
    countries: other names' candidates far from all those the text gives as places (datelines, labels,
    after "in"; curated names) are doubtful, and those near an unambiguous one are preferred. A name read
    alike lies where its twin does (the same context: neither votes for itself, each votes as the other)."""
    anchors: list[Anchor] = []
    placed: dict[tuple, tuple[float, float, bool, bool] | None] = {}
    for item in found:
        if country_of_found(item):
            continue
        if item.reading not in placed:
            placed[item.reading] = _anchor_point(item, context)
        point = placed[item.reading]
        if point is not None:
            anchors.append(Anchor(item.span, *point))
    return tuple(anchors)


def _anchor_point(item: Found, context: Context) -> tuple[float, float, bool, bool] | None:
    """Where a name lies at its best candidate, whether that one is clearly ahead of the next, and whether
    the text gives the name as a place (None: no believable candidate in the focus)."""
    rest = context.without(item.span)
    options = [
        c
        for c in item.options
        if c.place.kind != "country"
        and c.place.iso in context.top
        and (item.expected or c.curated or _standalone(c, item))
        and plausible(c, item, rest)
    ]
    scores = sorted(((score(c, rest, None, item.written_name), c) for c in options), key=lambda pair: -pair[0])
    if not scores:
        return None
    best, place = scores[0][0], scores[0][1].place  # its best candidate; unambiguous if clearly ahead of the next
    sure = len(scores) == 1 or best - scores[1][0] >= SURE_MARGIN
    return place.latitude, place.longitude, sure, item.expected or scores[0][1].curated


@cache
def default_theatre() -> frozenset[str]:
    return frozenset(str(iso) for iso in base_places().theatre)


def theatre_of(report_theatre: tuple[str, ...] | None) -> frozenset[str]:
    """A report's theatre: the one it was read with, or (None) the default of base/places.yaml."""
    return default_theatre() if report_theatre is None else frozenset(report_theatre)


def plausible(c: Candidate, item: Found, context: Context) -> bool:
    """Whether a candidate is believable here: small places far from the report's focus, or named
    where a capitalised common word or a person's name could stand, are more likely not places."""
    place = c.place
    shouting = item.span.text.isupper() and len(item.span.text) <= 4  # "TASS", "PER": acronyms
    if c.curated:
        return True
    if shouting or place.kind == "country":
        return place.kind == "country" and not shouting
    top = context.top
    in_focus = place.iso in top
    if c.variant:  # a spelling variant: in the report's focus, where a place is expected or a known town
        if skeleton_size(item.span.text) < MIN_SKELETON and not item.expected:
            return False
        if in_focus or (item.label and not top and place.iso in context.theatre):  # "Schastya: ..."
            return item.expected or place.population >= UNSUPPORTED_MIN_POPULATION
        return not top and item.expected and skeleton_size(item.span.text) >= MIN_SKELETON
    if not item.exact:
        return in_focus or (not top and item.expected)
    if place.kind != "city":
        return in_focus or not top
    # A village named in passing, far from the places the text gives, is more likely a namesake word or
    # the name of a building ("Bakhmut: the Peremoha cinema was hit").
    if (
        in_focus
        and not item.expected
        and place.population < UNSUPPORTED_MIN_POPULATION
        and context.far(place, REMOTE_KM)
    ):
        return False
    if in_focus:  # a capitalised first word that is also a hamlet's name is more likely the word
        return not item.initial or item.expected or place.population >= 1_000
    if top:  # a place outside the focus: a known city, not far from every place the text gives as one
        if place.iso in context.theatre and not item.initial:  # the theatre's towns need less support
            return place.population >= UNSUPPORTED_MIN_POPULATION and not context.far(place)
        return place.population >= FOREIGN_MIN_POPULATION and (item.expected or not context.far(place))
    return _standalone(c, item)


class ScoreWeights(BaseModel):
    """The weight of each feature in a candidate's score (weights.yaml says what each feature is)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    curated: float
    focus: float
    population: float
    named_region: float
    qualifier: float
    nearness: float
    region_kind: float
    variant: float
    actor_country: float
    own_name: float


WEIGHTS_FILE = Path(__file__).with_name("weights.yaml")


def load_score_weights(path: Path = WEIGHTS_FILE) -> ScoreWeights:
    try:
        return ScoreWeights(**yaml.safe_load(path.read_text(encoding="utf-8"))["weights"])
    except (OSError, KeyError, TypeError, yaml.YAMLError, ValidationError) as error:
        raise ValueError(f"{path}: not a file of place score weights ({error})") from error


_weights = load_score_weights()


def use_score_weights(weights: ScoreWeights) -> None:
    """Score with these weights from now on (scripts/fit_place_weights.py tries weights this way)."""
    global _weights
    _weights = weights


@lru_cache(maxsize=100_000)
def own_name(place_name: str, written: str) -> bool:
    """Whether a name as written is the place's own (main) name in another spelling or case ("Слов'янська":
    Sloviansk), not only one of its alternate or former names ("Слов'янськ", once Nikopol's too)."""
    ours, theirs = name_skeleton(written), name_skeleton(place_name)
    if not ours or not theirs:
        return False
    short, long = sorted((ours, theirs), key=len)
    return long.startswith(short) and len(long) - len(short) <= OWN_NAME_ENDING


OWN_NAME_ENDING = 2  # skeleton letters an inflection adds to a name ("Слов'янська", "Charkowie")


def score(c: Candidate, context: Context, qualifier: tuple[str, str] | None, written: str = "") -> float:
    place, w = c.place, _weights
    region = (place.iso, c.admin1code)
    return (
        (w.own_name if written and own_name(place.name, written) else 0.0)
        + w.curated * c.curated
        + w.focus * context.weight(place.iso) / context.top_weight
        + w.population * math.log10(place.population + 10)
        + (w.named_region if region in context.regions and place.kind not in REGIONS else 0.0)
        + (w.qualifier if qualifier == region else 0.0)
        + (w.nearness * context.nearness(place) if place.kind == "city" else 0.0)
        + (w.region_kind if place.kind in ("admin1", "admin2", "feature") else 0.0)
        + (w.variant if c.variant else 0.0)
        + (w.actor_country if place.iso in context.actors else 0.0)
    )


def qualifier_of(
    text: str, item: Found, following: Found | None, chosen: dict[Span, Candidate], place_rules: PlaceRules
) -> Candidate | None:
    """The region or larger place given right after a name: "Kupiansk, Kharkiv oblast", "Pavlivka in the
    Donetsk region" (after a locative word only a region or country qualifies)."""
    if following is None or following.span not in chosen:
        return None
    gap, qualifier = text[item.span.end : following.span.start], chosen[following.span]
    if APPOSITION.match(gap):
        return qualifier
    regional = qualifier.place.kind in REGIONS or qualifier.place.kind == "country"
    return qualifier if regional and place_rules.locative_gap.match(gap) else None


def country_of_found(item: Found) -> str:
    """The country a name names, if that is what it names (see `Found.country`)."""
    return item.country
