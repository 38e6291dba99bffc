"""Which triggers make events: each typed in its clause (generic attack and killing words by their
target), and ranked by ACLED's hierarchy (`taxonomy.PRIORITY`, `taxonomy.absorbs`) per clause."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ...doc import Doc
from ...records import ActorMention, Span, TriggerMention
from ...taxonomy import EVENT_TYPE, PRIORITY, absorbs
from ..places import theatre_of
from ..triggers import DAMAGE_SUB_EVENT, target_pattern, trigger_lexicon
from .index import ARMED, UNNAMED_ATTACK, WINDOW_SENTENCES, Index, Scope, subject_of


def _retype(trigger: TriggerMention, sub_event: str) -> TriggerMention:
    return replace(trigger, sub_event_type=sub_event, event_type=EVENT_TYPE[sub_event])


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
        attacker = subject_of(scope, armed)
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
        # At a demonstration, a clash, looting or arson is the demonstrators' violence, arrests are an
        # intervention, and shooting at the crowd is excessive force against it.
        retyped = {
            "Armed clash": "Violent demonstration",
            "Looting/property destruction": "Violent demonstration",
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


def rank_triggers(index: Index) -> tuple[list[list[TriggerMention]], list[list[TriggerMention]]]:
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
    return trigger_lexicon(index.doc.language).damage.search(trigger.span.text)


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


CHEMICAL = "Chemical weapon"


def _delivers_chemicals(trigger: TriggerMention, chemical: list[int]) -> bool:
    """ACLED codes a chemical weapon's use as Chemical weapon whatever delivered it: shells, rockets or an
    air strike told within `WINDOW_SENTENCES` of it ("rebels fired shells ... the shells contained
    poisonous gas") are its delivery, not another event."""
    return (
        trigger.event_type == "Explosions/Remote violence"
        and trigger.sub_event_type != CHEMICAL
        and any(abs(trigger.sentence - sentence) <= WINDOW_SENTENCES for sentence in chemical)
    )


def _by_clause(index: Index, typed: list[TriggerMention]) -> list[list[TriggerMention]]:
    # An intercepted missile is no missile attack: a type that absorbs others wins in its sentence.
    by_sentence: dict[int, list[TriggerMention]] = {}
    for trigger in typed:
        by_sentence.setdefault(trigger.sentence, []).append(trigger)
    chemical = [t.sentence for t in typed if t.sub_event_type == CHEMICAL]
    typed = [
        t
        for t in typed
        if not any(absorbs(other.sub_event_type, t.sub_event_type) for other in by_sentence[t.sentence])
        and not _delivers_chemicals(t, chemical)
    ]
    clauses: dict[tuple[int, int], list[TriggerMention]] = {}
    for trigger in typed:
        clauses.setdefault(index.scope(trigger).clause, []).append(trigger)
    ranked = [sorted(found, key=_rank_in(found)) for found in clauses.values()]
    return sorted(ranked, key=lambda found: found[0].span.start)


def _rank_in(found: list[TriggerMention]) -> Callable[[TriggerMention], tuple[int, int]]:
    """How a clause's triggers are ranked: ACLED's order (`taxonomy.PRIORITY`), except that a clash
    word in a clause that names a weapon's use ("grenades were hurled at troops during clashes", "RPGs
    shot down a helicopter in the clashes") is the setting of that use: the weapon's type ranks first."""
    weapon = any(t.event_type == "Explosions/Remote violence" for t in found)
    last = len(PRIORITY)

    def rank(trigger: TriggerMention) -> tuple[int, int]:
        setting = weapon and trigger.sub_event_type == "Armed clash"
        return (last if setting else PRIORITY[trigger.sub_event_type]), trigger.span.start

    return rank
