"""Stage `dates`: date expressions resolved against the report's date and its precision.

Never invent precision: a weekday or "yesterday" in a report dated only by month resolves to that
month at month precision (ACLED time_precision 3). What each language says is in
`lexicon/<lang>/dates.yaml`; the engine finds anchor words (months, weekdays, "yesterday", "last
week", "the month") with one trie-shaped pattern over the lower-cased text, then reads the few
characters around each anchor (a day number, a year, "early", "since"). The anchors are found in
the same scan of a report as the number words (`word_scan`), which the numbers stage reuses.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..doc import Doc
from ..records import DateMention, DatePrecision, PartialDate, Span, TimePrecision
from ..text import (
    char_positions,
    drop_overlapping_bounds,
    matches_at,
    normalize,
)
from .date_words import DateLexicon, date_lexicon
from .number_words import combine, number_lexicon
from .word_scan import word_scan

Resolved = tuple[dt.date, TimePrecision]
LOOK_BACK = 32  # characters before an anchor searched for a day, a month part, a preposition or "since"
MAX_DAYS_AGO = 36_600  # "N days ago" further back than a hundred years is no date of an event
_YEAR_AFTER = re.compile(r",?\s+(?P<year>(?:19|20)\d\d)(?!\d)")
_NUMERIC = re.compile(
    r"\d(?<![\d.,/]\d)\d?(?P<sep>[./])\d\d?(?P=sep)(?:19|20)\d\d(?![\d.,]\d)|\d(?<![\d.,/-]\d)\d\d\d-\d\d-\d\d(?!\d)"
)
_WEEKDAY_GAP = re.compile(r"[\s,]*(?:\w{1,3}\s+)?")  # "Friday, 11 November", "Freitag, den 11. November"


def middle_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, 15)


def _month_part(year: int, month: int, part: str | None) -> dt.date:
    if part == "early":
        return dt.date(year, month, 1)
    if part == "late":
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return middle_of_month(year, month)


def report_date(published: PartialDate | None) -> Resolved | None:
    """The date an undated event in a report takes: the report's own, at its precision."""
    if published is None or published.month is None:
        return None
    if published.day is None:
        return middle_of_month(published.year, published.month), TimePrecision.MONTH
    return dt.date(published.year, published.month, published.day), TimePrecision.DAY


def _report_day(published: PartialDate | None) -> dt.date | None:
    if published is None or published.month is None or published.day is None:
        return None
    return dt.date(published.year, published.month, published.day)


def _relative(published: PartialDate | None, exact: dt.date | None, precision=TimePrecision.DAY) -> Resolved | None:
    """A date counted from the report's: exact when that has a day, else the report's month."""
    if published is None or published.month is None:
        return None
    if published.precision is DatePrecision.DAY and exact is not None:
        return exact, precision
    return middle_of_month(published.year, published.month), TimePrecision.MONTH


@lru_cache(maxsize=1024)
def _weekday(published: PartialDate | None, weekday: int) -> Resolved | None:
    """The latest such weekday on or before the report's date (the day itself included)."""
    day = _report_day(published)
    exact = day - dt.timedelta(days=(day.weekday() - weekday) % 7) if day else None
    return _relative(published, exact)


def _period(published: PartialDate | None, period: str, part: str | None = None) -> Resolved | None:
    if published is None or published.month is None:
        return None
    day = _report_day(published)
    if period == "last_week":
        return _relative(published, day - dt.timedelta(days=day.weekday() + 4) if day else None, TimePrecision.WEEK)
    if period == "this_week":
        monday = day - dt.timedelta(days=day.weekday()) if day else None
        middle = monday + (day - monday) / 2 if day and monday else None
        return _relative(published, middle, TimePrecision.WEEK)
    if period == "last_month":
        last = dt.date(published.year, published.month, 1) - dt.timedelta(days=1)
        return _month_part(last.year, last.month, part), TimePrecision.MONTH
    return _month_part(published.year, published.month, part), TimePrecision.MONTH  # this_month, the month


def _year_for(month: int, published: PartialDate | None) -> int | None:
    if published is None:
        return None
    if published.month is not None and month > published.month:
        return published.year - 1  # "2 March" in a November report; "December" in a January report is last year's
    return published.year


@dataclass
class _Found:
    start: int
    end: int
    when: Resolved | None
    kind: str


def _month_mention(norm: str, start: int, end: int, month: int, lex: DateLexicon, published) -> _Found | None:
    """A month name with what stands around it: "2 maart", "24 лютого 2022", "am 3. Oktober",
    "March 2nd, 2022", "begin maart", "mid-March", "in March", "March 2022"."""
    window = max(0, start - LOOK_BACK)
    day_text = None
    day = lex.day_before.search(norm, window, start)
    if day:
        day_text, start = day.group("day"), day.start()
    else:
        after = lex.day_after.match(norm, end)
        if after and not _YEAR_AFTER.match(norm, end):
            day_text, end = after.group("day"), after.end()
    year_match = _YEAR_AFTER.match(norm, end)
    year = int(year_match.group("year")) if year_match else _year_for(month, published)
    if year_match:
        end = year_match.end()
    part = None
    if day_text is None:
        part_match = lex.part_before.search(norm, window, start)
        if part_match:
            part, start = _part(part_match, lex), part_match.start()
        elif not year_match and not lex.preposition_before.search(norm, window, start):
            return None  # a bare month name ("May", "mars") is too ambiguous to be a date
    if year is None:
        return None
    if day_text is None:
        return _Found(start, end, (_month_part(year, month, part), TimePrecision.MONTH), "month")
    try:
        return _Found(start, end, (dt.date(year, month, int(day_text)), TimePrecision.DAY), "date")
    except ValueError:
        return None


def _part(match: re.Match[str], lex: DateLexicon) -> str | None:
    """Which part of a month ("early", "middle", "late") the words before a month name say."""
    form = " ".join(match.group(0).split())
    return lex.part_by_form.get(form) or lex.part_by_form.get(form.rstrip("-"))


def _anchor(norm: str, start: int, end: int, lex: DateLexicon, published) -> _Found | None:
    found = lex.lookup(norm[start:end])
    if found is None:
        return None
    kind, value = found  # type: ignore[misc]
    if kind == "month":
        return _month_mention(norm, start, end, int(value), lex, published)
    if kind == "weekday":
        return _Found(start, end, _weekday(published, int(value)), "weekday")
    if kind == "day":
        day = _report_day(published)
        return _Found(start, end, _relative(published, day + dt.timedelta(days=int(value)) if day else None), "day")
    part_match = lex.part_before.search(norm, max(0, start - LOOK_BACK), start)
    part = _part(part_match, lex) if part_match else None
    if kind == "month_word" and part is None:
        return None  # "the month" is a date only with a part: "end of the month"
    if part_match and part:
        start = part_match.start()
    return _Found(start, end, _period(published, "this_month" if kind == "month_word" else str(value), part), kind)


def _ago(norm: str, lex: DateLexicon, language: str, published) -> list[_Found]:
    found = []
    day = _report_day(published)
    for literal, pattern, unit in lex.ago:
        if literal not in norm:
            continue
        for match in pattern.finditer(norm):
            count = _count(match.groupdict().get("n"), language)
            if count is None or count * unit > MAX_DAYS_AGO:
                continue  # "a million days ago" is no date of an event
            exact = day - dt.timedelta(days=count * unit) if day else None
            precision = TimePrecision.DAY if unit == 1 else TimePrecision.WEEK
            found.append(_Found(match.start(), match.end(), _relative(published, exact, precision), "ago"))
    return found


def _count(text: str | None, language: str) -> int | None:
    if text is None:
        return 1  # "a week ago"
    if text.isdigit():
        return int(text)
    numbers = number_lexicon(language)
    values = [numbers.pieces.get(w) for w in re.split(r"[\s-]+", text)]
    if None in values:
        return None
    return combine([(v, False) for v in values if v is not None], numbers.scales)


def _numeric(text: str, lex: DateLexicon) -> list[_Found]:
    """24.02.2022, 24/02/2022 (in the language's order; skipped when ambiguous) and 2022-02-24."""
    found = []
    for match in matches_at(_NUMERIC, text, _numeric_starts(text)):
        first, second, third = (int(part) for part in re.split(r"[./-]", match.group(0)))
        if match.group("sep") is None:  # ISO: 2022-02-24
            candidates = {(first, second, third)}
        else:
            candidates = {
                (third, second, first) if order == "dmy" else (third, first, second) for order in lex.numeric_orders
            }
        dates = set()
        for year, month, day in candidates:
            try:
                dates.add(dt.date(year, month, day))
            except ValueError:
                continue
        if len(dates) == 1:
            found.append(_Found(match.start(), match.end(), (dates.pop(), TimePrecision.DAY), "date"))
    return found


def _numeric_starts(text: str) -> list[int]:
    """Where a numeric date can begin: one or two digits before a "." or "/", four before a "-"."""
    starts = set()
    for position in char_positions(text, "./"):
        if position and text[position - 1].isdecimal():  # (isdecimal: what \d matches)
            starts.update((position - 1, position - 2) if position > 1 else (position - 1,))
    for position in char_positions(text, "-"):
        if position >= 4 and text[position - 1].isdecimal():
            starts.add(position - 4)
    return sorted(starts)


def _merge_weekdays(found: list[_Found], norm: str) -> list[_Found]:
    """ "Friday, 11 November": the weekday joins the date it names."""
    merged: list[_Found] = []
    for item in found:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.kind == "weekday"
            and item.kind == "date"
            and _WEEKDAY_GAP.fullmatch(norm, previous.end, item.start)
        ):
            merged[-1] = _Found(previous.start, item.end, item.when, "date")
        else:
            merged.append(item)
    return merged


def find_date_mentions(text: str, language: str, published: PartialDate | None, offset: int = 0) -> list[DateMention]:
    """Date expressions in `text` (a report, or one of its sentences starting at `offset`)."""
    lex = date_lexicon(language)
    norm = normalize(text)
    anchors = word_scan(language, norm).spans[0]
    found = [f for start, end in anchors if (f := _anchor(norm, start, end, lex, published)) is not None]
    found += _ago(norm, lex, language, published)
    found += _numeric(text, lex)
    by_bounds = {(f.start, f.end): f for f in found if f.when is not None}
    kept = _merge_weekdays([by_bounds[b] for b in drop_overlapping_bounds(by_bounds)], norm)
    mentions = []
    for item in kept:
        if item.when is None:
            continue
        since = item.start > 0 and norm[item.start - 1].isspace() and _since(norm, item.start, lex)
        span = Span(offset + item.start, offset + item.end, text[item.start : item.end])
        mentions.append(DateMention(span, item.when[0], item.when[1], since))
    return mentions


def _since(norm: str, start: int, lex: DateLexicon) -> bool:
    """Whether "since" stands right before a date (the words and then whitespace, so only a date
    after whitespace is looked at, and only when the word before ends like a "since" word)."""
    window = max(0, start - LOOK_BACK)
    before = start
    while before > window and norm[before - 1].isspace():
        before -= 1
    if before > window and lex.since_last is not None and norm[before - 1] not in lex.since_last:
        return False
    return bool(lex.since_before.search(norm, window, start))


def find_dates(doc: Doc) -> Doc:
    """Dates in the report; a sentence in another language (a quote) is read with that language's words."""
    published = doc.report.published
    mentions = find_date_mentions(doc.text, doc.language, published)
    others = [s for s in doc.sentences if s.language not in ("", doc.language)]
    for sentence in others:
        mentions = [m for m in mentions if not sentence.start <= m.span.start < sentence.end]
        mentions += find_date_mentions(sentence.text, sentence.language, published, sentence.start)
    if others:  # (the report's own mentions come in text order)
        mentions = sorted(mentions, key=lambda m: m.span.start)
    return replace(doc, dates=tuple(mentions))
