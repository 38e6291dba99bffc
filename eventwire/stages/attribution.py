"""Stage `attribution`: who says so ("according to ...") and how sure the report is."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..doc import Doc
from ..lexicon import lexicon, phrases
from ..records import Certainty, CertaintyMention, SourceMention, Span
from ..text import compile_phrases

# The source after "according to": a run of capitalised words ("The Guardian", "Oleh Synyehubov"),
# else a short phrase up to the next punctuation ("the regional governor").
_NAME = re.compile(
    r"\s*((?:\w+\s+){0,2}?(?:[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w'’.-]*)(?:\s+(?:of|van|von|de|der|des|du)?\s*"
    r"[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w'’.-]*){0,5})"
)
_PHRASE = re.compile(r"\s*((?:[\w'’-]+\s*){1,5}?)(?=[,.;:!?\n\"“”«»()]|$)")


@dataclass(frozen=True)
class SourceLexicon:
    according_to: re.Pattern[str]
    certainty: tuple[tuple[Certainty, re.Pattern[str]], ...]


@cache
def source_lexicon(language: str) -> SourceLexicon:
    data = lexicon(language).sources
    certainty = data.get("certainty") or {}
    return SourceLexicon(
        according_to=compile_phrases(phrases(data.get("according_to"))),
        certainty=tuple((Certainty(key), compile_phrases(phrases(forms))) for key, forms in certainty.items()),
    )


def find_attribution(doc: Doc) -> Doc:
    lex = source_lexicon(doc.language)
    sources: list[SourceMention] = []
    certainties: list[CertaintyMention] = []
    for index, sentence in enumerate(doc.sentences):
        for match in lex.according_to.finditer(sentence.text):
            name = _NAME.match(sentence.text, match.end()) or _PHRASE.match(sentence.text, match.end())
            if name and name.group(1).strip():
                start = sentence.start + name.start(1)
                text = name.group(1).strip().rstrip(".,")
                sources.append(SourceMention(Span(start, start + len(text), text), text, index))
        for certainty, pattern in lex.certainty:
            for match in pattern.finditer(sentence.text):
                span = Span(sentence.start + match.start(), sentence.start + match.end(), match.group(0))
                certainties.append(CertaintyMention(span, certainty, index))
    return replace(doc, sources=tuple(sources), certainties=tuple(certainties))
