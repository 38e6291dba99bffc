"""ACLED's rule for conflicting death tolls, for events within a report and across reports."""

from __future__ import annotations

from collections.abc import Iterable


def lowest_toll(tolls: Iterable[int | None]) -> int:
    """The lowest reported figure; None is a report that gives no figure, and does not count."""
    reported = [toll for toll in tolls if toll is not None]
    return min(reported) if reported else 0
