"""Stage `actors`: mentions of actors from the actor dictionary, by the language's aliases."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ..doc import Doc
from ..lexicon import base, lexicon, phrases
from ..records import Actor, ActorMention, Span
from ..text import compile_phrases, drop_overlapping


@cache
def actor_dictionary() -> dict[str, Actor]:
    entries = base("actors").get("actors") or {}
    return {
        key: Actor(key=key, name=entry["name"], inter=int(entry["inter"]), country=entry.get("country", ""))
        for key, entry in entries.items()
    }


@cache
def alias_patterns(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    aliases = lexicon(language).actors.get("aliases") or {}
    known = actor_dictionary()
    unknown = set(aliases) - set(known)
    if unknown:
        raise ValueError(f"lexicon/{language}/actors.yaml names unknown actors: {sorted(unknown)}")
    return tuple((key, compile_phrases(phrases(forms))) for key, forms in aliases.items())


def find_actor_mentions(text: str, language: str) -> list[ActorMention]:
    known = actor_dictionary()
    found: dict[Span, str] = {}
    for key, pattern in alias_patterns(language):
        for match in pattern.finditer(text):
            found.setdefault(Span(match.start(), match.end(), match.group(0)), key)
    return [ActorMention(span, known[found[span]]) for span in drop_overlapping(found)]


def find_actors(doc: Doc) -> Doc:
    return replace(doc, actors=tuple(find_actor_mentions(doc.text, doc.language)))
