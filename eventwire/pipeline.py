"""The pipeline: an ordered list of named stages, declared in one place.

Every stage is a pure function `Doc -> Doc` that declares the `Doc` fields it
reads and the ones it assigns. A stage can be replaced by name through
`PipelineConfig.replace` with any importable callable ("package.module:function").
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from .doc import Doc
from .records import Event, InputError, Report, Sentence

StageFunction = Callable[[Doc], Doc]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    run: StageFunction
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


class StageError(Exception):
    """A stage could not process a document; the document is skipped with this reason."""


def _load(dotted: str) -> StageFunction:
    module_name, _, attribute = dotted.partition(":")
    function = getattr(importlib.import_module(module_name), attribute)
    if not callable(function):
        raise TypeError(f"{dotted} is not callable")
    return function


# The default stages, in order. Each reads only what earlier stages assigned.
DEFAULT_STAGES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("language", "eventwire.stages.language:detect_language", ("report",), ("language",)),
    ("sentences", "eventwire.stages.sentences:split_sentences", ("report", "language"), ("sentences",)),
    ("dates", "eventwire.stages.dates:find_dates", ("sentences", "language"), ("dates",)),
    ("numbers", "eventwire.stages.numbers:find_numbers", ("sentences", "language"), ("numbers",)),
    ("actors", "eventwire.stages.actors:find_actors", ("sentences", "language"), ("actors",)),
    (
        "places",
        "eventwire.stages.places:find_places",
        ("sentences", "language", "dates", "actors"),
        ("places", "countries"),
    ),
    ("triggers", "eventwire.stages.triggers:find_triggers", ("sentences", "language"), ("triggers",)),
    (
        "attribution",
        "eventwire.stages.attribution:find_attribution",
        ("sentences", "language", "triggers"),
        ("sources", "certainties"),
    ),
    (
        "assemble",
        "eventwire.stages.assemble:assemble_events",
        ("sentences", "dates", "numbers", "places", "countries", "actors", "triggers", "sources", "certainties"),
        ("events",),
    ),
)


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    replace: Mapping[str, str] = field(default_factory=dict)  # stage name -> "module:function"
    disable: frozenset[str] = frozenset()


def build_stages(config: PipelineConfig | None = None) -> tuple[Stage, ...]:
    config = config or PipelineConfig()
    unknown = (set(config.replace) | set(config.disable)) - {name for name, *_ in DEFAULT_STAGES}
    if unknown:
        raise ValueError(f"unknown stage(s): {', '.join(sorted(unknown))}")
    return tuple(
        Stage(name, _load(config.replace.get(name, target)), requires, assigns)
        for name, target, requires, assigns in DEFAULT_STAGES
        if name not in config.disable
    )


@dataclass(frozen=True, slots=True)
class Coded:
    report: Report
    events: tuple[Event, ...]
    language: str
    sentences: tuple[Sentence, ...] = ()  # as the pipeline split them: the store keeps each trigger's sentence


class Pipeline:
    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.stages = build_stages(config)

    def run(self, report: Report) -> Doc:
        """Run every stage on one report; raise StageError naming the stage that failed."""
        doc = Doc(report=report)
        for stage in self.stages:
            try:
                doc = stage.run(doc)
            except StageError:
                raise
            except Exception as error:  # one bad document never sinks a batch
                raise StageError(f"stage {stage.name} failed: {type(error).__name__}: {error}") from error
            if not isinstance(doc, Doc):
                raise StageError(f"stage {stage.name} returned {type(doc).__name__}, not Doc")
        return doc

    def code(self, report: Report) -> Coded | InputError:
        try:
            doc = self.run(report)
        except StageError as error:
            return InputError(input=report.id, reason=str(error))
        return Coded(report=report, events=doc.events, language=doc.language, sentences=tuple(doc.sentences))

    def code_all(self, items: Iterable[Report | InputError]) -> Iterator[Coded | InputError]:
        for item in items:
            yield item if isinstance(item, InputError) else self.code(item)
