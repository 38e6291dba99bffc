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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..doc import Doc
from ..lexicon import lexicon, phrases
from ..records import Span, TriggerMention
from ..taxonomy import EVENT_TYPE
from ..text import compile_phrases, drop_overlapping
from ..trie import trie_pattern

GENERIC_SUB_EVENT = "Attack"  # the placeholder type of `attacks` and `killings` until assemble types them
BLAST_SUB_EVENT = "Remote explosive/landmine/IED"  # what a bare "explosion" is when nothing else says more
# What damage with no weapon named is: ACLED's default type for remote violence by an unreported weapon.
DAMAGE_SUB_EVENT = "Shelling/artillery/missile attack"


@dataclass(frozen=True)
class TriggerLexicon:
    events: tuple[tuple[str, re.Pattern[str]], ...]
    combinations: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]
    attacks: re.Pattern[str]
    gunfire: re.Pattern[str]
    killings: re.Pattern[str]
    blasts: re.Pattern[str]
    damage: re.Pattern[str]
    blockers: re.Pattern[str]
    unblockers: re.Pattern[str]
    contexts: re.Pattern[str]
    accidents: re.Pattern[str]
    denials: re.Pattern[str]
    any_word: re.Pattern[str]  # every events/attacks/killings/blasts phrase: one scan per clause

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
    events = data.get("events") or {}
    combinations = data.get("combinations") or {}
    every = [f for forms in events.values() for f in phrases(forms)]
    every += [f for key in ("attacks", "gunfire", "killings", "blasts", "damage") for f in phrases(data.get(key))]
    unknown = (set(events) | set(combinations)) - set(EVENT_TYPE)
    if unknown:
        raise ValueError(f"lexicon/{language}/triggers.yaml: unknown sub-event types {sorted(unknown)}")
    return TriggerLexicon(
        events=tuple((sub, compile_phrases(phrases(forms))) for sub, forms in events.items()),
        combinations=tuple(
            (sub, trie_pattern(phrases(pair["act"])), trie_pattern(phrases(pair["object"])))
            for sub, pairs in combinations.items()
            for pair in pairs
        ),
        attacks=compile_phrases(phrases(data.get("attacks"))),
        gunfire=compile_phrases(phrases(data.get("gunfire"))),
        killings=compile_phrases(phrases(data.get("killings"))),
        blasts=compile_phrases(phrases(data.get("blasts"))),
        damage=compile_phrases(phrases(data.get("damage"))),
        blockers=trie_pattern(phrases(data.get("blockers"))),
        unblockers=trie_pattern(phrases(data.get("unblockers"))),
        contexts=trie_pattern(phrases(data.get("contexts"))),
        accidents=trie_pattern(phrases(data.get("accidents"))),
        denials=trie_pattern(phrases((data.get("cues") or {}).get("denial"))),
        any_word=trie_pattern(every),
    )


@cache
def cue_pattern(language: str, cue: str) -> re.Pattern[str]:
    return compile_phrases(phrases((lexicon(language).triggers.get("cues") or {}).get(cue)))


@cache
def target_pattern(language: str, target: str) -> re.Pattern[str]:
    """Words for what an attack hit: `armed` (a base, a checkpoint) or `civilian` (a village, a church)."""
    return compile_phrases(phrases((lexicon(language).triggers.get("targets") or {}).get(target)))


def _clause_triggers(
    lex: TriggerLexicon, clause: str, start: int, index: int, classified: dict[str, str | None]
) -> list[TriggerMention]:
    """`classified`: the sub-event type of each phrase already met in the report (`lex.classify`)."""
    found: dict[Span, str] = {}
    for sub, act, thing in lex.combinations:
        if thing.search(clause):
            for match in act.finditer(clause):
                found.setdefault(Span(start + match.start(), start + match.end(), match.group(0)), sub)
    for match in lex.any_word.finditer(clause):
        word = match.group(0)
        if word not in classified:
            classified[word] = lex.classify(word)
        sub = classified[word]
        if sub is not None:
            found.setdefault(Span(start + match.start(), start + match.end(), word), sub)
    # One word is one trigger: the longest phrase wins ("missile strike" over "strike").
    return [TriggerMention(span, EVENT_TYPE[found[span]], found[span], index) for span in drop_overlapping(found)]


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def find_trigger_mentions(doc: Doc) -> list[TriggerMention]:
    lex = trigger_lexicon(doc.language)
    found: list[TriggerMention] = []
    classified: dict[str, str | None] = {}  # a report repeats its words: each is classified once
    for index, sentence in enumerate(doc.sentences):
        if lex.contexts.search(sentence.text) or lex.denials.search(sentence.text):
            continue  # a court, a storm, a robbery, a denial: the sentence reports no event
        accident = lex.accidents.search(sentence.text) is not None
        for start, end in sentence.clauses or ((sentence.start, sentence.end),):
            clause = doc.text[start:end]
            if lex.blockers.search(lex.unblockers.sub(_blank, clause)):
                continue
            mentions = _clause_triggers(lex, clause, start, index, classified)
            if accident:  # at a factory or a gas boiler, an explosion or damage may be an accident
                mentions = [m for m in mentions if lex.kind(m) not in ("blast", "damage")]
            found.extend(mentions)
    return sorted(found, key=lambda t: t.span.start)


def find_triggers(doc: Doc) -> Doc:
    return replace(doc, triggers=tuple(find_trigger_mentions(doc)))
