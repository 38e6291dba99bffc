"""A readable summary of a store: events by type, by place and by day."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .store import Store


def _table(title: str, header: str, rows: list[tuple[str, int]], limit: int = 12) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(header)
    table.add_column("events", justify="right")
    for key, count in rows[:limit]:
        table.add_row(key, str(count))
    if len(rows) > limit:
        table.add_row(f"... {len(rows) - limit} more", "")
    return table


def print_summary(store: Store, reports: int, new: int, console: Console | None = None) -> None:
    console = console or Console()
    total = sum(n for _, n in store.counts("event_type"))
    console.print(f"[bold]{reports} sample reports coded[/bold] ({new} new in the database); {total} events stored.")
    console.print(_table("Events by type", "event type", store.counts("event_type")))
    console.print(_table("Events by place", "location", store.counts("location")))
    console.print(_table("Events by day", "event date", sorted(store.counts("event_date"))))
