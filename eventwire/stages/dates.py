"""Stage `dates`: date expressions resolved against the report's date and its precision.

Never invent precision: a weekday or "yesterday" in a report dated only by month
resolves to that month at month precision (ACLED time_precision 3).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from ..doc import Doc
from ..lexicon import lexicon, phrases
from ..records import DateMention, DatePrecision, PartialDate, Span, TimePrecision
from ..text import compile_phrases, drop_overlapping, fold, phrase_pattern


@dataclass(frozen=True)
class DatePatterns:
    absolute: re.Pattern[str]
    month_by_form: dict[str, int]
    weekday: dict[int, re.Pattern[str]]
    relative_day: dict[int, re.Pattern[str]]
    relative_period: dict[str, re.Pattern[str]]
    part_by_form: dict[str, str]
    since: re.Pattern[str]


def _alternation(forms: list[str]) -> str:
    ordered = sorted(set(forms), key=len, reverse=True)
    return "|".join(phrase_pattern(f) for f in ordered) or r"(?!x)x"


@cache
def patterns(language: str) -> DatePatterns:
    data = lexicon(language).dates
    month_by_form = {fold(f): int(m) for m, forms in (data.get("months") or {}).items() for f in phrases(forms)}
    part_by_form = {fold(f): part for part, forms in (data.get("month_parts") or {}).items() for f in phrases(forms)}
    months = _alternation(list(month_by_form))
    parts = _alternation(list(part_by_form))
    day = r"(?P<day>[0-3]?\d)(?:\.|st|nd|rd|th|er|e|-?го|-?е)?"
    absolute = (
        rf"(?:(?P<part>{parts})\s+(?:(?:of|van|de|du|des|von|der)\s+)?)?"
        rf"(?:{day}\s+(?:of\s+)?)?(?P<month>{months})"
        rf"(?:\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    )
    return DatePatterns(
        absolute=re.compile(absolute, re.IGNORECASE),
        month_by_form=month_by_form,
        weekday={int(k): compile_phrases(phrases(v)) for k, v in (data.get("weekdays") or {}).items()},
        relative_day={int(k): compile_phrases(phrases(v)) for k, v in (data.get("relative_days") or {}).items()},
        relative_period={k: compile_phrases(phrases(v)) for k, v in (data.get("relative_periods") or {}).items()},
        part_by_form=part_by_form,
        since=re.compile(rf"(?:{_alternation(list(phrases(data.get('since'))))})\s*$", re.IGNORECASE),
    )


def middle_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, 15)


def _month_part(year: int, month: int, part: str | None) -> dt.date:
    if part == "early":
        return dt.date(year, month, 1)
    if part == "late":
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return middle_of_month(year, month)


def report_date(published: PartialDate | None) -> tuple[dt.date, TimePrecision] | None:
    """The date an undated event in a report takes: the report's own, at its precision."""
    if published is None or published.month is None:
        return None
    if published.day is None:
        return middle_of_month(published.year, published.month), TimePrecision.MONTH
    return dt.date(published.year, published.month, published.day), TimePrecision.DAY


def _absolute(
    match: re.Match[str], pats: DatePatterns, published: PartialDate | None
) -> tuple[dt.date, TimePrecision] | None:
    month = pats.month_by_form.get(fold(match.group("month")))
    day_text = match.group("day") or match.group("day2")
    year_text = match.group("year")
    part = pats.part_by_form.get(fold(match.group("part") or ""))
    if month is None or (day_text is None and year_text is None and part is None):
        return None  # a bare month name ("May", "mars") is too ambiguous to be a date
    if year_text:
        year = int(year_text)
    elif published is not None:
        year = published.year
        if published.month is not None and month > published.month:
            year -= 1  # "2 March" in a November report; "December" in a January report is last year's
    else:
        return None
    if day_text is None:
        return _month_part(year, month, part), TimePrecision.MONTH
    try:
        return dt.date(year, month, int(day_text)), TimePrecision.DAY
    except ValueError:
        return None


def _relative(published: PartialDate | None, exact: dt.date | None) -> tuple[dt.date, TimePrecision] | None:
    """A day counted from the report's date: exact when that date has a day, else the report's month."""
    if published is None or published.month is None:
        return None
    if published.precision is DatePrecision.DAY and exact is not None:
        return exact, TimePrecision.DAY
    return middle_of_month(published.year, published.month), TimePrecision.MONTH


def _weekday(published: PartialDate | None, weekday: int) -> tuple[dt.date, TimePrecision] | None:
    exact = None
    if published is not None and published.day is not None and published.month is not None:
        day = dt.date(published.year, published.month, published.day)
        exact = day - dt.timedelta(days=(day.weekday() - weekday) % 7)
    return _relative(published, exact)


def _period(published: PartialDate | None, period: str) -> tuple[dt.date, TimePrecision] | None:
    if published is None or published.month is None:
        return None
    if period == "last_week":
        if published.day is None:
            return middle_of_month(published.year, published.month), TimePrecision.MONTH
        day = dt.date(published.year, published.month, published.day)
        return day - dt.timedelta(days=day.weekday() + 4), TimePrecision.WEEK  # Thursday of last week
    if period == "last_month":
        first = dt.date(published.year, published.month, 1) - dt.timedelta(days=1)
        return middle_of_month(first.year, first.month), TimePrecision.MONTH
    return middle_of_month(published.year, published.month), TimePrecision.MONTH  # this_month


def find_date_mentions(text: str, language: str, published: PartialDate | None) -> list[DateMention]:
    pats = patterns(language)
    found: list[tuple[Span, tuple[dt.date, TimePrecision] | None]] = []
    for match in pats.absolute.finditer(text):
        found.append((Span(match.start(), match.end(), match.group(0)), _absolute(match, pats, published)))
    day = None
    if published is not None and published.day is not None and published.month is not None:
        day = dt.date(published.year, published.month, published.day)
    for offset, pattern in pats.relative_day.items():
        for match in pattern.finditer(text):
            exact = day + dt.timedelta(days=offset) if day else None
            found.append((Span(match.start(), match.end(), match.group(0)), _relative(published, exact)))
    for weekday, pattern in pats.weekday.items():
        for match in pattern.finditer(text):
            found.append((Span(match.start(), match.end(), match.group(0)), _weekday(published, weekday)))
    for period, pattern in pats.relative_period.items():
        for match in pattern.finditer(text):
            found.append((Span(match.start(), match.end(), match.group(0)), _period(published, period)))
    resolved = {span: value for span, value in found if value is not None}
    mentions = []
    for span in drop_overlapping(resolved):
        date, precision = resolved[span]
        since = bool(pats.since.search(text[max(0, span.start - 40) : span.start]))
        mentions.append(DateMention(span, date, precision, since))
    return mentions


def find_dates(doc: Doc) -> Doc:
    return replace(doc, dates=tuple(find_date_mentions(doc.text, doc.language, doc.report.published)))
