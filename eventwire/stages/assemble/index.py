"""The mentions a trigger is read with, per document: where a trigger is read (`Scope`: its clause,
its sentence, the sentences after it) and the report's mentions sorted by where they start
(`Index`, `Located`), found by bisection, so the cost grows with the mentions near each trigger."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from typing import Generic, TypeVar

from ...doc import Doc
from ...records import (
    ActorMention,
    CertaintyMention,
    DateMention,
    NumberMention,
    PlaceMention,
    SourceMention,
    Span,
    TriggerMention,
)
from ...text import TextMatches, clean_edges, lowered_report
from ..triggers import trigger_lexicon
from .words import (
    death_pattern,
    injury_pattern,
    participating_actors,
    speaking_actors,
    target_words,
    victim_patterns,
)

ARMED = frozenset({1, 2, 3, 4, 8})


UNNAMED_ATTACK = "Attack"  # shooting at civilians, or killings, nobody is named for: an unidentified group's attack


WEAPON_NOT_REPORTED = "weapon not reported"  # the tag of an event known only from the damage it did


DEATH_WINDOW = 40  # characters between a count and its death word ("zeven mensen gedood")


WINDOW_SENTENCES = 2  # sentences after a trigger's own that can still report on its event


@dataclass(frozen=True)
class Scope:
    """Where a trigger is read: its clause, its sentence, and the sentences that follow it up to
    the next event ("... struck Kharkiv. Two civilians were killed, the governor said.")."""

    trigger: TriggerMention
    clause: tuple[int, int]
    sentence: tuple[int, int]
    window: tuple[int, int]

    def in_window(self, span: Span) -> bool:
        return self.window[0] <= span.start and span.end <= self.window[1]

    def distance(self, span: Span) -> int:
        return min(abs(span.start - self.trigger.span.end), abs(self.trigger.span.start - span.end))

    def in_clause(self, span: Span) -> bool:
        return self.clause[0] <= span.start and span.end <= self.clause[1]

    def in_sentence(self, span: Span) -> bool:
        return self.sentence[0] <= span.start and span.end <= self.sentence[1]


def scope_of(doc: Doc, trigger: TriggerMention, trigger_sentences: frozenset[int]) -> Scope:
    """`trigger_sentences`: the sentences of the triggers that end a trigger's window."""
    sentence = doc.sentences[trigger.sentence]
    clause = next((c for c in sentence.clauses if c[0] <= trigger.span.start < c[1]), (sentence.start, sentence.end))
    last = trigger.sentence
    while (
        last + 1 < len(doc.sentences)
        and last - trigger.sentence < WINDOW_SENTENCES
        and last + 1 not in trigger_sentences
    ):
        last += 1
    return Scope(trigger, clause, (sentence.start, sentence.end), (sentence.start, doc.sentences[last].end))


Mention = TypeVar("Mention", ActorMention, PlaceMention, DateMention, NumberMention, SourceMention)


class Located(Generic[Mention]):
    """Mentions of one kind, found by the character range they lie in: a bisection over their
    starts instead of a test of every mention of the report."""

    def __init__(self, items: Sequence[Mention]) -> None:
        self.items = tuple(items)
        self._order = sorted(range(len(self.items)), key=lambda i: self.items[i].span.start)
        self._starts = [self.items[i].span.start for i in self._order]
        self._in_text_order = self._order == list(range(len(self.items)))  # the stages mostly find them so

    def within(self, bounds: tuple[int, int]) -> list[Mention]:
        """The mentions that lie inside `bounds` (a clause, a sentence, a window), in their order in `items`."""
        start, end = bounds
        first, last = bisect_left(self._starts, start), bisect_right(self._starts, end)
        if self._in_text_order:
            return [m for m in self.items[first:last] if m.span.end <= end]
        inside = sorted(i for i in self._order[first:last] if self.items[i].span.end <= end)
        return [self.items[i] for i in inside]


_MODIFIER = re.compile(r"-\w")  # a count joined to the next word by a hyphen qualifies it


def _countable(doc: Doc) -> list[NumberMention]:
    """Numbers that can count the dead: not part of a date, not a modifier ("a 9-year-old boy")."""
    dates = sorted((d.span.start, d.span.end) for d in doc.dates)
    starts = [start for start, _ in dates]
    reach = list(accumulate((end for _, end in dates), max))  # the furthest end of the dates begun so far

    def in_a_date(offset: int) -> bool:
        begun = bisect_right(starts, offset)
        return begun > 0 and reach[begun - 1] > offset

    return [n for n in doc.numbers if not in_a_date(n.span.start) and not _MODIFIER.match(doc.text, n.span.end)]


class Index:
    """What assemble looks up for each trigger, built once per document: the mentions by position,
    the actors that take part, each trigger's scope, the words of each sentence and window."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.actors = Located(doc.actors)
        self.speakers = speaking_actors(doc)
        self.participants = participating_actors(doc, self.actors, self.speakers)
        self.armed = tuple(a for a in doc.actors if a.actor.inter in ARMED)
        self.taking_part = Located(self.participants)
        self.places = Located(doc.places)
        self.dates = Located([d for d in doc.dates if not d.since])
        self.counts = Located(_countable(doc))
        self.sources = Located(doc.sources)
        self.certainty: dict[int, CertaintyMention] = {}
        for certainty in doc.certainties:
            self.certainty.setdefault(certainty.sentence, certainty)  # the first one of its sentence
        self._trigger_sentences = frozenset(t.sentence for t in doc.triggers)
        self._scopes: dict[tuple[int, int], Scope] = {}
        self._targets: dict[int, list[tuple[Span, str]]] = {}
        self._tolls: dict[tuple[int, int], tuple[list[NumberMention], list[Span], list[Span]]] = {}
        self._matches: dict[re.Pattern[str], TextMatches] = {}

    @cached_property
    def tells_of_an_accident(self) -> bool:
        """Whether an `accidents` word stands anywhere in the report (a gas leak, a boiler, a storm)."""
        return trigger_lexicon(self.doc.language).accidents.search(self.doc.text) is not None

    def scope(self, trigger: TriggerMention) -> Scope:
        """The trigger's scope, its window ending at the next sentence with any trigger (a scope depends
        only on where the trigger stands, so a retyped trigger shares it)."""
        where = (trigger.span.start, trigger.span.end)
        if where not in self._scopes:
            self._scopes[where] = scope_of(self.doc, trigger, self._trigger_sentences)
        return self._scopes[where]

    def targets(self, scope: Scope) -> list[tuple[Span, str]]:
        """Target words of the trigger's sentence (`armed`, then `civilian` ones), in text order per kind."""
        index = scope.trigger.sentence
        if index not in self._targets:
            self._targets[index] = target_words(self.doc, scope.sentence)
        return self._targets[index]

    def toll_words(self, window: tuple[int, int]) -> tuple[list[NumberMention], list[Span], list[Span]]:
        """Lone victims, injury words and death words in a window (the triggers of one sentence share it)."""
        if window not in self._tolls:
            language = self.doc.language
            clean = clean_edges(self.doc.text, *window)
            victims = [
                NumberMention(span, count)
                for count, pattern in victim_patterns(language)
                for span in self._spans_in(pattern, window, clean)
            ]
            injuries = self._spans_in(injury_pattern(language), window, clean)
            deaths = self._spans_in(death_pattern(language), window, clean)
            self._tolls[window] = (victims, injuries, deaths)
        return self._tolls[window]

    def _spans_in(self, pattern: re.Pattern[str], window: tuple[int, int], clean: bool) -> list[Span]:
        """What `pattern` finds in the window, from one scan of the whole report per pattern."""
        matches = self._matches.get(pattern)
        if matches is None:
            matches = self._matches[pattern] = TextMatches(pattern, self.doc.text, lowered_report(self.doc.text))
        text = self.doc.text
        return [Span(start, end, text[start:end]) for start, end in matches.within(*window, clean)]


def nearest_in_scope(scope: Scope, items: list[Mention]) -> Mention | None:
    in_clause = [i for i in items if scope.in_clause(i.span)]
    pool = in_clause or [i for i in items if scope.in_sentence(i.span)]
    return min(pool, key=lambda i: scope.distance(i.span)) if pool else None


def nearest_located(scope: Scope, located: Located[Mention]) -> Mention | None:
    """`nearest_in_scope` over all the mentions of one kind in the report."""
    pool = located.within(scope.clause) or located.within(scope.sentence)
    return min(pool, key=lambda i: scope.distance(i.span)) if pool else None


def subject_of(scope: Scope, items: list[ActorMention]) -> ActorMention | None:
    """The actor that did it: the first named before the trigger in its clause (the subject: "Afghan
    forces in a crackdown on the Taliban recaptured ..."), else the nearest."""
    before = [i for i in items if scope.in_clause(i.span) and i.span.end <= scope.trigger.span.start]
    return min(before, key=lambda i: i.span.start) if before else nearest_in_scope(scope, items)
