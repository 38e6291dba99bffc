"""Stage `assemble`: triggers, actors, places, dates and counts combined into ACLED events.

Each trigger is read in its clause first, then in its sentence, then in a window of the sentences
that follow it up to the next trigger. ACLED's hierarchy decides between co-occurring triggers
(`taxonomy.PRIORITY`, `taxonomy.absorbs`); generic attack and killing words are typed by their
target. Events of the same type, actors, place and date within one report merge into one event.

The mentions a trigger is read with are looked up in a per-document `Index` (mentions sorted by
where they start, found by bisection), so the cost grows with the mentions near each trigger, not
with every mention of the report for every trigger.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from itertools import accumulate
from typing import Generic, TypeVar

from ..doc import Doc
from ..gazetteer import gazetteer
from ..lexicon import lexicon, phrases
from ..merge import one_event_per_happening
from ..records import (
    Actor,
    ActorMention,
    Certainty,
    CertaintyMention,
    DateMention,
    Event,
    NumberMention,
    Place,
    PlaceMention,
    SourceMention,
    Span,
    TriggerMention,
)
from ..taxonomy import EVENT_TYPE, PRIORITY, TERRITORY, VIOLENT_TYPES, absorbs, disorder_type, interaction
from ..text import compile_phrases
from ..trie import trie_pattern
from .actors import actor_dictionary, actor_name
from .dates import report_date
from .places import REGIONS, theatre_of
from .triggers import DAMAGE_SUB_EVENT, cue_pattern, target_pattern, trigger_lexicon

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


def _scope(doc: Doc, trigger: TriggerMention, trigger_sentences: frozenset[int]) -> Scope:
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
        self.speakers = _speakers(doc)
        self.participants = _participants(doc, self.actors, self.speakers)
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

    @cached_property
    def tells_of_an_accident(self) -> bool:
        """Whether an `accidents` word stands anywhere in the report (a gas leak, a boiler, a storm)."""
        return trigger_lexicon(self.doc.language).accidents.search(self.doc.text) is not None

    def scope(self, trigger: TriggerMention) -> Scope:
        """The trigger's scope, its window ending at the next sentence with any trigger (a scope depends
        only on where the trigger stands, so a retyped trigger shares it)."""
        where = (trigger.span.start, trigger.span.end)
        if where not in self._scopes:
            self._scopes[where] = _scope(self.doc, trigger, self._trigger_sentences)
        return self._scopes[where]

    def targets(self, scope: Scope) -> list[tuple[Span, str]]:
        """Target words of the trigger's sentence (`armed`, then `civilian` ones), in text order per kind."""
        index = scope.trigger.sentence
        if index not in self._targets:
            self._targets[index] = _target_words(self.doc, scope.sentence)
        return self._targets[index]

    def toll_words(self, window: tuple[int, int]) -> tuple[list[NumberMention], list[Span], list[Span]]:
        """Lone victims, injury words and death words in a window (the triggers of one sentence share it)."""
        if window not in self._tolls:
            language = self.doc.language
            victims = [
                NumberMention(span, count)
                for count, pattern in _victim_patterns(language)
                for span in _spans(pattern, self.doc, window)
            ]
            injuries = _spans(_injury_pattern(language), self.doc, window)
            deaths = _spans(_death_pattern(language), self.doc, window)
            self._tolls[window] = (victims, injuries, deaths)
        return self._tolls[window]


def _nearest(scope: Scope, items: list[Mention]) -> Mention | None:
    in_clause = [i for i in items if scope.in_clause(i.span)]
    pool = in_clause or [i for i in items if scope.in_sentence(i.span)]
    return min(pool, key=lambda i: scope.distance(i.span)) if pool else None


def _nearest_located(scope: Scope, located: Located[Mention]) -> Mention | None:
    """`_nearest` over all the mentions of one kind in the report."""
    pool = located.within(scope.clause) or located.within(scope.sentence)
    return min(pool, key=lambda i: scope.distance(i.span)) if pool else None


def _subject(scope: Scope, items: list[ActorMention]) -> ActorMention | None:
    """The actor that did it: the first named before the trigger in its clause (the subject: "Afghan
    forces in a crackdown on the Taliban recaptured ..."), else the nearest."""
    before = [i for i in items if scope.in_clause(i.span) and i.span.end <= scope.trigger.span.start]
    return min(before, key=lambda i: i.span.start) if before else _nearest(scope, items)


@cache
def _said_pattern(language: str):
    return compile_phrases(phrases(lexicon(language).sources.get("said")))


def _speakers(doc: Doc) -> frozenset[Span]:
    """Actor mentions that only speak ("police said", "the military said"): sources, not actors."""
    pattern = _said_pattern(doc.language)
    return frozenset(
        a.span for a in doc.actors if pattern.match(doc.text, a.span.end + 1, min(len(doc.text), a.span.end + 30))
    )


def _participants(doc: Doc, actors: Located[ActorMention], speakers: frozenset[Span]) -> tuple[ActorMention, ...]:
    """Actor mentions that take part: not speakers, not words inside a source ("Ukraine's General Staff")."""
    quoted = {a.span for s in doc.sources for a in actors.within((s.span.start, s.span.end))}
    return tuple(a for a in doc.actors if a.span not in speakers and a.span not in quoted)


# --- which triggers report events, and of which type -------------------------------------------


def _retype(trigger: TriggerMention, sub_event: str) -> TriggerMention:
    return replace(trigger, sub_event_type=sub_event, event_type=EVENT_TYPE[sub_event])


def _target_words(doc: Doc, sentence: tuple[int, int]) -> list[tuple[Span, str]]:
    sentence_text = doc.text[sentence[0] : sentence[1]]
    found: list[tuple[Span, str]] = []
    for kind in ("armed", "civilian"):
        for match in target_pattern(doc.language, kind).finditer(sentence_text):
            start = sentence[0] + match.start()
            found.append((Span(start, start + len(match.group(0)), match.group(0)), kind))
    return found


def _target(index: Index, scope: Scope, attacker: ActorMention | None) -> str:
    """`armed`, `civilian` or `` : what the words nearest the trigger say it hit."""
    candidates = [
        (span, kind)
        for span, kind in index.targets(scope)
        if attacker is None or not (span.start < attacker.span.end and attacker.span.start < span.end)
    ]
    for mention in index.taking_part.within(scope.sentence):
        if attacker is not None and mention.span == attacker.span:
            continue
        if mention.actor.inter == 7:
            candidates.append((mention.span, "civilian"))
        elif mention.actor.inter in ARMED and (attacker is None or mention.actor.key != attacker.actor.key):
            candidates.append((mention.span, "armed"))
    in_clause = [c for c in candidates if scope.in_clause(c[0])] or candidates
    if not in_clause:
        return ""
    return min(in_clause, key=lambda c: scope.distance(c[0]))[1]


def _protest_context(index: Index, scope: Scope, protest_sentences: set[int]) -> bool:
    return (
        any(a.actor.inter == 6 for a in index.actors.within(scope.sentence))
        or scope.trigger.sentence in protest_sentences
    )


def _part_of(span: Span, longer: list[Span]) -> bool:
    """Whether a span lies inside a longer one ("police" in "a police station")."""
    return any(o.start <= span.start and span.end <= o.end and o.end - o.start > span.end - span.start for o in longer)


def _type_trigger(
    index: Index, trigger: TriggerMention, kind: str, protest_sentences: set[int]
) -> TriggerMention | None:
    """Generic words typed by their target; clashes and attacks at a protest typed as demonstrations."""
    scope = index.scope(trigger)
    sub = trigger.sub_event_type
    protest = _protest_context(index, scope, protest_sentences)
    if kind in ("attack", "gunfire", "killing"):
        things = [span for span, _ in index.targets(scope)]
        armed = [
            a
            for a in index.taking_part.within(scope.sentence)
            if a.actor.inter in ARMED and not _part_of(a.span, things)  # "military" in "military vehicles"
        ]
        attacker = _subject(scope, armed)
        if attacker is None:
            return None  # violence without a named armed actor is crime, not a political event
        target = _target(index, scope, attacker)
        if protest:
            return _retype(trigger, "Excessive force against protesters" if attacker.actor.inter == 1 else sub)
        if target == "armed" or (not target and kind in ("attack", "gunfire")):
            return _retype(trigger, "Armed clash")
        return _retype(trigger, "Attack") if target == "civilian" else None
    if kind == "blast":
        return trigger
    if protest:
        # At a demonstration, a clash is the demonstrators' violence, arrests are an intervention, and
        # shooting at the crowd is excessive force against it.
        retyped = {
            "Armed clash": "Violent demonstration",
            "Arrests": "Protest with intervention",
            "Attack": "Excessive force against protesters",
        }.get(sub)
        return _retype(trigger, retyped) if retyped else trigger
    return trigger


def _trigger_kinds(doc: Doc) -> list[tuple[TriggerMention, str]]:
    """Each trigger with its kind (`TriggerLexicon.kind`), worked out once per word and type in the report."""
    lex = trigger_lexicon(doc.language)
    known: dict[tuple[str, str], str] = {}
    kinds = []
    for trigger in doc.triggers:
        word = (trigger.sub_event_type, trigger.span.text)
        if word not in known:
            known[word] = lex.kind(trigger)
        kinds.append((trigger, known[word]))
    return kinds


def _rank_triggers(index: Index) -> tuple[list[list[TriggerMention]], list[list[TriggerMention]]]:
    """The triggers that report events, typed, per clause, best first (ACLED's hierarchy); and the
    last-resort ones: damage with no weapon named ("a school destroyed", "a crater"), attacks on places
    and shooting at civilians nobody is named for, and killings in the theatre nobody is named for, which
    speak only when nothing else in the report does."""
    doc = index.doc
    kinds = _trigger_kinds(doc)
    specific = [t for t, kind in kinds if kind == "event"]
    reported = {t.sentence + k for t in specific for k in range(WINDOW_SENTENCES + 1)}
    attacked = {t.sentence for t, kind in kinds if kind == "attack"}
    protest_sentences = {t.sentence for t in specific if t.event_type == "Protests"}
    # Generic words only speak where no specific trigger already reports ("a missile strike ... killed"),
    # and a killing where an attack is reported is that attack's toll.
    candidates = [
        (t, kind)
        for t, kind in kinds
        if kind == "event" or (t.sentence not in reported and not (kind == "killing" and t.sentence in attacked))
    ]
    typed: list[TriggerMention] = []
    last_resort: list[TriggerMention] = []
    killings: list[TriggerMention] = []
    for trigger, kind in candidates:
        if kind == "damage":
            last_resort.append(trigger)
        elif kind == "event" and _unowned_destruction(index, trigger):
            last_resort.append(_retype(trigger, DAMAGE_SUB_EVENT))
        elif (typed_trigger := _type_trigger(index, trigger, kind, protest_sentences)) is not None:
            typed.append(typed_trigger)
        elif kind == "attack" and _attack_on_a_place(index, trigger):
            last_resort.append(_retype(trigger, DAMAGE_SUB_EVENT))
        elif kind == "gunfire" and _at_civilians(index, trigger):
            last_resort.append(_retype(trigger, UNNAMED_ATTACK))
        elif kind == "killing" and _people_killed(index, trigger):
            killings.append(_retype(trigger, UNNAMED_ATTACK))
    # Deaths told beside damage are its toll ("a strike hit the station, 25 people were killed").
    harmed = {t.sentence for t in last_resort}
    last_resort += [t for t in killings if t.sentence not in harmed]
    return _by_clause(index, typed), _by_clause(index, last_resort)


def _clause_targets(index: Index, scope: Scope, kind: str) -> list[Span]:
    return [span for span, found in index.targets(scope) if found == kind and scope.in_clause(span)]


def _at_civilians(index: Index, trigger: TriggerMention) -> bool:
    """Shooting nobody is named for, at civilians or what is theirs ("a hospital came under fire")."""
    scope = index.scope(trigger)
    return bool(_clause_targets(index, scope, "civilian")) and not _clause_targets(index, scope, "armed")


def _unowned_destruction(index: Index, trigger: TriggerMention) -> bool:
    """ "Destruction of a school", "houses set on fire" with nobody named in the sentence: harm a place
    suffered (a `damage` word inside the phrase), not property destroyed by someone the report can name."""
    if trigger.sub_event_type != "Looting/property destruction":
        return False
    if index.taking_part.within(index.scope(trigger).sentence):
        return False
    return trigger_lexicon(index.doc.language).damage.search(trigger.span.text) is not None


def _people_killed(index: Index, trigger: TriggerMention) -> bool:
    """A killing nobody is named for, of no armed people, in the theatre, in a report with no accident in
    it ("seven people were killed in Kharkiv"): an unidentified armed group's attack on civilians. Outside
    the theatre such a report is as likely a bus that left the road."""
    scope = index.scope(trigger)
    if _clause_targets(index, scope, "armed") or any(a.actor.inter in ARMED for a in index.actors.within(scope.clause)):
        return False
    doc = index.doc
    theatre = theatre_of(doc.report.theatre)
    places = index.places.within(scope.sentence) or index.places.within((0, scope.window[1]))
    if not places or any(p.place.iso not in theatre for p in places):
        return False
    return not index.tells_of_an_accident


def _attack_on_a_place(index: Index, trigger: TriggerMention) -> bool:
    """An attack nobody is named for, on a place rather than on people ("an attack on a car park")."""
    scope = index.scope(trigger)
    people = [a.span for a in index.actors.within(scope.clause) if a.actor.inter == 7]
    # A target word that is no person ("a market", "a civilian vehicle"), and no person named beside it
    # (the "civilian" of "a civilian vehicle" is part of the thing hit).
    things = [
        t
        for t in _clause_targets(index, scope, "civilian")
        if not any(p.start <= t.start and t.end <= p.end for p in people)
    ] or _infrastructure(index, scope)
    return bool(things) and all(any(t.start <= p.start and p.end <= t.end for t in things) for p in people)


def _infrastructure(index: Index, scope: Scope) -> list[Span]:
    """Plants, bridges, depots, offices (`targets: infrastructure`) in the trigger's clause, where it names
    nothing armed and no accident ("a fire at the power plant" after a tank caught fire is no attack)."""
    doc = index.doc
    lex = trigger_lexicon(doc.language)
    found = [
        Span(m.start(), m.end(), m.group(0))
        for m in target_pattern(doc.language, "infrastructure").finditer(doc.text, *scope.clause)
    ]
    accidents = [Span(m.start(), m.end(), m.group(0)) for m in lex.accidents.finditer(doc.text, *scope.sentence)]
    if _clause_targets(index, scope, "armed") or any(not _part_of(a, found) and a not in found for a in accidents):
        return []
    return found


def _by_clause(index: Index, typed: list[TriggerMention]) -> list[list[TriggerMention]]:
    # An intercepted missile is no missile attack: a type that absorbs others wins in its sentence.
    by_sentence: dict[int, list[TriggerMention]] = {}
    for trigger in typed:
        by_sentence.setdefault(trigger.sentence, []).append(trigger)
    typed = [
        t
        for t in typed
        if not any(absorbs(other.sub_event_type, t.sub_event_type) for other in by_sentence[t.sentence])
    ]
    clauses: dict[tuple[int, int], list[TriggerMention]] = {}
    for trigger in typed:
        clauses.setdefault(index.scope(trigger).clause, []).append(trigger)
    ranked = [sorted(found, key=lambda t: (PRIORITY[t.sub_event_type], t.span.start)) for found in clauses.values()]
    return sorted(ranked, key=lambda found: found[0].span.start)


# --- actors ---------------------------------------------------------------------------------------

Role = ActorMention | Actor | None
# Who a strategic development is by when the report names nobody: arrests are made by police,
# the rest (an agreement, a coup, a deployment) by the state's forces.
SD_FALLBACK = {"Arrests": "police", "Looting/property destruction": "unidentified"}


def _choose_actors(scope: Scope, index: Index, sub_event: str) -> tuple[Role, Role]:
    known = actor_dictionary()
    mentions = index.taking_part.within(scope.sentence)
    armed = [a for a in mentions if a.actor.inter in ARMED]
    civilians = [a for a in mentions if a.actor.inter == 7] or [
        a for a in index.actors.within(scope.window) if a.actor.inter == 7
    ]
    event_type = EVENT_TYPE[sub_event]
    if event_type == "Protests":
        first = _nearest(scope, [a for a in mentions if a.actor.inter == 6]) or known["protesters"]
        return first, (_nearest(scope, armed) if sub_event != "Peaceful protest" else None)
    if event_type == "Riots":
        return _nearest(scope, [a for a in mentions if a.actor.inter == 5]) or known["rioters"], _nearest(scope, armed)
    first = _subject(scope, armed)
    if event_type in ("Violence against civilians", "Explosions/Remote violence"):
        # ACLED: the target of violence against civilians is always actor2.
        victims = _nearest(scope, civilians) or (civilians[0] if civilians else None)
        if event_type == "Violence against civilians":
            victims = victims or known["civilians"]
        other = victims or _nearest(scope, [a for a in armed if first is None or a.actor.key != first.actor.key])
        return first or known["unidentified"], other
    if first is None and event_type == "Strategic developments":
        first = _nearest(scope, mentions) or known[SD_FALLBACK.get(sub_event, "military")]
    if first is None:
        return None, None  # a fight nobody is named in is a general statement
    key = first.actor.key if isinstance(first, ActorMention) else first.key
    opponents = [a for a in armed if a.actor.key != key]
    second = _nearest(scope, opponents)
    if second is None and sub_event in TERRITORY:
        # Territory changes hands between sides the report names, not always in the same sentence.
        second = next((a for a in index.participants if a.actor.inter in ARMED and a.actor.key != key), None)
    return first, second


def _actor(role: Role) -> Actor | None:
    return role.actor if isinstance(role, ActorMention) else role


def _inter(actor: Actor, iso2: str) -> int:
    # A state's forces acting outside their own country are external forces (ACLED inter 8).
    if actor.inter == 1 and actor.country and iso2 and actor.country != iso2:
        return 8
    return actor.inter


# --- place, date, fatalities -----------------------------------------------------------------------


def _inside(town: Place, region: Place) -> bool:
    if (town.iso, town.admin1) != (region.iso, region.admin1):
        return False
    return region.kind == "admin1" or town.admin2 == region.admin2


def _place(scope: Scope, index: Index, selected_sentences: frozenset[int]) -> PlaceMention | None:
    """The place named with the trigger; else the one the lead named just before it ("Odesa: damage to
    a school. A missile hit it at night."), unless another event's sentence lies between; else one
    named in the sentences that follow and still tell of this event."""
    found = _nearest_located(scope, index.places)
    if found is not None and found.place.kind != "city":
        # A town named in the clause is where it happened; the river or region beside it only frames it.
        # So is a town of that region named in the sentence ("Trostianets, Sumy region: ... looting").
        region = found.place
        towns = [p for p in index.places.within(scope.clause) if p.place.kind == "city"] or [
            p
            for p in index.places.within(scope.sentence)
            if p.place.kind == "city" and region.kind in REGIONS and _inside(p.place, region)
        ]
        found = min(towns, key=lambda p: scope.distance(p.span)) if towns else found
    if found is not None:
        return found
    sentences = index.doc.sentences
    for before in range(scope.trigger.sentence - 1, max(-1, scope.trigger.sentence - WINDOW_SENTENCES - 1), -1):
        if before in selected_sentences:  # another event's sentence
            break
        named = index.places.within((sentences[before].start, sentences[before].end))
        if named:
            return ([p for p in named if not p.near] or named)[-1]
    later = [p for p in index.places.within(scope.window) if p.span.start >= scope.sentence[1]]
    return later[0] if later else None


def _date(scope: Scope, index: Index, claimed: set[tuple[int, int]]) -> DateMention | None:
    in_clause = index.dates.within(scope.clause)
    if in_clause:
        return min(in_clause, key=lambda d: scope.distance(d.span))
    # Dates in another trigger's clause belong to that trigger.
    free = [
        d
        for d in index.dates.within(scope.sentence)
        if not any(c[0] <= d.span.start < c[1] for c in claimed if c != scope.clause)
    ]
    return min(free, key=lambda d: scope.distance(d.span)) if free else None


@cache
def _death_pattern(language: str):
    return trie_pattern(phrases(lexicon(language).triggers.get("deaths")))


@cache
def _injury_pattern(language: str):
    return trie_pattern(phrases(lexicon(language).triggers.get("injuries")))


def _spans(pattern, doc: Doc, window: tuple[int, int]) -> list[Span]:
    text = doc.text[window[0] : window[1]]
    return [Span(window[0] + m.start(), window[0] + m.end(), m.group(0)) for m in pattern.finditer(text)]


_CLAUSE_BREAK = re.compile(r"[,;:()]")


def _count_for(text: str, death: Span, counts: list[NumberMention], injuries: list[Span]) -> NumberMention | None:
    """The count a death word speaks of: the nearest before it ("seven people were killed"), else the
    nearest after it ("killing six"), never one that counts the injured ("and nine injured")."""

    def counts_injured(number: NumberMention) -> bool:
        return any(0 <= i.start - number.span.end <= DEATH_WINDOW // 2 and i.start < death.start for i in injuries)

    before = [
        n
        for n in counts
        if 0 <= death.start - n.span.end <= DEATH_WINDOW
        and not counts_injured(n)
        and not _CLAUSE_BREAK.search(text, n.span.end, death.start)  # "80 times ...; one was killed"
    ]
    if before:
        return max(before, key=lambda n: n.span.end)
    after = [
        n
        for n in counts
        if 0 <= n.span.start - death.end <= DEATH_WINDOW // 2
        and not any(death.end <= i.start < n.span.start for i in injuries)
        and not _CLAUSE_BREAK.search(text, death.end, n.span.start)
    ]
    return min(after, key=lambda n: n.span.start) if after else None


@cache
def _victim_patterns(language: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
    """Words for a singular victim that imply a count ("a woman died", "загинула дитина"): one."""
    victims = lexicon(language).triggers.get("victims") or {}
    return tuple((int(count), trie_pattern(phrases(forms))) for count, forms in victims.items())


def _fatalities(scope: Scope, index: Index, partisan: bool) -> NumberMention | None:
    """ACLED: reported deaths only, the lowest figure when statements differ. Injuries and
    "casualties" do not count; a side's claim of its enemy's losses is no count to trust."""
    if partisan:
        return None
    victims, injuries, deaths = index.toll_words(scope.window)
    counts = index.counts.within(scope.window) + victims
    found = [c for death in deaths if (c := _count_for(index.doc.text, death, counts, injuries)) is not None]
    return min(found, key=lambda n: n.value) if found else None


def _enemy_losses(index: Index, scope: Scope, toll: NumberMention) -> bool:
    """A side's count of its enemy's dead ("the General Staff of Ukraine said 500 Russian soldiers were
    killed"): the source names one armed side and the count names another. ACLED does not take it."""
    armed = index.armed
    counted = next((a for a in armed if 0 <= a.span.start - toll.span.end <= 30), None)
    if counted is None:
        return False
    speaking = [
        a
        for s in index.sources.within(scope.window)
        for a in armed
        if s.span.start <= a.span.start and a.span.end <= s.span.end
    ]
    speaking += [a for a in armed if a.span in index.speakers and scope.in_window(a.span)]
    return any(a.actor.key != counted.actor.key for a in speaking)


@cache
def _country(iso2: str) -> tuple[str, int | None]:
    """Name and ISO numeric code of a country (the gazetteer is asked once per country)."""
    return (gazetteer().country_name(iso2), gazetteer().country_numeric(iso2)) if iso2 else ("", None)


def _focus_country(doc: Doc) -> str:
    votes = Counter(p.place.iso for p in doc.places if p.place.iso)
    votes.update(doc.countries)
    return votes.most_common(1)[0][0] if votes else ""


def _territory_type(doc: Doc, scope: Scope, actor: Actor, iso2: str) -> str:
    # A withdrawal told next to the takeover (the sentence before, its own, the ones after it) makes it non-violent.
    before = doc.sentences[max(0, scope.trigger.sentence - 1)].start
    if cue_pattern(doc.language, "no_resistance").search(doc.text, before, scope.window[1]):
        return "Non-violent transfer of territory"
    # A state's own forces (or forces whose country the report does not tell) regain territory;
    # rebels, militias and foreign forces overtake it.
    if actor.inter == 1 and (not actor.country or not iso2 or actor.country == iso2):
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _evidence(**spans: Span | None) -> dict[str, list[Span]]:
    return {field: [span] for field, span in spans.items() if span is not None}


def _specific(doc: Doc, trigger: TriggerMention, first: Role, date: DateMention | None) -> bool:
    """A violent event with no place the gazetteer knows is kept when its words are specific (a missile
    strike, an execution: general statements are already blocked) or it says who did it, when, or in
    which country; a bare "explosion" with none of these may be an accident."""
    named = isinstance(first, ActorMention) and first.actor.inter in ARMED
    specific_words = trigger_lexicon(doc.language).kind(trigger) == "event"
    return specific_words or named or date is not None or bool(doc.countries)


def _build(
    index: Index,
    trigger: TriggerMention,
    selected_sentences: frozenset[int],
    claimed: set[tuple[int, int]],
    focus: str,
    damage: bool = False,
) -> Event | None:
    doc = index.doc
    scope = _scope(doc, trigger, selected_sentences)
    sub_event = trigger.sub_event_type
    first, second = _choose_actors(scope, index, sub_event)
    actor1, actor2 = _actor(first), _actor(second)
    if actor1 is None:
        return None
    place = _place(scope, index, selected_sentences)
    date = _date(scope, index, claimed)
    if place is None and (
        damage or (EVENT_TYPE[sub_event] in VIOLENT_TYPES and not _specific(doc, trigger, first, date))
    ):
        return None  # damage somewhere unnamed tells nothing a user can place
    iso2 = place.place.iso if place else focus
    country, numeric = _country(iso2)
    if sub_event in TERRITORY:
        sub_event = _territory_type(doc, scope, actor1, iso2)
    event_type = EVENT_TYPE[sub_event]
    when = (date.date, date.time_precision) if date else report_date(doc.report.published)
    certainty = index.certainty.get(trigger.sentence)
    partisan = certainty is not None and certainty.certainty == Certainty.CLAIMED and event_type == "Battles"
    toll = _fatalities(scope, index, partisan) if event_type in VIOLENT_TYPES or event_type == "Protests" else None
    if toll is not None and event_type == "Battles" and _enemy_losses(index, scope, toll):
        toll = None
    if event_type == "Protests" and toll is not None:
        sub_event = "Excessive force against protesters"  # protesters killed: lethal force against a protest
    source = next(iter(index.sources.within(scope.window)), None)
    inter1 = _inter(actor1, iso2)
    inter2 = _inter(actor2, iso2) if actor2 else None
    on = when[0] if when else None
    event = Event(
        event_id="",
        doc_id=doc.report.id,
        language=doc.language,
        event_date=when[0].isoformat() if when else "",
        time_precision=int(when[1]) if when else None,
        disorder_type=disorder_type(event_type, sub_event),
        event_type=event_type,
        sub_event_type=sub_event,
        actor1=actor_name(actor1, country, on),
        inter1=inter1,
        actor2=actor_name(actor2, country, on) if actor2 else "",
        inter2=inter2,
        interaction=interaction(inter1, inter2),
        civilian_targeting="Civilian targeting" if inter2 == 7 and event_type in VIOLENT_TYPES else "",
        iso=numeric,
        country=country,
        source=source.source if source else (doc.report.source or ""),
        fatalities=toll.value if toll else 0,
        certainty=certainty.certainty if certainty else Certainty.REPORTED,
        evidence=_evidence(
            event_type=trigger.span,
            actor1=first.span if isinstance(first, ActorMention) else None,
            actor2=second.span if isinstance(second, ActorMention) else None,
            location=place.span if place else None,
            event_date=date.span if date else None,
            fatalities=toll.span if toll else None,
            source=source.span if source else None,
            certainty=certainty.span if certainty else None,
        ),
    )
    if place:
        _set_place(event, place)
    event.confidence = round(min(0.95, 0.4 + 0.1 * len(event.evidence)) - (0.1 if damage else 0.0), 2)
    if damage and sub_event == DAMAGE_SUB_EVENT:
        event.tags = WEAPON_NOT_REPORTED
    return event


def _set_place(event: Event, mention: PlaceMention) -> None:
    place = mention.place
    event.location = place.name
    event.admin1 = place.admin1
    event.admin2 = place.admin2
    event.latitude = round(place.latitude, 4)
    event.longitude = round(place.longitude, 4)
    event.geonameid = place.geonameid
    event.geo_precision = 2 if mention.near else (3 if place.kind in ("admin1", "admin2", "feature") else 1)


def _build_clauses(index: Index, ranked: list[list[TriggerMention]], focus: str, damage: bool = False) -> list[Event]:
    """One event per clause: its best trigger that makes one ("captured on video" is no capture when
    nobody is named; the missile strike in the same clause still is)."""
    selected = tuple(found[0] for found in ranked)
    selected_sentences = frozenset(t.sentence for t in selected)
    claimed = {index.scope(t).clause for t in selected}
    built = []
    for found in ranked:
        event = next((e for t in found if (e := _build(index, t, selected_sentences, claimed, focus, damage))), None)
        if event is not None:
            built.append(event)
    return built


def assemble_events(doc: Doc) -> Doc:
    if not doc.triggers:
        return replace(doc, events=())
    index = Index(doc)
    focus = _focus_country(doc)
    ranked, last_resort = _rank_triggers(index)
    built = _build_clauses(index, ranked, focus) or _build_clauses(index, last_resort, focus, damage=True)
    return replace(doc, events=tuple(one_event_per_happening(built, doc.text)))
