"""The tune and check halves of a gold set.

Every gold document falls in one half by a hash of its key: the first byte of the SHA-256 of the
key (UTF-8) even -> **tune**, odd -> **check**. The key is the document id, except where the gold
object names a `cluster` (reports of one happening, as in `itn_multilingual`): then the cluster,
so that reports of one happening in several languages never sit on both sides. The rule depends on
nothing but the key, so the halves are the same on every run and machine, and a document keeps its
half when others are added.

Tune on the tune half's misses only. Of the check half only aggregate figures are ever shown: its
misses are never printed, whatever the split asked for (`visible_misses`).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from enum import StrEnum

from .gold import GoldDoc, GoldSet


class Split(StrEnum):
    TUNE = "tune"
    CHECK = "check"
    ALL = "all"


HALVES: tuple[Split, Split] = (Split.TUNE, Split.CHECK)


def split_key(doc: GoldDoc) -> str:
    cluster = doc.gold.get("cluster")
    return f"cluster:{cluster}" if cluster else doc.id


def half_of(doc: GoldDoc) -> Split:
    first_byte = hashlib.sha256(split_key(doc).encode("utf-8")).digest()[0]
    return Split.TUNE if first_byte % 2 == 0 else Split.CHECK


def select(gold_set: GoldSet, split: Split) -> GoldSet:
    """The documents of one half (the whole set for `Split.ALL`), under the same name and file."""
    if split is Split.ALL:
        return gold_set
    return replace(gold_set, docs=tuple(doc for doc in gold_set.docs if half_of(doc) is split), split=split)


def tune_ids(gold_set: GoldSet) -> frozenset[str]:
    """The ids whose misses may be shown: those of the tune half."""
    return frozenset(doc.id for doc in gold_set.docs if half_of(doc) is Split.TUNE)
