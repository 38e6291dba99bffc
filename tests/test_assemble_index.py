"""The per-document index of `assemble`: mentions found by the range they lie in, as a scan would find them."""

from __future__ import annotations

import random

from eventwire.records import NumberMention, Span
from eventwire.stages.assemble import Located


def _number(start: int, end: int, value: int) -> NumberMention:
    return NumberMention(Span(start, end, str(value)), value)


def _scan(items: list[NumberMention], bounds: tuple[int, int]) -> list[NumberMention]:
    return [n for n in items if bounds[0] <= n.span.start and n.span.end <= bounds[1]]


def test_within_keeps_the_mentions_order_when_they_are_not_in_text_order() -> None:
    later, earlier, crossing = _number(20, 22, 1), _number(5, 7, 2), _number(28, 35, 3)
    located = Located([later, earlier, crossing])
    assert located.within((0, 30)) == [later, earlier]  # the order of the tuple, not of the text
    assert located.within((5, 22)) == [later, earlier]  # both ends belong to the range
    assert located.within((6, 21)) == []
    assert located.within((0, 40)) == [later, earlier, crossing]


def test_within_finds_what_a_scan_of_every_mention_finds() -> None:
    rng = random.Random(3)
    for _ in range(200):
        items = []
        for value in range(rng.randint(0, 12)):
            start = rng.randint(0, 60)
            items.append(_number(start, start + rng.randint(0, 8), value))
        if rng.random() < 0.5:
            items.sort(key=lambda n: n.span.start)
        located = Located(items)
        start = rng.randint(0, 60)
        bounds = (start, start + rng.randint(0, 30))
        assert located.within(bounds) == _scan(items, bounds)
