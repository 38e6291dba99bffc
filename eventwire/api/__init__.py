"""The HTTP API: `create_app(Settings(...))` gives a FastAPI app; `eventwire serve` runs it."""

from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
