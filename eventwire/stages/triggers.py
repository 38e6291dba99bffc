"""Stage `triggers`: words that report an event, by the language's trigger lexicon.

Kinds of trigger words, all from `lexicon/<lang>/triggers.yaml`:
- `events`: words that name a sub-event type ("airstrike", "обстріл", "gevangenenruil");
- `attacks`: generic attack verbs ("attacked", "stormed", "напали") whose type depends on the target
  (an armed target makes an armed clash, a civilian one an attack on civilians), decided in `assemble`;
- `blasts`: bare explosion words ("explosion", "вибух") that say an explosive went off, typed as a remote
  explosive only when no other trigger says more (a grenade, a missile, a suicide bomber);
- `combinations`: a sub-event type reported by two words together in one clause, an act and its object
  ("seized" with "rifles", "зняли" with "боєприпаси"): the act is the trigger;
- `killings`: death verbs ("killed", "убили") that report an event only when an armed actor is named
  and no other trigger reports the same thing (a murder without a political actor is crime, not an event);
- `gunfire`: shooting with nobody named ("came under small arms fire", "sniper fire"): typed like an attack
  when an armed actor is named; else, aimed at civilians or their buildings, an attack on civilians by an
  unidentified armed group, reported only when nothing else in the report names an event;
- `damage`: words for harm done to a place with no weapon named ("damage to a school", "crater",
  "struck", "зруйновано"): a remote attack by an unreported weapon, reported only when nothing else in
  the report names an event and a place is named (decided in `assemble`).

A sentence that holds a `contexts` word (a court, a warrant, a storm, a robbery, a sports record)
or a denial (`cues: denial`) reports no event. A sentence that holds an `accidents` word (a gas leak,
a boiler, a factory) reports no bare explosion or damage, only events a specific word names (a missile
strike on a factory is still a missile strike). A trigger in a clause that also holds a blocker (a
future, a modal, an appeal, a denial, a generality like "in many places") reports no event, unless the
blocker word stands in an `unblockers` phrase, which hedges what a thing is ("what may be a clinic").
A trigger in a clause that also holds an `undoing` word of its sub-event type ("violated the ceasefire",
"нарушили перемирие") reports no event of that type: a broken agreement is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..doc import Doc
from ..lexicon import lexicon
from ..lexicon.models import TriggersLexicon
from ..phrase_index import PhraseIndex, PhraseSet, phrase_matcher
from ..records import Span, TriggerMention
from ..taxonomy import EVENT_TYPE
from ..text import (
    Quiet,
    TextMatches,
    clean_edges,
    compile_phrases,
    drop_overlapping,
    guard_prefixes,
    lowered_report,
)
from ..trie import trie_pattern

_WORD = re.compile(r"\w+")
GENERIC_SUB_EVENT = "Attack"  # the placeholder type of `attacks` and `killings` until assemble types them
BLAST_SUB_EVENT = "Remote explosive/landmine/IED"  # what a bare "explosion" is when nothing else says more
# What damage with no weapon named is: ACLED's default type for remote violence by an unreported weapon.
DAMAGE_SUB_EVENT = "Shelling/artillery/missile attack"


@dataclass(frozen=True)
class TriggerLexicon:
    events: tuple[tuple[str, PhraseSet], ...]
    combinations: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]
    attacks: PhraseSet
    gunfire: PhraseSet
    killings: PhraseSet
    blasts: PhraseSet
    damage: PhraseSet
    blockers: re.Pattern[str]
    unblockers: re.Pattern[str]
    undoing: tuple[tuple[str, re.Pattern[str]], ...]  # per sub-event type: words that undo its triggers
    contexts: re.Pattern[str]
    accidents: re.Pattern[str]
    denials: re.Pattern[str]
    any_word: re.Pattern[str] | PhraseIndex  # every events/attacks/killings/blasts/damage phrase: one scan per report
    # how the phrases of each pattern `_ReportMatches.scan` scans begin (text.guard_prefixes), if all can say
    guard_prefixes: tuple[tuple[str, ...], ...] | None

    def classify(self, text: str) -> str | None:
        """The sub-event type a matched phrase reports (events first, then the generic kinds)."""
        for sub, pattern in self.events:
            if pattern.fullmatch(text):
                return sub
        if self.attacks.fullmatch(text) or self.gunfire.fullmatch(text) or self.killings.fullmatch(text):
            return GENERIC_SUB_EVENT
        if self.blasts.fullmatch(text):
            return BLAST_SUB_EVENT
        return DAMAGE_SUB_EVENT if self.damage.fullmatch(text) else None

    def named_event(self, text: str) -> bool:
        return any(pattern.fullmatch(text) for _, pattern in self.events)

    def kind(self, trigger: TriggerMention) -> str:
        """`event`, `attack`, `gunfire`, `killing`, `blast` or `damage`: how the trigger was found."""
        if trigger.sub_event_type == BLAST_SUB_EVENT and self.blasts.fullmatch(trigger.span.text):
            return "blast"
        if (
            trigger.sub_event_type == DAMAGE_SUB_EVENT
            and self.damage.fullmatch(trigger.span.text)
            and not self.named_event(trigger.span.text)
        ):
            return "damage"
        if trigger.sub_event_type != GENERIC_SUB_EVENT:
            return "event"
        if self.attacks.fullmatch(trigger.span.text):
            return "attack"
        if self.gunfire.fullmatch(trigger.span.text):
            return "gunfire"
        if self.killings.fullmatch(trigger.span.text) and not any(
            sub == GENERIC_SUB_EVENT and pattern.fullmatch(trigger.span.text) for sub, pattern in self.events
        ):
            return "killing"
        return "event"


@cache
def trigger_lexicon(language: str) -> TriggerLexicon:
    data = lexicon(language).triggers
    events = data.events
    combinations = data.combinations
    every = [f for forms in events.values() for f in forms]
    every += [f for key in ("attacks", "gunfire", "killings", "blasts", "damage") for f in getattr(data, key)]
    return TriggerLexicon(
        events=tuple((sub, PhraseSet(forms)) for sub, forms in events.items()),
        combinations=tuple(
            (sub, trie_pattern(pair.act), trie_pattern(pair.object))
            for sub, pairs in combinations.items()
            for pair in pairs
        ),
        attacks=PhraseSet(data.attacks),
        gunfire=PhraseSet(data.gunfire),
        killings=PhraseSet(data.killings),
        blasts=PhraseSet(data.blasts),
        damage=PhraseSet(data.damage),
        blockers=trie_pattern(data.blockers),
        unblockers=trie_pattern(data.unblockers),
        undoing=tuple((sub, trie_pattern(words)) for sub, words in data.undoing.items() if words),
        contexts=trie_pattern(data.contexts),
        accidents=trie_pattern(data.accidents),
        denials=trie_pattern(data.cues.get("denial", ())),
        any_word=phrase_matcher(every),
        guard_prefixes=_scanned_prefixes(data, every),
    )


def _scanned_prefixes(data: TriggersLexicon, every: list[str]) -> tuple[tuple[str, ...], ...] | None:
    """How the phrases of each pattern `_ReportMatches.scan` scans begin, in its order; None if the
    phrases of one of them cannot say (`text.guard_prefixes`)."""
    pairs = [pair for found in data.combinations.values() for pair in found]
    scanned = [data.contexts, data.cues.get("denial", ()), data.accidents, data.blockers, data.unblockers, every]
    scanned += [pair.object for pair in pairs] + [pair.act for pair in pairs]
    scanned += [words for words in data.undoing.values() if words]
    prefixes = [guard_prefixes(phrases) for phrases in scanned]
    return None if any(found is None for found in prefixes) else tuple(p for p in prefixes if p is not None)


@cache
def cue_pattern(language: str, cue: str) -> re.Pattern[str]:
    return compile_phrases(lexicon(language).triggers.cues.get(cue, ()))


@cache
def target_pattern(language: str, target: str) -> re.Pattern[str]:
    """Words for what an attack hit: `armed` (a base, a checkpoint) or `civilian` (a village, a church)."""
    return compile_phrases(lexicon(language).triggers.targets.get(target, ()))


@dataclass(frozen=True)
class _ReportMatches:
    """The trigger lexicon's patterns scanned once over a report's whole text (see `TextMatches`)."""

    contexts: TextMatches
    denials: TextMatches
    accidents: TextMatches
    blockers: TextMatches
    unblockers: TextMatches
    any_word: TextMatches
    things: tuple[TextMatches, ...]  # the objects of `combinations`, in order
    acts: tuple[TextMatches, ...]  # their acts
    undoing: tuple[TextMatches, ...]  # the `undoing` words of each sub-event type, in `lex.undoing`'s order

    @classmethod
    def scan(cls, lex: TriggerLexicon, text: str) -> _ReportMatches:
        patterns = [lex.contexts, lex.denials, lex.accidents, lex.blockers, lex.unblockers, lex.any_word]
        patterns += [thing for _, _, thing in lex.combinations] + [act for _, act, _ in lex.combinations]
        patterns += [words for _, words in lex.undoing]
        found = TextMatches.scan_all(patterns, text, lowered_report(text), lex.guard_prefixes)
        count, acts_end = len(lex.combinations), 6 + 2 * len(lex.combinations)
        return cls(*found[:6], tuple(found[6 : 6 + count]), tuple(found[6 + count : acts_end]), tuple(found[acts_end:]))


def _clause_triggers(
    lex: TriggerLexicon,
    scan: _ReportMatches,
    bounds: tuple[int, int, bool],
    index: int,
    classified: dict[str, str | None],
) -> list[TriggerMention]:
    """`bounds`: the clause's start, end and `clean_edges`; `classified`: the sub-event type of each
    phrase already met in the report (`lex.classify`)."""
    text = scan.any_word.text
    found: dict[Span, str] = {}
    for number, (sub, _, _) in enumerate(lex.combinations):
        things = scan.things[number]
        if (things.spans or not bounds[2]) and things.found_in(*bounds):
            for start, end in scan.acts[number].within(*bounds):
                found.setdefault(Span(start, end, text[start:end]), sub)
    for start, end in scan.any_word.within(*bounds):
        word = text[start:end]
        if word not in classified:
            classified[word] = lex.classify(word)
        sub = classified[word]
        if sub is not None:
            found.setdefault(Span(start, end, word), sub)
    if not found:
        return []
    # One word is one trigger: the longest phrase wins ("missile strike" over "strike").
    return [TriggerMention(span, EVENT_TYPE[found[span]], found[span], index) for span in drop_overlapping(found)]


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


GOVERNED_BEFORE = 6  # words between a trigger and a blocker after it that still leave it governed ("a ceasefire would")


def _governed(text: str, span: Span, blockers: list[int]) -> bool:
    """Whether a blocker of the clause governs the trigger: a hedge, a threat or a denial governs what
    follows it ("could attack") and the few words just before it ("attacks ... could follow"), not an
    event told well before it ("attacked the post ... before reinforcements could arrive")."""
    return blockers[0] < span.end or any(
        len(_WORD.findall(text, span.end, b)) <= GOVERNED_BEFORE for b in blockers if b >= span.end
    )


def _blocker_starts(lex: TriggerLexicon, scan: _ReportMatches, bounds: tuple[int, int, bool]) -> list[int]:
    """Where the clause's blockers outside an `unblockers` phrase begin, in text order."""
    start, end, _ = bounds
    if scan.unblockers.within(*bounds):
        piece = lex.unblockers.sub(_blank, scan.any_word.text[start:end])
        return [start + m.start() for m in lex.blockers.finditer(piece)]
    return [s for s, _ in scan.blockers.within(*bounds)]


def _not_undone(
    lex: TriggerLexicon, scan: _ReportMatches, bounds: tuple[int, int, bool], mentions: list[TriggerMention]
) -> list[TriggerMention]:
    """The clause's triggers but those of a sub-event type an `undoing` word of the clause undoes."""
    undone = {sub for (sub, _), words in zip(lex.undoing, scan.undoing, strict=True) if words.found_in(*bounds)}
    return [m for m in mentions if m.sub_event_type not in undone] if undone else mentions


def find_trigger_mentions(doc: Doc) -> list[TriggerMention]:
    lex = trigger_lexicon(doc.language)
    text = doc.text
    scan = _ReportMatches.scan(lex, text)
    # Sentences and clauses where none of the patterns matches hold nothing to look at.
    calm = Quiet([scan.contexts, scan.denials, scan.accidents]).quiet
    quiet = Quiet([scan.blockers, scan.unblockers, scan.any_word, *scan.things]).quiet
    found: list[TriggerMention] = []
    classified: dict[str, str | None] = {}  # a report repeats its words: each is classified once
    for index, sentence in enumerate(doc.sentences):
        whole = (sentence.start, sentence.end, clean_edges(text, sentence.start, sentence.end))
        if whole[2] and calm(sentence.start, sentence.end):
            accident = False
        elif scan.contexts.found_in(*whole) or scan.denials.found_in(*whole):
            continue  # a court, a storm, a robbery, a denial: the sentence reports no event
        else:
            accident = scan.accidents.found_in(*whole)
        for start, end in sentence.clauses or ((sentence.start, sentence.end),):
            bounds = (start, end, clean_edges(text, start, end))
            if bounds[2] and quiet(start, end):
                continue
            blockers = _blocker_starts(lex, scan, bounds)
            if blockers and blockers[0] <= start:
                continue  # a blocker opens the clause: it governs all of it
            mentions = _clause_triggers(lex, scan, bounds, index, classified)
            if blockers:
                mentions = [m for m in mentions if not _governed(text, m.span, blockers)]
            if lex.undoing:
                mentions = _not_undone(lex, scan, bounds, mentions)
            if accident:  # at a factory or a gas boiler, an explosion or damage may be an accident
                mentions = [m for m in mentions if lex.kind(m) not in ("blast", "damage")]
            found.extend(mentions)
    return sorted(found, key=lambda t: t.span.start)


def find_triggers(doc: Doc) -> Doc:
    return replace(doc, triggers=tuple(find_trigger_mentions(doc)))
