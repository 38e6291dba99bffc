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
  and no other trigger reports the same thing (a murder without a political actor is crime, not an event).

A sentence that holds a `contexts` word (a court, a warrant, a storm, a robbery, a sports record)
or a denial (`cues: denial`) reports no event. A trigger in a clause that also holds a blocker (a
future, a modal, an appeal, a denial, a generality like "in many places") reports no event.
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


@dataclass(frozen=True)
class TriggerLexicon:
    events: tuple[tuple[str, re.Pattern[str]], ...]
    combinations: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]
    attacks: re.Pattern[str]
    killings: re.Pattern[str]
    blasts: re.Pattern[str]
    blockers: re.Pattern[str]
    contexts: re.Pattern[str]
    denials: re.Pattern[str]
    any_word: re.Pattern[str]  # every events/attacks/killings/blasts phrase: one scan per clause

    def classify(self, text: str) -> str | None:
        """The sub-event type a matched phrase reports (events first, then the generic kinds)."""
        for sub, pattern in self.events:
            if pattern.fullmatch(text):
                return sub
        if self.attacks.fullmatch(text) or self.killings.fullmatch(text):
            return GENERIC_SUB_EVENT
        return BLAST_SUB_EVENT if self.blasts.fullmatch(text) else None

    def kind(self, trigger: TriggerMention) -> str:
        """`event`, `attack`, `killing` or `blast`: how the trigger was found."""
        if trigger.sub_event_type == BLAST_SUB_EVENT and self.blasts.fullmatch(trigger.span.text):
            return "blast"
        if trigger.sub_event_type != GENERIC_SUB_EVENT:
            return "event"
        if self.attacks.fullmatch(trigger.span.text):
            return "attack"
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
    every += [f for key in ("attacks", "killings", "blasts") for f in phrases(data.get(key))]
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
        killings=compile_phrases(phrases(data.get("killings"))),
        blasts=compile_phrases(phrases(data.get("blasts"))),
        blockers=trie_pattern(phrases(data.get("blockers"))),
        contexts=trie_pattern(phrases(data.get("contexts"))),
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


def _clause_triggers(lex: TriggerLexicon, clause: str, start: int, index: int) -> list[TriggerMention]:
    found: dict[Span, str] = {}
    for sub, act, thing in lex.combinations:
        if thing.search(clause):
            for match in act.finditer(clause):
                found.setdefault(Span(start + match.start(), start + match.end(), match.group(0)), sub)
    for match in lex.any_word.finditer(clause):
        sub = lex.classify(match.group(0))
        if sub is not None:
            found.setdefault(Span(start + match.start(), start + match.end(), match.group(0)), sub)
    # One word is one trigger: the longest phrase wins ("missile strike" over "strike").
    return [TriggerMention(span, EVENT_TYPE[found[span]], found[span], index) for span in drop_overlapping(found)]


def find_trigger_mentions(doc: Doc) -> list[TriggerMention]:
    lex = trigger_lexicon(doc.language)
    found: list[TriggerMention] = []
    for index, sentence in enumerate(doc.sentences):
        if lex.contexts.search(sentence.text) or lex.denials.search(sentence.text):
            continue  # a court, a storm, a robbery, a denial: the sentence reports no event
        for start, end in sentence.clauses or ((sentence.start, sentence.end),):
            clause = doc.text[start:end]
            if lex.blockers.search(clause):
                continue
            found.extend(_clause_triggers(lex, clause, start, index))
    return sorted(found, key=lambda t: t.span.start)


def find_triggers(doc: Doc) -> Doc:
    return replace(doc, triggers=tuple(find_trigger_mentions(doc)))
