"""The one run loop: code a stream of reports and store them, accounting for every input.

`extract --db`, `ingest`, `demo`, `POST /reports` and `watch` all store through `Ingestion`, with
one policy:

- reports are stored in transactions of `batch_size` (an interrupted run leaves the store
  consistent, and running it again finishes the job);
- a report whose text is stored already is not coded again (`skip_known`; `extract` turns it off
  because it writes every report's events to its output);
- every input ends as an outcome: stored, stored before, or an `InputError` with its reason,
  in input order (`Tally.outcomes`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .pipeline import Coded, Pipeline
from .records import InputError, Report
from .store import BATCH_SIZE, Added, Store

Outcome = Added | InputError


@dataclass(slots=True)
class Tally:
    """What a run did with each input, by its position in the input stream."""

    outcomes: dict[int, Outcome] = field(default_factory=dict)

    def _added(self) -> list[Added]:
        return [o for o in self.outcomes.values() if isinstance(o, Added)]

    @property
    def errors(self) -> list[InputError]:
        return [o for o in self.outcomes.values() if isinstance(o, InputError)]

    @property
    def stored(self) -> int:
        return sum(a.stored for a in self._added())

    @property
    def known(self) -> int:
        """Reports whose text was stored before (by an earlier run or earlier in this one)."""
        return sum(not a.stored for a in self._added())

    @property
    def new_events(self) -> int:
        return sum(a.new_events for a in self._added() if a.stored)

    @property
    def joined_events(self) -> int:
        """Links of stored reports to events that other reports had started."""
        return sum(len(a.event_ids) - a.new_events for a in self._added() if a.stored)

    def in_order(self) -> list[Outcome]:
        return [self.outcomes[position] for position in sorted(self.outcomes)]


@dataclass
class Ingestion:
    """Stores coded reports into `store` by one policy; `tally` accounts for every input seen."""

    store: Store
    batch_size: int = BATCH_SIZE
    skip_known: bool = True
    on_error: Callable[[InputError], None] | None = None
    tally: Tally = field(default_factory=Tally)
    _position: int = 0

    def _next_position(self) -> int:
        self._position += 1
        return self._position

    def _error(self, position: int, error: InputError) -> None:
        self.tally.outcomes[position] = error
        if self.on_error:
            self.on_error(error)

    def unseen(self, items: Iterable[Report | InputError]) -> Iterator[tuple[int, Report | InputError]]:
        """Number the inputs; with `skip_known`, a report stored before is accounted for, not coded."""
        for item in items:
            position = self._next_position()
            if self.skip_known and isinstance(item, Report):
                known = self.store.known_report_id(item.text)
                if known is not None:
                    self.tally.outcomes[position] = Added(report_id=known, stored=False)
                    continue
            yield position, item

    def code(
        self, numbered: Iterable[tuple[int, Report | InputError]], pipeline: Pipeline
    ) -> Iterator[tuple[int, Coded | InputError]]:
        for position, item in numbered:
            yield position, item if isinstance(item, InputError) else pipeline.code(item)

    def number(self, items: Iterable[Coded | InputError]) -> Iterator[tuple[int, Coded | InputError]]:
        """Number inputs coded elsewhere (by an engine), for `store`."""
        for item in items:
            yield self._next_position(), item

    def store_all(self, numbered: Iterable[tuple[int, Coded | InputError]]) -> Iterator[Coded]:
        """Store coded reports in batches; yields each one once its batch is committed."""
        batch: list[tuple[int, Coded]] = []
        for position, item in numbered:
            if isinstance(item, InputError):
                self._error(position, item)
                continue
            batch.append((position, item))
            if len(batch) >= self.batch_size:
                yield from self._commit(batch)
                batch = []
        if batch:
            yield from self._commit(batch)

    def _commit(self, batch: list[tuple[int, Coded]]) -> Iterator[Coded]:
        added = list(self.store.add_many((coded for _, coded in batch), batch_size=len(batch)))
        for (position, _), outcome in zip(batch, added, strict=True):
            self.tally.outcomes[position] = outcome
        for _, coded in batch:
            yield coded


def code_and_store(
    items: Iterable[Report | InputError],
    store: Store,
    pipeline: Pipeline | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    skip_known: bool = True,
    on_error: Callable[[InputError], None] | None = None,
    on_coded: Callable[[Coded], None] | None = None,
) -> Tally:
    """Code `items` and store them by the one policy; returns what happened to each input."""
    run = Ingestion(store, batch_size=batch_size, skip_known=skip_known, on_error=on_error)
    for coded in run.store_all(run.code(run.unseen(items), pipeline or Pipeline())):
        if on_coded:
            on_coded(coded)
    return run.tally
