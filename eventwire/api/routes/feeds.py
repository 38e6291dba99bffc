"""Feeds: what `eventwire watch` follows, with each one's last fetch, status and counts."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter

from ...watch.state import FeedState
from ..deps import StoreDep
from ..schemas import FeedList

router = APIRouter(tags=["feeds"])


@router.get("/feeds", response_model=FeedList, summary="The feeds `watch` follows: last fetch, status and counts")
def list_feeds(store: StoreDep) -> dict:
    return {"feeds": [asdict(feed) for feed in FeedState(store).feeds()]}
