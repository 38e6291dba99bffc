"""Dependencies the routes share: the store, the settings, the filters, the tokens."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request

from ..store import EventFilter, Store
from .settings import Settings


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_store(request: Request) -> Store:
    return request.app.state.store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]


def _bearer(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _matches(given: str | None, *expected: str | None) -> bool:
    return given is not None and any(e and secrets.compare_digest(given.encode(), e.encode()) for e in expected)


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(status_code=401, detail=message, headers={"WWW-Authenticate": "Bearer"})


async def require_read(settings: SettingsDep, authorization: Annotated[str | None, Header()] = None) -> None:
    """Reading is open unless a read token is configured."""
    if settings.read_token and not _matches(_bearer(authorization), settings.read_token, settings.token):
        raise _unauthorized("reading needs a token: send 'Authorization: Bearer <token>'")


async def require_write(settings: SettingsDep, authorization: Annotated[str | None, Header()] = None) -> None:
    if not settings.token:
        raise HTTPException(
            status_code=403, detail="ingest is disabled: start the server with --token or EVENTWIRE_TOKEN"
        )
    token = _bearer(authorization)
    if token is None:
        raise _unauthorized("ingest needs a token: send 'Authorization: Bearer <token>'")
    if not _matches(token, settings.token):
        raise _unauthorized("wrong token")


def _bbox(text: str) -> tuple[float, float, float, float]:
    parts = text.split(",")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise HTTPException(400, f"bbox must be four numbers minlon,minlat,maxlon,maxlat; got {text!r}") from None
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise HTTPException(
            400, f"bbox {text!r} is not minlon,minlat,maxlon,maxlat with -180<=lon<=180, -90<=lat<=90, min<=max"
        )
    return min_lon, min_lat, max_lon, max_lat


def _text(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


async def event_filter(
    start: Annotated[dt.date | None, Query(description="First day, YYYY-MM-DD (inclusive).")] = None,
    end: Annotated[dt.date | None, Query(description="Last day, YYYY-MM-DD (inclusive).")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat", max_length=200)] = None,
    event_type: Annotated[str | None, Query(max_length=100)] = None,
    sub_event_type: Annotated[str | None, Query(max_length=100)] = None,
    actor: Annotated[str | None, Query(description="Part of actor1 or actor2, any case.", max_length=200)] = None,
    country: Annotated[str | None, Query(max_length=100)] = None,
    admin1: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[
        str | None, Query(description="Words in the description, places, actors, titles.", max_length=200)
    ] = None,
) -> EventFilter:
    if start and end and start > end:
        raise HTTPException(400, f"start {start} is after end {end}")
    return EventFilter(
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        bbox=_bbox(bbox) if bbox else None,
        event_type=_text(event_type),
        sub_event_type=_text(sub_event_type),
        actor=_text(actor),
        country=_text(country),
        admin1=_text(admin1),
        q=_text(q),
    )


FilterDep = Annotated[EventFilter, Depends(event_filter)]
