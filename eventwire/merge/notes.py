"""The English notes of an event, generated from its fields (ACLED's `notes` column)."""

from __future__ import annotations

import datetime as dt

from ..records import Event


def describe(event: Event) -> str:
    """A short English description generated from the event's fields."""
    if event.time_precision == 3:
        when = f"In {dt.date.fromisoformat(event.event_date):%B %Y}"
    elif event.time_precision == 2:
        when = f"In the week of {event.event_date}"
    elif event.time_precision == 1:
        when = f"On {event.event_date}"
    else:
        when = "On an unknown date"
    where = (
        f" in {event.location}" + (f" ({event.admin1})" if event.admin1 else "")
        if event.location
        else (f" in {event.country}" if event.country else "")
    )
    against = f" against {event.actor2}" if event.actor2 else ""
    toll = f" {event.fatalities} reported fatalities." if event.fatalities else ""
    hedge = {"claimed": " (claimed)", "alleged": " (alleged)", "denied": " (denied)"}.get(str(event.certainty), "")
    source = f" According to {event.source}." if event.source else ""
    return f"{when}, {event.sub_event_type.lower()}{hedge} by {event.actor1}{against}{where}.{toll}{source}"
