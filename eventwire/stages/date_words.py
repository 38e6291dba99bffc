"""A language's date words, compiled from `lexicon/<lang>/dates.yaml`: the anchors (months,
weekdays, "yesterday", "last week") and the patterns read around them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import DatesLexicon, lexicon
from ..text import compile_forms, normal_form, trie_pattern
from .number_words import number_lexicon


@dataclass(frozen=True)
class DateLexicon:
    anchors: re.Pattern[str]
    table: dict[str, tuple[str, object]]  # normalised form -> (kind, value)
    day_before: re.Pattern[str]
    day_after: re.Pattern[str]
    part_before: re.Pattern[str]
    part_by_form: dict[str, str]
    preposition_before: re.Pattern[str]
    since_before: re.Pattern[str]
    since_last: frozenset[str] | None  # the last letters of "since" words (None: any)
    ago: tuple[tuple[str, re.Pattern[str], int], ...]  # (a word that must be present, pattern, days per unit)
    numeric_orders: tuple[str, ...]
    wildcards: tuple[tuple[re.Pattern[str], tuple[str, object]], ...]  # forms with a `*` ("vrijdag*")

    def lookup(self, found: str) -> tuple[str, object] | None:
        """What a matched anchor means, also for a wildcard form or several spaces between words."""
        exact = self.table.get(found)  # a form as written in the lexicon
        if exact is not None:
            return exact
        squeezed = " ".join(found.split())
        if squeezed in self.table:
            return self.table[squeezed]
        return next((value for pattern, value in self.wildcards if pattern.fullmatch(squeezed)), None)


def _table(data: DatesLexicon, key: str) -> dict[str, object]:
    """Form -> value of a lexicon mapping (value: forms); a plain list maps every form to its key."""
    values = getattr(data, key)
    if not isinstance(values, dict):
        return {normal_form(f): key for f in values}
    return {normal_form(f): _key(k) for k, forms in values.items() for f in forms}


def _key(value: object) -> object:
    return int(value) if isinstance(value, int) or (isinstance(value, str) and value.lstrip("-").isdigit()) else value


def _before(forms: list[str], tail: str = r"\s+") -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + trie_pattern(forms) + r")" + tail + "$")


@cache
def date_lexicon(language: str) -> DateLexicon:
    data = lexicon(language).dates
    table: dict[str, tuple[str, object]] = {}
    for kind, key in (
        ("month_word", "month_words"),
        ("period", "relative_periods"),
        ("weekday", "weekdays"),
        ("day", "relative_days"),
        ("month", "months"),
    ):
        table.update({form: (kind, value) for form, value in _table(data, key).items()})
    part_by_form = {str(f): str(p) for f, p in _table(data, "month_parts").items()}
    since = [normal_form(p) for p in data.since]
    suffixes = trie_pattern(normal_form(s) for s in data.day_suffixes)
    links = trie_pattern(normal_form(s) for s in data.day_links)
    day = rf"(?<![\d.,])(?P<day>[0-3]?\d)(?:{suffixes})?"
    return DateLexicon(
        anchors=compile_forms(list(table)),
        table=table,
        day_before=re.compile(rf"{day}\s*(?:(?:{links})\s+)?$"),
        day_after=re.compile(rf"\s+(?P<day>[0-3]?\d)(?:{suffixes})?(?![\d.,]?\d)"),
        part_before=_before(list(part_by_form), r"(?:\s+|(?<=-))"),
        part_by_form=part_by_form,
        preposition_before=_before([normal_form(p) for p in data.month_prepositions]),
        since_before=_before(since),
        since_last=None if any(f.endswith("*") for f in since) else frozenset(f[-1] for f in since if f),
        ago=tuple(_ago_patterns(data, language)),
        numeric_orders=data.numeric_order,
        wildcards=tuple(
            (re.compile(re.escape(form).replace(r"\*", r"\w*")), value) for form, value in table.items() if "*" in form
        ),
    )


def _ago_patterns(data: DatesLexicon, language: str) -> list[tuple[str, re.Pattern[str], int]]:
    """ "{n} days ago", "vor {n} Tagen", "il y a {n} jours": {n} is digits or number words."""
    numbers = number_lexicon(language)
    number = r"(?P<n>\d{1,3}|" + trie_pattern(f for f in numbers.pieces if f[:1].isalpha()) + r"(?:[\s-]+\w+)?)"
    found = []
    for key, days in (("days_ago", 1), ("weeks_ago", 7)):
        for template in getattr(data, key):
            form = normal_form(template)
            literal = max(re.split(r"\{n\}|\s+", form), key=len)
            body = r"\s+".join(number if w == "{n}" else re.escape(w) for w in form.split())
            found.append((literal, re.compile(r"(?<!\w)" + body + r"(?!\w)"), days))
    return found
