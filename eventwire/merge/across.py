"""One event per happening across reports: when two coded events report the same thing, and how they combine.

Two events are the same happening (ACLED: same actors, same day, same place, same type) when
- their types are of one family (a shelling and a drone strike on a town are both remote violence;
  an agreement and an arrest are not),
- their dates are compatible given their precision (a day within a month-precision event's month;
  an event a report does not date may be a few days older than the report),
- their places are the same or nearby (a town and "near" that town; a region and a town in it),
- their actors do not contradict each other (named actors overlap, or one side names none).

Combined, an event keeps the most precise date and the most precise place its reports give,
ACLED's rule for tolls (the lowest reported figure), every source, and the id of the first report
of it (a stable id: later reports never change it).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..records import Certainty, Event
from ..taxonomy import EVENT_TYPE, PRIORITY, disorder_type, is_demonstration
from .notes import describe
from .tolls import lowest_toll

INFERRED_DATE_SLACK_DAYS = 3  # an event a report does not date may be this many days older than the report
WEEK_HALF_DAYS = 3  # ACLED time_precision 2: the date is the middle of a week
WIDEST_WINDOW_DAYS = 31  # no date window is longer than a month
SAME_PLACE_KM = 10.0  # two towns (or districts) this close are one place
NEAR_PLACE_KM = 30.0  # "near X" (geo_precision 2) is within this distance of X
REGION_KM = 150.0  # a region without admin1 on one side: its capital and a town within this distance
GENERIC_ACTORS = ("Unidentified", "Civilians", "Protesters", "Rioters")
CANDIDATE_DEGREES = 0.5  # stored events this many degrees of latitude away are never the same place
CERTAINTY_RANK = {Certainty.REPORTED: 0, Certainty.CLAIMED: 1, Certainty.ALLEGED: 2, Certainty.DENIED: 3}


@dataclass(frozen=True, slots=True)
class Profile:
    """What merging compares: the type family, a date window, a place and the actors."""

    family: str
    date_lo: dt.date | None
    date_hi: dt.date | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    country: str
    admin1: str
    actors: tuple[str, ...]


def family(event_type: str, sub_event_type: str) -> str:
    """Types that different reports (and languages) use for one happening."""
    if is_demonstration(event_type):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return f"{event_type}: {sub_event_type}"
    return event_type


def date_window(event: Event) -> tuple[dt.date | None, dt.date | None]:
    """The days an event may have happened on, given its date's precision and where it came from."""
    if not event.event_date:
        return None, None
    day = dt.date.fromisoformat(event.event_date)
    if event.time_precision == 3:
        first = day.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return first, last
    if event.time_precision == 2:
        return day - dt.timedelta(days=WEEK_HALF_DAYS), day + dt.timedelta(days=WEEK_HALF_DAYS)
    if "event_date" not in event.evidence:  # the report's own date: the event may be a little older
        return day - dt.timedelta(days=INFERRED_DATE_SLACK_DAYS), day
    return day, day


def date_rank(event: Event) -> int:
    """Lower is more precise: a stated day, an inferred day, a week, a month, nothing."""
    if not event.event_date:
        return 4
    if event.time_precision == 1:
        return 0 if "event_date" in event.evidence else 1
    return 2 if event.time_precision == 2 else 3


def place_rank(event: Event) -> int:
    return event.geo_precision - 1 if event.geo_precision else 3


def profile(event: Event) -> Profile:
    low, high = date_window(event)
    return Profile(
        family=family(event.event_type, event.sub_event_type),
        date_lo=low,
        date_hi=high,
        latitude=event.latitude,
        longitude=event.longitude,
        geo_precision=event.geo_precision,
        country=event.country,
        admin1=event.admin1,
        actors=tuple(a for a in (event.actor1, event.actor2) if a),
    )


@dataclass(frozen=True, slots=True)
class CandidateWindow:
    """Which stored events can be the same happening as a profile, before `compatible` decides:
    the same family; dated ones overlapping its date window (widened by the widest window), or
    undated ones when it is undated; near its latitude when it is placed at a town."""

    family: str
    date_lo_from: dt.date | None  # stored date_lo at or after this ...
    date_lo_to: dt.date | None  # ... and at or before this, and stored date_hi at or after date_hi_from
    date_hi_from: dt.date | None
    latitude_from: float | None  # stored latitude between these, or unplaced, or a region
    latitude_to: float | None


def candidate_window(profile: Profile) -> CandidateWindow:
    dated = profile.date_lo is not None and profile.date_hi is not None
    placed = profile.latitude is not None and profile.geo_precision in (1, 2)
    return CandidateWindow(
        family=profile.family,
        date_lo_from=profile.date_lo - dt.timedelta(days=WIDEST_WINDOW_DAYS) if dated and profile.date_lo else None,
        date_lo_to=profile.date_hi if dated else None,
        date_hi_from=profile.date_lo if dated else None,
        latitude_from=profile.latitude - CANDIDATE_DEGREES if placed and profile.latitude is not None else None,
        latitude_to=profile.latitude + CANDIDATE_DEGREES if placed and profile.latitude is not None else None,
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _dates_compatible(a: Profile, b: Profile) -> bool:
    if a.date_lo is None or b.date_lo is None or a.date_hi is None or b.date_hi is None:
        return a.date_lo is None and b.date_lo is None
    return a.date_lo <= b.date_hi and b.date_lo <= a.date_hi


def _places_compatible(a: Profile, b: Profile) -> bool:
    if a.country != b.country:
        return False
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        return bool(a.country)  # one side is placed at country level at most: the country decides
    km = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
    if 3 in (a.geo_precision, b.geo_precision):  # a region: a town in it is compatible
        return a.admin1 == b.admin1 if a.admin1 and b.admin1 else km <= REGION_KM
    if 2 in (a.geo_precision, b.geo_precision):
        return km <= NEAR_PLACE_KM
    return km <= SAME_PLACE_KM


def is_generic(actor: str) -> bool:
    return actor.startswith(GENERIC_ACTORS)


def _same_actor(a: str, b: str) -> bool:
    # "Military Forces of Russia (2000-) Air Force" is a unit of "Military Forces of Russia (2000-)".
    return a.startswith(b) or b.startswith(a)


def _actors_compatible(a: Profile, b: Profile) -> bool:
    named_a = [x for x in a.actors if not is_generic(x)]
    named_b = [x for x in b.actors if not is_generic(x)]
    if not named_a or not named_b:
        return True
    return any(_same_actor(x, y) for x in named_a for y in named_b)


def compatible(a: Profile, b: Profile) -> bool:
    """Could these two be reports of one happening?"""
    return a.family == b.family and _dates_compatible(a, b) and _places_compatible(a, b) and _actors_compatible(a, b)


def _closeness(a: Profile, b: Profile) -> tuple[float, int]:
    km = (
        distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
        if None not in (a.latitude, a.longitude, b.latitude, b.longitude)
        else REGION_KM
    )
    gap = abs((a.date_lo - b.date_lo).days) if a.date_lo and b.date_lo else 0
    return km, gap


def best_match(mention: Profile, candidates: Iterable[tuple[str, Profile]]) -> str | None:
    """The id of the compatible candidate nearest in place, then in time; None when none is."""
    found = [(_closeness(mention, p), key) for key, p in candidates if compatible(mention, p)]
    return min(found)[1] if found else None


def _specificity(event: Event) -> int:
    return sum(1 for actor in (event.actor1, event.actor2) if actor and not is_generic(actor))


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def reported_toll(mention: Event) -> int | None:
    """The toll a report gives (zero when it says nobody died), or None when it gives none."""
    return mention.fatalities if mention.fatalities or "fatalities" in mention.evidence else None


def combine(event_id: str, mentions: Sequence[Event]) -> Event:
    """One event from the mentions of one happening, in the order they were stored."""
    first = mentions[0]
    dated = min(mentions, key=date_rank)
    placed = min(mentions, key=place_rank)
    actors = max(mentions, key=_specificity)
    sub_event = min((m.sub_event_type for m in mentions), key=lambda s: PRIORITY.get(s, len(PRIORITY)))
    event_type = EVENT_TYPE.get(sub_event, first.event_type)
    reports = len({m.doc_id for m in mentions})
    event = replace(
        first,
        event_id=event_id,
        evidence={},
        event_date=dated.event_date,
        time_precision=dated.time_precision,
        event_type=event_type,
        sub_event_type=sub_event,
        disorder_type=disorder_type(event_type, sub_event),
        **{f: getattr(actors, f) for f in ACTOR_FIELDS},
        **{f: getattr(placed, f) for f in PLACE_FIELDS},
        fatalities=lowest_toll(reported_toll(m) for m in mentions),
        source="; ".join(_unique(m.source for m in mentions)),
        certainty=min((m.certainty for m in mentions), key=lambda c: CERTAINTY_RANK.get(c, 0)),
        confidence=round(min(0.99, max(m.confidence for m in mentions) + 0.05 * (reports - 1)), 2),
        tags=shared_tags(mentions),
    )
    event.notes = describe(event) + (f" Reported in {reports} reports." if reports > 1 else "")
    return event


def shared_tags(mentions: Sequence[Event]) -> str:
    """The tags every mention carries: "weapon not reported" holds only if no report names the weapon."""
    tag_sets = [{t.strip() for t in m.tags.split(";") if t.strip()} for m in mentions]
    common = set.intersection(*tag_sets) if tag_sets else set()
    return "; ".join(t for t in dict.fromkeys(t.strip() for t in mentions[0].tags.split(";")) if t in common)


ACTOR_FIELDS = (
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
)
PLACE_FIELDS = (
    "iso",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
)


@dataclass(frozen=True, slots=True)
class PairScores:
    precision: float
    recall: float
    f1: float
    predicted_pairs: int
    gold_pairs: int
    true_pairs: int


def pairwise_scores(predicted: dict[str, set[str]], gold: dict[str, str]) -> PairScores:
    """Pairwise merge precision and recall over documents.

    `predicted`: document -> the ids of the stored events it supports; two documents are merged when
    they share one. `gold`: document -> its gold cluster; two documents of one cluster should be merged.
    Only documents present in both are scored.
    """
    docs = sorted(set(predicted) & set(gold))
    predicted_pairs = gold_pairs = true_pairs = 0
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            merged = bool(predicted[a] & predicted[b])
            same = gold[a] == gold[b]
            predicted_pairs += merged
            gold_pairs += same
            true_pairs += merged and same
    precision = true_pairs / predicted_pairs if predicted_pairs else 1.0
    recall = true_pairs / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScores(round(precision, 4), round(recall, 4), round(f1, 4), predicted_pairs, gold_pairs, true_pairs)
