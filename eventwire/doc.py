"""The working document: a report plus what each stage has found in it."""

from __future__ import annotations

from dataclasses import dataclass

from .records import (
    ActorMention,
    CertaintyMention,
    DateMention,
    Event,
    NumberMention,
    PlaceMention,
    Report,
    Sentence,
    SourceMention,
    TriggerMention,
)


@dataclass(frozen=True, slots=True)
class Doc:
    """Immutable; each stage returns a copy with the fields it assigns filled in."""

    report: Report
    language: str = ""
    sentences: tuple[Sentence, ...] = ()
    dates: tuple[DateMention, ...] = ()
    numbers: tuple[NumberMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    countries: tuple[str, ...] = ()  # ISO2 codes of countries the text names, in order
    actors: tuple[ActorMention, ...] = ()
    triggers: tuple[TriggerMention, ...] = ()
    sources: tuple[SourceMention, ...] = ()
    certainties: tuple[CertaintyMention, ...] = ()
    events: tuple[Event, ...] = ()

    @property
    def text(self) -> str:
        return self.report.text

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding a character offset (-1 if none)."""
        for index, sentence in enumerate(self.sentences):
            if sentence.start <= offset < sentence.end:
                return index
        return -1
