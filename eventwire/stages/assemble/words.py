"""What the stage reads from a language's lexicon: death, injury and victim words, the words that
make an actor a speaker ("police said"), and the words for armed and civilian targets."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import TYPE_CHECKING

from ...doc import Doc
from ...lexicon import lexicon
from ...records import ActorMention, Span
from ...text import compile_phrases
from ...trie import trie_pattern
from ..attribution import reported_event
from ..triggers import target_pattern

if TYPE_CHECKING:
    from .index import Located


@cache
def said_pattern(language: str):
    return compile_phrases(lexicon(language).sources.said)


def speaking_actors(doc: Doc) -> frozenset[Span]:
    """Actor mentions that only speak ("police said", "the military said"): sources, not actors; not
    those of an event reported before the verb ("clashes between rebels and soldiers reported at")."""
    pattern = said_pattern(doc.language)
    event_starts = [t.span.start for t in doc.triggers]
    sentence_starts = [s.start for s in doc.sentences]
    speaking: set[Span] = set()
    for actor in doc.actors:
        verb = pattern.match(doc.text, actor.span.end + 1, min(len(doc.text), actor.span.end + 30))
        if verb is None:
            continue
        sentence_start = sentence_starts[max(0, bisect_right(sentence_starts, actor.span.start) - 1)]
        if not reported_event(doc.text, verb.start(), event_starts, sentence_start):
            speaking.add(actor.span)
    return frozenset(speaking)


def participating_actors(
    doc: Doc, actors: Located[ActorMention], speakers: frozenset[Span]
) -> tuple[ActorMention, ...]:
    """Actor mentions that take part: not speakers, not words inside a source ("Ukraine's General Staff")."""
    quoted = {a.span for s in doc.sources for a in actors.within((s.span.start, s.span.end))}
    return tuple(a for a in doc.actors if a.span not in speakers and a.span not in quoted)


def target_words(doc: Doc, sentence: tuple[int, int]) -> list[tuple[Span, str]]:
    sentence_text = doc.text[sentence[0] : sentence[1]]
    found: list[tuple[Span, str]] = []
    for kind in ("armed", "civilian"):
        for match in target_pattern(doc.language, kind).finditer(sentence_text):
            start = sentence[0] + match.start()
            found.append((Span(start, start + len(match.group(0)), match.group(0)), kind))
    return found


@cache
def death_pattern(language: str):
    return trie_pattern(lexicon(language).triggers.deaths)


@cache
def injury_pattern(language: str):
    return trie_pattern(lexicon(language).triggers.injuries)


@cache
def victim_patterns(language: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
    """Words for a singular victim that imply a count ("a woman died", "загинула дитина"): one."""
    victims = lexicon(language).triggers.victims
    return tuple((count, trie_pattern(forms)) for count, forms in victims.items())
