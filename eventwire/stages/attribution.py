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
from ..lexicon import lexicon, phrases
from ..records import Certainty, CertaintyMention, SourceMention, Span
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
    certainty = data.get("certainty") or {}
    return SourceLexicon(
        according_to=trie_pattern(phrases(data.get("according_to"))),
        said=trie_pattern(phrases(data.get("said"))),
        certainty=tuple((Certainty(key), trie_pattern(phrases(forms))) for key, forms in certainty.items()),
    )


def _mention(sentence_start: int, text: str, start: int, index: int) -> SourceMention:
    text = text.strip().rstrip(".,")
    return SourceMention(Span(sentence_start + start, sentence_start + start + len(text), text), text, index)


def _speaker_before(text: str, end: int) -> tuple[int, str] | None:
    """The words before a "said" verb, back to the clause start, if they can be a speaker: a name, a
    phrase of two words or more, or one longer word ("police"); not a pronoun ("he", "they")."""
    start = max(0, end - 80)  # six words back at most
    cut = max((m.end() for m in _PUNCTUATION.finditer(text, start, end)), default=start)
    match = _BEFORE.search(text[cut:end])
    if not match:
        return None
    words = match.group(1).split()
    if len(words) == 1 and not words[0][:1].isupper() and len(words[0]) < 5:
        return None
    if len(words) == 1 and words[0].casefold() in {"they", "she", "officials", "it", "this", "that", "which", "who"}:
        return None
    return cut + match.start(1), match.group(1)


def _sources(lex: SourceLexicon, sentence_text: str, sentence_start: int, index: int) -> list[SourceMention]:
    found: list[SourceMention] = []
    after = list(lex.according_to.finditer(sentence_text))
    for match in after:
        name = _NAME.match(sentence_text, match.end()) or _PHRASE.match(sentence_text, match.end())
        if name and name.group(1).strip():
            found.append(_mention(sentence_start, name.group(1), name.start(1), index))
    told = {(m.start(), m.end()) for m in after}
    for match in lex.said.finditer(sentence_text):
        inverted = any(a[0] < match.end() and match.start() < a[1] for a in told)
        if inverted and any(s.span.start - sentence_start >= match.end() for s in found):
            continue  # "повідомив Синєгубов": the source after the verb is already taken
        before = _speaker_before(sentence_text, match.start())
        if before is not None:
            found.append(_mention(sentence_start, before[1], before[0], index))
            continue
        name = _NAME.match(sentence_text, match.end())
        if name and name.group(1).strip() and not inverted:
            found.append(_mention(sentence_start, name.group(1), name.start(1), index))
    return found


def find_attribution(doc: Doc) -> Doc:
    lex = source_lexicon(doc.language)
    sources: list[SourceMention] = []
    certainties: list[CertaintyMention] = []
    for index, sentence in enumerate(doc.sentences):
        sources.extend(_sources(lex, sentence.text, sentence.start, index))
        for certainty, pattern in lex.certainty:
            for match in pattern.finditer(sentence.text):
                span = Span(sentence.start + match.start(), sentence.start + match.end(), match.group(0))
                certainties.append(CertaintyMention(span, certainty, index))
    return replace(doc, sources=tuple(sources), certainties=tuple(certainties))
