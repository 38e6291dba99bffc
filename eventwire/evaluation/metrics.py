"""Scoring: one function per kind of gold set, each returning a typed result.

Definitions (printed with the results, see `render.py`):
- case_types: (document, sub-event type) pairs. A document's predicted labels are the sub-event types
  of all its events. Macro-F1 averages per-class F1 over the ACLED sub-event types that have gold
  support in the set; a type without gold support has no defined recall, so it is left out of the
  average and its false positives are listed instead. Precision of a class never predicted is 0.
- itn_multilingual: (document, event type) pairs, overall, per language and per event type.
- ucdp_headlines / bellingcat_places: the distance from the gold point to the nearest predicted event
  with coordinates (haversine). A date matches when an event carries the gold day at day precision
  (`time_precision` 1). UCDP's toll matches when the largest fatality count among a document's events
  (0 without events) equals `gold.best`.
Documents that were skipped, or have no events, predict nothing.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..records import PartialDate
from ..taxonomy import PRIORITY, SUB_EVENT_TYPES, TAXONOMY
from .gold import GoldDoc, GoldSet, SetKind
from .predictions import PredictedEvent, Predictions
from .split import tune_ids

NONE_LABEL = "(none)"
DISTANCES_KM = (25, 50, 100)
EVENT_TYPES: tuple[str, ...] = tuple(event_type for event_type, _ in TAXONOMY)
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass(frozen=True, slots=True)
class Share:
    hits: int
    total: int
    share: float


@dataclass(frozen=True, slots=True)
class Miss:
    doc_id: str
    gold: str
    predicted: str


@dataclass(frozen=True, slots=True)
class Skips:
    count: int
    reasons: dict[str, int]  # reason -> number of documents


@dataclass(frozen=True, slots=True)
class CaseResult:
    docs: int
    skipped: Skips
    per_class: dict[str, Counts]  # every ACLED sub-event type, in taxonomy order
    macro_f1: float
    macro_classes: int  # sub-event types with gold support, over which macro_f1 is averaged
    unsupported_predicted: dict[str, int]  # types without gold support that were predicted: false positives
    micro: Counts
    null_no_event: Share  # null-gold documents that produced no event
    confusion: dict[str, dict[str, int]]  # gold label -> main predicted label -> documents
    misses: int
    errors: tuple[Miss, ...]
    kind: str = SetKind.CASE_TYPES

    def headline(self) -> dict[str, float]:
        return {"macro_f1": self.macro_f1, "null_no_event": self.null_no_event.share}


@dataclass(frozen=True, slots=True)
class ItnResult:
    docs: int
    skipped: Skips
    overall: Counts
    by_language: dict[str, Counts]
    by_type: dict[str, Counts]
    no_event: Share  # documents without gold event types that produced no event
    misses: int
    errors: tuple[Miss, ...]
    kind: str = SetKind.ITN_MULTILINGUAL

    def headline(self) -> dict[str, float]:
        return {"precision": self.overall.precision, "recall": self.overall.recall}


@dataclass(frozen=True, slots=True)
class UcdpResult:
    docs: int
    skipped: Skips
    located_docs: int  # documents whose gold location is named in the text
    within_km: dict[int, Share]  # over located_docs
    date_exact: Share  # over documents with a one-day gold date
    toll_exact: Share  # over all documents
    misses: int
    errors: tuple[Miss, ...]
    kind: str = SetKind.UCDP_HEADLINES

    def headline(self) -> dict[str, float]:
        return {
            "within_50km": self.within_km[50].share,
            "date_exact": self.date_exact.share,
            "toll_exact": self.toll_exact.share,
        }


@dataclass(frozen=True, slots=True)
class BellingcatResult:
    docs: int
    skipped: Skips
    within_km: dict[int, Share]
    date_exact: Share
    misses: int
    errors: tuple[Miss, ...]
    kind: str = SetKind.BELLINGCAT_PLACES

    def headline(self) -> dict[str, float]:
        return {"within_25km": self.within_km[25].share, "date_exact": self.date_exact.share}


SetResult = CaseResult | ItnResult | UcdpResult | BellingcatResult


# --- building blocks ---------------------------------------------------------------------------


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def prf(tp: int, fp: int, fn: int) -> Counts:
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Counts(tp, fp, fn, precision, recall, f1)


def share(hits: int, total: int) -> Share:
    return Share(hits, total, ratio(hits, total))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def pair_counts(gold: Mapping[str, set[str]], predicted: Mapping[str, set[str]], label: str | None = None) -> Counts:
    """P/R/F1 over (document, label) pairs; restricted to one label when `label` is given."""
    tp = fp = fn = 0
    for doc_id in gold.keys() | predicted.keys():
        g, p = gold.get(doc_id, set()), predicted.get(doc_id, set())
        if label is not None:
            g, p = g & {label}, p & {label}
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    return prf(tp, fp, fn)


def skips(docs: Iterable[GoldDoc], predictions: Predictions) -> Skips:
    reasons = Counter(predictions.skipped[doc.id] for doc in docs if doc.id in predictions.skipped)
    return Skips(sum(reasons.values()), dict(reasons.most_common()))


def predicted_text(doc_id: str, labels: Iterable[str], predictions: Predictions) -> str:
    if doc_id in predictions.skipped:
        return f"skipped: {predictions.skipped[doc_id]}"
    return ", ".join(sorted(labels)) or NONE_LABEL


def normalise_date(value: Any) -> str | None:
    """`2022-3-3` -> `2022-03-03`; None for anything that is not one calendar day."""
    try:
        date = PartialDate.parse(str(value))
    except ValueError:
        return None
    return str(date) if date.day is not None else None


def date_matches(events: Iterable[PredictedEvent], day: str) -> bool:
    return any(event.event_date == day and event.time_precision == 1 for event in events)


def nearest(events: Iterable[PredictedEvent], lat: float, lon: float) -> tuple[PredictedEvent, float] | None:
    located = [
        (e, haversine_km(lat, lon, e.latitude, e.longitude))
        for e in events
        if e.latitude is not None and e.longitude is not None
    ]
    return min(located, key=lambda pair: pair[1]) if located else None


# --- case_types --------------------------------------------------------------------------------


def main_label(gold: str, predicted: set[str]) -> str:
    """One predicted label per document for the confusion table: the gold label when it was
    predicted, else the predicted type of highest ACLED priority, else (none)."""
    if gold in predicted:
        return gold
    return min(predicted, key=lambda label: (PRIORITY.get(label, len(PRIORITY)), label), default=NONE_LABEL)


def confusion_table(gold: Mapping[str, str], predicted: Mapping[str, set[str]]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter[str]] = {}
    for doc_id, label in gold.items():
        table.setdefault(label, Counter())[main_label(label, predicted.get(doc_id, set()))] += 1
    return {label: dict(row.most_common()) for label, row in table.items()}


def score_case(gold_set: GoldSet, predictions: Predictions, max_errors: int) -> CaseResult:
    gold = {doc.id: doc.gold.get("sub_event_type") or NONE_LABEL for doc in gold_set.docs}
    gold_sets = {doc_id: {label} - {NONE_LABEL} for doc_id, label in gold.items()}
    predicted = {doc_id: {e.sub_event_type for e in predictions.of(doc_id)} for doc_id in gold}
    per_class = {label: pair_counts(gold_sets, predicted, label) for label in SUB_EVENT_TYPES}
    supported = [counts.f1 for counts in per_class.values() if counts.support]
    null_docs = [doc_id for doc_id, label in gold.items() if label == NONE_LABEL]
    missed = [doc_id for doc_id in gold if gold_sets[doc_id] != predicted[doc_id]]
    return CaseResult(
        docs=len(gold),
        skipped=skips(gold_set.docs, predictions),
        per_class=per_class,
        macro_f1=mean(supported),
        macro_classes=len(supported),
        unsupported_predicted={label: c.fp for label, c in per_class.items() if not c.support and c.fp},
        micro=pair_counts(gold_sets, predicted),
        null_no_event=share(sum(not predicted[doc_id] for doc_id in null_docs), len(null_docs)),
        confusion=confusion_table(gold, predicted),
        misses=len(missed),
        errors=tuple(
            Miss(doc_id, gold[doc_id], predicted_text(doc_id, predicted[doc_id], predictions))
            for doc_id in missed[:max_errors]
        ),
    )


# --- itn_multilingual --------------------------------------------------------------------------


def score_itn(gold_set: GoldSet, predictions: Predictions, max_errors: int) -> ItnResult:
    gold = {doc.id: set(doc.gold.get("event_types") or ()) for doc in gold_set.docs}
    predicted = {doc_id: {e.event_type for e in predictions.of(doc_id)} for doc_id in gold}
    languages = sorted({doc.lang for doc in gold_set.docs})

    def of_language(lang: str) -> Counts:
        ids = {doc.id for doc in gold_set.docs if doc.lang == lang}
        return pair_counts({i: gold[i] for i in ids}, {i: predicted[i] for i in ids})

    empty = [doc_id for doc_id, types in gold.items() if not types]
    missed = [doc_id for doc_id in gold if gold[doc_id] != predicted[doc_id]]
    return ItnResult(
        docs=len(gold),
        skipped=skips(gold_set.docs, predictions),
        overall=pair_counts(gold, predicted),
        by_language={lang: of_language(lang) for lang in languages},
        by_type={event_type: pair_counts(gold, predicted, event_type) for event_type in EVENT_TYPES},
        no_event=share(sum(not predicted[doc_id] for doc_id in empty), len(empty)),
        misses=len(missed),
        errors=tuple(
            Miss(
                doc_id,
                ", ".join(sorted(gold[doc_id])) or NONE_LABEL,
                predicted_text(doc_id, predicted[doc_id], predictions),
            )
            for doc_id in missed[:max_errors]
        ),
    )


# --- locations ---------------------------------------------------------------------------------


def distance_of(doc: GoldDoc, predictions: Predictions) -> tuple[PredictedEvent, float] | None:
    return nearest(predictions.of(doc.id), float(doc.gold["latitude"]), float(doc.gold["longitude"]))


def within(distances: Mapping[str, float | None], km: int) -> Share:
    return share(sum(d is not None and d <= km for d in distances.values()), len(distances))


def location_miss(doc: GoldDoc, found: tuple[PredictedEvent, float] | None, predictions: Predictions) -> Miss:
    gold = f"{doc.gold.get('location') or '?'} ({float(doc.gold['latitude']):.3f}, {float(doc.gold['longitude']):.3f})"
    if doc.id in predictions.skipped:
        predicted = f"skipped: {predictions.skipped[doc.id]}"
    elif found is None:
        predicted = f"{len(predictions.of(doc.id))} events, none located"
    else:
        predicted = f"{found[0].location or '?'} at {found[1]:.0f} km"
    return Miss(doc.id, gold, predicted)


def location_scores(
    docs: Iterable[GoldDoc], predictions: Predictions, miss_km: int, max_errors: int
) -> tuple[dict[int, Share], int, tuple[Miss, ...]]:
    docs = list(docs)
    found = {doc.id: distance_of(doc, predictions) for doc in docs}
    distances = {doc_id: pair[1] if pair else None for doc_id, pair in found.items()}
    missed = [doc for doc in docs if distances[doc.id] is None or distances[doc.id] > miss_km]
    errors = tuple(location_miss(doc, found[doc.id], predictions) for doc in missed[:max_errors])
    return {km: within(distances, km) for km in DISTANCES_KM}, len(missed), errors


def date_share(docs: Iterable[GoldDoc], predictions: Predictions, gold_day: Callable[[GoldDoc], str | None]) -> Share:
    days = {doc.id: gold_day(doc) for doc in docs}
    dated = {doc_id: day for doc_id, day in days.items() if day is not None}
    return share(sum(date_matches(predictions.of(i), day) for i, day in dated.items()), len(dated))


def ucdp_day(doc: GoldDoc) -> str | None:
    start, end = doc.gold.get("date_start"), doc.gold.get("date_end")
    return normalise_date(start) if start and start == end else None


def toll(events: Iterable[PredictedEvent]) -> int:
    return max((event.fatalities for event in events), default=0)


def score_ucdp(gold_set: GoldSet, predictions: Predictions, max_errors: int) -> UcdpResult:
    located = [doc for doc in gold_set.docs if doc.gold.get("location_in_text") is True]
    within_km, misses, errors = location_scores(located, predictions, 50, max_errors)
    tolls = [toll(predictions.of(doc.id)) == doc.gold.get("best") for doc in gold_set.docs]
    return UcdpResult(
        docs=len(gold_set.docs),
        skipped=skips(gold_set.docs, predictions),
        located_docs=len(located),
        within_km=within_km,
        date_exact=date_share(gold_set.docs, predictions, ucdp_day),
        toll_exact=share(sum(tolls), len(tolls)),
        misses=misses,
        errors=errors,
    )


def score_bellingcat(gold_set: GoldSet, predictions: Predictions, max_errors: int) -> BellingcatResult:
    within_km, misses, errors = location_scores(gold_set.docs, predictions, 25, max_errors)
    return BellingcatResult(
        docs=len(gold_set.docs),
        skipped=skips(gold_set.docs, predictions),
        within_km=within_km,
        date_exact=date_share(gold_set.docs, predictions, lambda doc: normalise_date(doc.gold.get("date"))),
        misses=misses,
        errors=errors,
    )


SCORERS: dict[SetKind, Callable[[GoldSet, Predictions, int], SetResult]] = {
    SetKind.CASE_TYPES: score_case,
    SetKind.ITN_MULTILINGUAL: score_itn,
    SetKind.UCDP_HEADLINES: score_ucdp,
    SetKind.BELLINGCAT_PLACES: score_bellingcat,
}


def score(gold_set: GoldSet, predictions: Predictions, max_errors: int = 10) -> SetResult:
    """The set's metrics; of its misses, only those of the tune half are listed (never the check half's)."""
    result = SCORERS[gold_set.kind](gold_set, predictions, len(gold_set.docs))
    shown = tune_ids(gold_set)
    return replace(result, errors=tuple(miss for miss in result.errors if miss.doc_id in shown)[:max_errors])
