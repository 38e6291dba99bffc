"""The one home of ACLED's one-event-per-happening rule, at both levels.

- `within`: the events one report tells are folded into one per happening (the stage `assemble`
  calls `one_event_per_happening` last).
- `across`: a new report's event joins the stored event of the same happening, or starts one
  (the store asks `best_match` among the candidates its SQL window finds, and `combine`s them).

Shared: `tolls.lowest_toll` (ACLED's lowest reported figure) and `notes.describe`; the type
predicates (`is_demonstration`, families, priorities) are taxonomy, in `eventwire.taxonomy`.
Nothing here imports a stage.
"""

from .across import (
    ACTOR_FIELDS,
    PLACE_FIELDS,
    WIDEST_WINDOW_DAYS,
    CandidateWindow,
    PairScores,
    Profile,
    best_match,
    candidate_window,
    combine,
    compatible,
    date_rank,
    date_window,
    distance_km,
    family,
    is_generic,
    pairwise_scores,
    place_rank,
    profile,
    reported_toll,
    shared_tags,
)
from .notes import describe
from .tolls import lowest_toll
from .within import one_event_per_happening

__all__ = [
    "ACTOR_FIELDS",
    "PLACE_FIELDS",
    "WIDEST_WINDOW_DAYS",
    "CandidateWindow",
    "PairScores",
    "Profile",
    "best_match",
    "candidate_window",
    "combine",
    "compatible",
    "date_rank",
    "date_window",
    "describe",
    "distance_km",
    "family",
    "is_generic",
    "lowest_toll",
    "one_event_per_happening",
    "pairwise_scores",
    "place_rank",
    "profile",
    "reported_toll",
    "shared_tags",
]
