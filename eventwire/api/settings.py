"""What the HTTP API is configured with: the database, the tokens, the limits."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "eventwire.db"
WEB_DIR = Path(__file__).resolve().parent.parent / "web"


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB  # an SQLite file or a postgresql:// URL
    token: str | None = None  # required by POST /reports (Authorization: Bearer ...); no token: ingest is off
    read_token: str | None = None  # when set, reading needs it too (or the ingest token)
    page_limit: int = 1000  # most events in one page of GET /events
    export_limit: int = 100_000  # most events in one CSV or GeoJSON export
    max_body_bytes: int = 10 * 1024 * 1024  # largest POST /reports body
    max_reports: int = 1000  # most reports in one POST /reports
    web_dir: Path | None = field(default=WEB_DIR)  # the dashboard's static files, served at /

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from EVENTWIRE_DB, EVENTWIRE_TOKEN and EVENTWIRE_READ_TOKEN; explicit values win."""
        values: dict[str, object] = {
            "db": os.environ.get("EVENTWIRE_DB") or DEFAULT_DB,
            "token": os.environ.get("EVENTWIRE_TOKEN") or None,
            "read_token": os.environ.get("EVENTWIRE_READ_TOKEN") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
