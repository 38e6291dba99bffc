"""The FastAPI application: the routes, the error format, and the dashboard at /."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __doc__ as package_doc
from ..store import Store
from .deps import require_read, require_write
from .routes import events, feeds, reports
from .settings import Settings


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where}: {item.get('msg', 'invalid')}" if where else str(item.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The API over a store (opened from `settings.db` unless given), with the dashboard when present."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if store is None:
            app.state.store.close()

    app = FastAPI(
        title="eventwire",
        summary="Conflict events coded from news reports, one event per happening, with their evidence.",
        description=(package_doc or "").strip(),
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store or Store(settings.db)
    app.state.pipeline = None

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": _validation_message(error)})

    app.include_router(events.router, dependencies=[Depends(require_read)])
    app.include_router(feeds.router, dependencies=[Depends(require_read)])
    app.include_router(reports.read_router, dependencies=[Depends(require_read)])
    app.include_router(reports.write_router, dependencies=[Depends(require_write)])
    if settings.web_dir is not None and settings.web_dir.is_dir():
        app.mount("/", StaticFiles(directory=settings.web_dir, html=True), name="web")
    return app
