"""The event database: reports, events (one per happening), their links with evidence, and sources.

SQLite by default (`Store("eventwire.db")`), PostgreSQL with a URL
(`Store("postgresql://user@host/db")`); the same schema and the same interface on both.
"""

from .backend import is_postgres_url
from .core import BATCH_SIZE, Added, Store, content_hash, event_from_record
from .query import EventFilter
from .schema import MIGRATIONS

__all__ = [
    "BATCH_SIZE",
    "MIGRATIONS",
    "Added",
    "EventFilter",
    "Store",
    "content_hash",
    "event_from_record",
    "is_postgres_url",
]
