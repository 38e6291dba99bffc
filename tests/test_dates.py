"""Dates in seven languages, from a table written by us (tests/cases/dates.py), resolved against the
report's date and never given more precision than it has."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.doc import Doc
from eventwire.records import PartialDate, Report
from eventwire.stages.dates import find_date_mentions, find_dates
from eventwire.stages.language import detect_language
from eventwire.stages.sentences import split_sentences

from .cases.dates import DATES

CASES = [(lang, *case) for lang, cases in DATES.items() for case in cases]
IDS = [f"{lang}-{index:02d}" for lang, cases in DATES.items() for index in range(len(cases))]


@pytest.mark.parametrize(("language", "published", "text", "words", "date", "precision", "since"), CASES, ids=IDS)
def test_date(language, published, text, words, date, precision, since):
    mentions = find_date_mentions(text, language, PartialDate.parse(published))
    for mention in mentions:
        assert text[mention.span.start : mention.span.end] == mention.span.text
    if words is None:
        assert mentions == []
        return
    found = [(m.span.text, m.date.isoformat(), int(m.time_precision), m.since) for m in mentions]
    assert found == [(words, date, precision, since)]


def test_each_language_has_at_least_25_cases():
    assert all(len(cases) >= 25 for cases in DATES.values())


@pytest.mark.parametrize("language", ["nl", "en", "uk", "ru", "de", "fr", "pl"])
def test_a_weekday_is_the_latest_such_day_on_or_before_the_report(language):
    friday = {
        "nl": "vrijdag",
        "en": "Friday",
        "uk": "у п'ятницю",
        "ru": "в пятницу",
        "de": "Freitag",
        "fr": "vendredi",
        "pl": "w piątek",
    }
    for day in range(7, 14):  # Monday 7 to Sunday 13 November 2022
        (mention,) = find_date_mentions(friday[language], language, PartialDate(2022, 11, day))
        expected = dt.date(2022, 11, 11) if day >= 11 else dt.date(2022, 11, 4)
        assert mention.date == expected and int(mention.time_precision) == 1


@pytest.mark.parametrize("language", ["nl", "en", "uk", "ru", "de", "fr", "pl"])
def test_a_report_dated_by_year_gives_no_relative_dates(language):
    yesterday = {
        "nl": "gisteren",
        "en": "yesterday",
        "uk": "вчора",
        "ru": "вчера",
        "de": "gestern",
        "fr": "hier",
        "pl": "wczoraj",
    }
    assert find_date_mentions(yesterday[language], language, PartialDate(2022)) == []
    assert find_date_mentions(yesterday[language], language, None) == []


def test_a_quote_in_another_language_is_read_with_that_language():
    text = 'The governor said: "Вчора внаслідок обстрілу загинули семеро людей, серед них двоє дітей." Work went on.'
    doc = split_sentences(detect_language(Doc(Report("q", text, PartialDate(2022, 11, 12), "en"))))
    assert [s.language for s in doc.sentences] == ["uk", ""]
    (mention,) = find_dates(doc).dates
    assert mention.span.text == "Вчора" and mention.date == dt.date(2022, 11, 11)


def test_days_ago_beyond_any_calendar_is_no_date():
    report_day = PartialDate(2023, 3, 10)
    assert find_date_mentions("a million days ago", "en", report_day) == []
    (mention,) = find_date_mentions("three days ago", "en", report_day)
    assert mention.date == dt.date(2023, 3, 7)
