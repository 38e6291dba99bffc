"""Stage `actors`: mentions of actors from the actor dictionary, by the language's aliases.

The dictionary (`lexicon/base/actors.yaml`) names each actor the ACLED way. Where a name changes
with the period (a state's forces are named by regime: "Military Forces of Ukraine (2014-2019)",
"Military Forces of Ukraine (2019-)"), the entry lists `periods`, each with the day it ends; the
name an event gets is the one valid on its date (the latest when the date is unknown).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from ..doc import Doc
from ..lexicon import base_actors, lexicon
from ..phrase_index import PhraseIndex, PhraseSet, phrase_matcher
from ..records import Actor, ActorMention, Span


@cache
def actor_dictionary() -> dict[str, Actor]:
    return {
        key: Actor(key=key, name=entry.name, inter=entry.inter, country=entry.country)
        for key, entry in base_actors().actors.items()
    }


@cache
def _periods(key: str) -> tuple[tuple[dt.date, str], ...]:
    """(last day, name) of the earlier names of an actor, oldest first."""
    entry = base_actors().actors.get(key)
    return tuple(sorted((period.until, period.name) for period in entry.periods)) if entry else ()


@cache
def _named_actors() -> dict[str, str]:
    """Dictionary actors by their name without its period ("Military Forces of Ukraine" -> military_ukraine)."""
    return {_PERIOD.sub("", actor.name): key for key, actor in actor_dictionary().items() if "{" not in actor.name}


_PERIOD = re.compile(r" \(\d{4}-(?:\d{4})?\)")
_NO_COUNTRY = re.compile(r" of \{country\}| \(\{country\}\)")


def actor_name(actor: Actor, country: str, on: dt.date | None = None) -> str:
    """The actor's ACLED name on a day, with `{country}` filled in ("Civilians (Ukraine)"). A generic
    actor of a country the dictionary knows takes that country's name and period ("border guards" in
    Ukraine: "Military Forces of Ukraine (2019-)"); with no country known, the generic name alone."""
    if "{country}" in actor.name:
        if not country:
            return _NO_COUNTRY.sub("", actor.name)
        filled = actor.name.format(country=country)
        key = _named_actors().get(filled)
        if key is None:
            return filled
        actor = actor_dictionary()[key]
    if on is not None:
        return next((old for until, old in _periods(actor.key) if on <= until), actor.name)
    return actor.name


@cache
def alias_phrases(language: str) -> tuple[tuple[str, PhraseSet], ...]:
    """Each actor key with its aliases, in the file's order (the first key that lists an alias wins)."""
    aliases = lexicon(language).actors.aliases
    known = actor_dictionary()
    unknown = set(aliases) - set(known)
    if unknown:
        raise ValueError(f"lexicon/{language}/actors.yaml names unknown actors: {sorted(unknown)}")
    return tuple((key, PhraseSet(forms)) for key, forms in aliases.items())


@cache
def any_alias(language: str) -> re.Pattern[str] | PhraseIndex:
    """Every alias of the language in one matcher: the text is scanned once."""
    aliases = lexicon(language).actors.aliases
    return phrase_matcher(f for forms in aliases.values() for f in forms)


def _alias_spans(text: str, language: str) -> Iterator[tuple[int, int]]:
    matcher = any_alias(language)
    if isinstance(matcher, PhraseIndex):
        return matcher.spans(text)
    return (match.span() for match in matcher.finditer(text))


def find_actor_mentions(text: str, language: str) -> list[ActorMention]:
    known = actor_dictionary()
    phrases = alias_phrases(language)
    found: list[ActorMention] = []
    keys: dict[str, str | None] = {}  # a report repeats its names: each alias is looked up once
    for start, end in _alias_spans(text, language):
        alias = text[start:end]
        if alias not in keys:
            keys[alias] = next((key for key, known_as in phrases if known_as.fullmatch(alias)), None)
        key = keys[alias]
        if key is not None:
            found.append(ActorMention(Span(start, end, alias), known[key]))
    return found


def find_actors(doc: Doc) -> Doc:
    return replace(doc, actors=tuple(find_actor_mentions(doc.text, doc.language)))
