"""Stage `attribution`: who says so and how sure the report is.

`according_to` words put the source after them ("according to the governor", "за словами Синєгубова",
"twitterde Podoljak"); `said` words put it before them ("the regional governor said"), or, when
nothing that can be a speaker stands before, after them ("said Oleh Synyehubov"). `certainty` words
hedge what is reported: alleged ("reportedly", "нібито"), claimed, denied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..doc import Doc
from ..lexicon import lexicon
from ..records import Certainty, CertaintyMention, SourceMention, Span
from ..text import Quiet, TextMatches, clean_edges, lowered_report
from ..trie import trie_pattern

# The source after "according to": a run of capitalised words ("The Guardian", "Oleh Synyehubov"),
# else a short phrase up to the next punctuation ("the regional governor").
_NAME = re.compile(
    r"\s*((?:\w+\s+){0,2}?(?:[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w'’.-]*)(?:\s+(?:of|van|von|de|der|des|du)?\s*"
    r"[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w'’.-]*){0,5})"
)
_PHRASE = re.compile(r"\s*((?:[\w'’-]+\s*){1,5}?)(?=[,.;:!?\n\"“”«»()]|$)")
# The speaker before a "said" verb: up to six words back to the previous punctuation.
_BEFORE = re.compile(r"((?:[\w'’.-]+\s+){1,6})$")
_PUNCTUATION = re.compile(r"[,;:!?\"“”«»()\n]")


@dataclass(frozen=True)
class SourceLexicon:
    according_to: re.Pattern[str]
    said: re.Pattern[str]
    certainty: tuple[tuple[Certainty, re.Pattern[str]], ...]


@cache
def source_lexicon(language: str) -> SourceLexicon:
    data = lexicon(language).sources
    certainty = data.certainty
    return SourceLexicon(
        according_to=trie_pattern(data.according_to),
        said=trie_pattern(data.said),
        certainty=tuple((Certainty(key), trie_pattern(forms)) for key, forms in certainty.items()),
    )


def _mention(sentence_start: int, text: str, start: int, index: int) -> SourceMention:
    text = text.strip().rstrip(".,")
    return SourceMention(Span(sentence_start + start, sentence_start + start + len(text), text), text, index)


def _clause_start(text: str, end: int, sentence_start: int = 0) -> int:
    """Where the words before `end` begin: the last punctuation, six words (80 characters) back at most."""
    floor = max(sentence_start, end - 80)
    return max((m.end() for m in _PUNCTUATION.finditer(text, floor, end)), default=floor)


def _speaker_before(text: str, end: int) -> tuple[int, str] | None:
    """The words before a "said" verb, back to the clause start, if they can be a speaker: a name, a
    phrase of two words or more, or one longer word ("police"); not a pronoun ("he", "they")."""
    cut = _clause_start(text, end)
    match = _BEFORE.search(text[cut:end])
    if not match:
        return None
    words = match.group(1).split()
    if len(words) == 1 and not words[0][:1].isupper() and len(words[0]) < 5:
        return None
    if len(words) == 1 and words[0].casefold() in {"they", "she", "officials", "it", "this", "that", "which", "who"}:
        return None
    return cut + match.start(1), match.group(1)


def reported_event(text: str, verb_start: int, event_starts: list[int], sentence_start: int = 0) -> bool:
    """An event word stands before a "said" verb in its clause ("Firefight between X and Y reported
    at ..."): the verb is passive, it reports the event, and the words before it are not a speaker."""
    cut = _clause_start(text, verb_start, sentence_start)
    return any(cut <= start < verb_start for start in event_starts)


def _sources(
    sentence_text: str,
    sentence_start: int,
    index: int,
    after: list[tuple[int, int]],
    said: list[tuple[int, int]],
    event_starts: list[int],
) -> list[SourceMention]:
    """`after`, `said`: where the `according_to` and `said` words are in the sentence (offsets in it);
    `event_starts`: where its event words begin."""
    found: list[SourceMention] = []
    for _, end in after:
        name = _NAME.match(sentence_text, end) or _PHRASE.match(sentence_text, end)
        if name and name.group(1).strip():
            found.append(_mention(sentence_start, name.group(1), name.start(1), index))
    for start, end in said:
        inverted = any(a[0] < end and start < a[1] for a in after)
        if inverted and any(s.span.start - sentence_start >= end for s in found):
            continue  # "повідомив Синєгубов": the source after the verb is already taken
        if reported_event(sentence_text, start, event_starts):
            continue
        before = _speaker_before(sentence_text, start)
        if before is not None:
            found.append(_mention(sentence_start, before[1], before[0], index))
            continue
        name = _NAME.match(sentence_text, end)
        if name and name.group(1).strip() and not inverted:
            found.append(_mention(sentence_start, name.group(1), name.start(1), index))
    return found


def _in_sentence(spans: list[tuple[int, int]], sentence_start: int) -> list[tuple[int, int]]:
    return [(start - sentence_start, end - sentence_start) for start, end in spans]


def find_attribution(doc: Doc) -> Doc:
    lex = source_lexicon(doc.language)
    text = doc.text
    # The patterns scan the whole report once, together (see `TextMatches`), not sentence by sentence.
    according_to, said, *hedges = TextMatches.scan_all(
        [lex.according_to, lex.said, *(pattern for _, pattern in lex.certainty)], text, lowered_report(text)
    )
    certainty = [(kind, matches) for (kind, _), matches in zip(lex.certainty, hedges, strict=True)]
    quiet = Quiet([according_to, said, *(matches for _, matches in certainty)]).quiet
    sources: list[SourceMention] = []
    certainties: list[CertaintyMention] = []
    event_starts: dict[int, list[int]] = {}
    for trigger in doc.triggers:
        event_starts.setdefault(trigger.sentence, []).append(trigger.span.start)
    for index, sentence in enumerate(doc.sentences):
        clean = clean_edges(text, sentence.start, sentence.end)
        if clean and quiet(sentence.start, sentence.end):
            continue  # nothing said, nobody cited
        bounds = (sentence.start, sentence.end, clean)
        after, verbs = according_to.within(*bounds), said.within(*bounds)
        if after or verbs:
            after, verbs = _in_sentence(after, sentence.start), _in_sentence(verbs, sentence.start)
            events = [start - sentence.start for start in event_starts.get(index, [])]
            sources.extend(_sources(sentence.text, sentence.start, index, after, verbs, events))
        for kind, matches in certainty:
            for start, end in matches.within(*bounds):
                certainties.append(CertaintyMention(Span(start, end, text[start:end]), kind, index))
    return replace(doc, sources=tuple(sources), certainties=tuple(certainties))
