"""Gold sets: JSONL files of documents with a `gold` object, in the format of `../shared/eval-dev/README.md`.

A set's kind is recognised by the keys of its gold objects (the file name is only a label), so a
held-out half or a renamed copy of a set is scored the same way.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any


class SetKind(StrEnum):
    CASE_TYPES = "case_types"  # gold.sub_event_type: one of 25 ACLED sub-event types, or null
    ITN_MULTILINGUAL = "itn_multilingual"  # gold.event_types: accepted ACLED event types
    UCDP_HEADLINES = "ucdp_headlines"  # gold.latitude/longitude, location_in_text, date_start/end, best
    BELLINGCAT_PLACES = "bellingcat_places"  # gold.latitude/longitude, date


class GoldError(ValueError):
    """A gold file that cannot be scored; the message says why."""


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    record: dict[str, Any]  # the input fields (id, published, lang, text) as a reader takes them
    gold: dict[str, Any]

    @property
    def lang(self) -> str:
        return str(self.record.get("lang") or "")

    @property
    def text(self) -> str:
        return str(self.record.get("text") or "")


@dataclass(frozen=True, slots=True)
class GoldSet:
    name: str  # the file's stem
    kind: SetKind
    path: Path
    sha256: str
    docs: tuple[GoldDoc, ...]
    split: str = "all"  # "tune" or "check" for one half of the file (see split.py)

    @property
    def label(self) -> str:
        return self.name if self.split == "all" else f"{self.name} [{self.split}]"


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kind_of(gold_keys: set[str], name: str) -> SetKind:
    """The set's kind from the keys its gold objects carry; the file name breaks no ties."""
    if "sub_event_type" in gold_keys:
        return SetKind.CASE_TYPES
    if "event_types" in gold_keys:
        return SetKind.ITN_MULTILINGUAL
    if {"location_in_text", "latitude", "longitude"} <= gold_keys:
        return SetKind.UCDP_HEADLINES
    if {"latitude", "longitude", "date"} <= gold_keys:
        return SetKind.BELLINGCAT_PLACES
    raise GoldError(f"{name}: gold objects with keys {sorted(gold_keys)} match no known gold set")


def parse_line(line: str, number: int, name: str) -> GoldDoc:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise GoldError(f"{name}:{number}: not JSON ({error.msg})") from None
    if not isinstance(record, dict) or not isinstance(record.get("gold"), dict) or not record.get("id"):
        raise GoldError(f"{name}:{number}: expected an object with 'id' and a 'gold' object")
    gold = record.pop("gold")
    return GoldDoc(id=str(record["id"]), record=record, gold=gold)


def load_gold(path: Path | str) -> GoldSet:
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    docs = tuple(parse_line(line, n, path.name) for n, line in enumerate(lines, start=1) if line.strip())
    if not docs:
        raise GoldError(f"{path.name}: no documents")
    if len({doc.id for doc in docs}) != len(docs):
        raise GoldError(f"{path.name}: document ids are not unique")
    keys = set().union(*(doc.gold.keys() for doc in docs))
    return GoldSet(path.stem, kind_of(keys, path.name), path, file_sha256(path), docs)
