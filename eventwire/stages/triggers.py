"""Stage `triggers`: words that report an event, by the language's trigger lexicon.

A trigger in a clause that also holds a blocker (a future, a modal, an appeal, a
denial, a generality like "in many places") reports no event and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..doc import Doc
from ..lexicon import lexicon, phrases
from ..records import Span, TriggerMention
from ..taxonomy import EVENT_TYPE
from ..text import compile_phrases


@dataclass(frozen=True)
class TriggerLexicon:
    events: tuple[tuple[str, re.Pattern[str]], ...]
    blockers: re.Pattern[str]


@cache
def trigger_lexicon(language: str) -> TriggerLexicon:
    data = lexicon(language).triggers
    events = data.get("events") or {}
    unknown = set(events) - set(EVENT_TYPE)
    if unknown:
        raise ValueError(f"lexicon/{language}/triggers.yaml: unknown sub-event types {sorted(unknown)}")
    return TriggerLexicon(
        events=tuple((sub, compile_phrases(phrases(forms))) for sub, forms in events.items()),
        blockers=compile_phrases(phrases(data.get("blockers"))),
    )


@cache
def cue_pattern(language: str, cue: str) -> re.Pattern[str]:
    return compile_phrases(phrases((lexicon(language).triggers.get("cues") or {}).get(cue)))


def find_trigger_mentions(doc: Doc) -> list[TriggerMention]:
    lex = trigger_lexicon(doc.language)
    found: list[TriggerMention] = []
    for index, sentence in enumerate(doc.sentences):
        for start, end in sentence.clauses:
            clause = doc.text[start:end]
            if lex.blockers.search(clause):
                continue
            for sub, pattern in lex.events:
                for match in pattern.finditer(clause):
                    span = Span(start + match.start(), start + match.end(), match.group(0))
                    found.append(TriggerMention(span, EVENT_TYPE[sub], sub, index))
    return sorted(found, key=lambda t: t.span.start)


def find_triggers(doc: Doc) -> Doc:
    return replace(doc, triggers=tuple(find_trigger_mentions(doc)))
