"""Units named without their country ("border guards", "Grenzschützer") take the event's country, and
with it the country's ACLED actor name and period. The reports here are written by us."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import PartialDate, Report
from eventwire.stages.actors import actor_dictionary, actor_name

MARCH_10 = PartialDate(2023, 3, 10)


def _events(pipeline, text, language="en"):
    return pipeline.code(Report("t", text, MARCH_10, language)).events


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Border guards repelled an attack near Sumy on Monday."),
        ("de", "Grenzschützer wehrten am Montag einen Angriff bei Sumy ab."),
        ("fr", "Des gardes-frontières ont repoussé une attaque près de Soumy lundi."),
    ],
)
def test_border_guards_are_the_forces_of_the_country_they_fight_in(pipeline, language, text):
    events = _events(pipeline, text, language)
    assert [(e.sub_event_type, e.actor1, e.location) for e in events] == [
        ("Armed clash", "Military Forces of Ukraine (2019-)", "Sumy")
    ]


def test_a_generic_actor_takes_the_period_of_its_country():
    military = actor_dictionary()["military"]
    assert actor_name(military, "Ukraine", dt.date(2015, 6, 1)) == "Military Forces of Ukraine (2014-2019)"
    assert actor_name(military, "Ukraine", dt.date(2023, 6, 1)) == "Military Forces of Ukraine (2019-)"
    assert actor_name(military, "Kenya") == "Military Forces of Kenya"


def test_no_country_known_gives_the_generic_name_not_a_made_up_one():
    known = actor_dictionary()
    assert actor_name(known["military"], "") == "Military Forces"
    assert actor_name(known["civilians"], "") == "Civilians"
    assert actor_name(known["unidentified"], "") == "Unidentified Armed Group"


def test_russian_border_guards_are_not_ukraines(pipeline):
    events = _events(pipeline, "Russian border guards detained two men near Belgorod on Monday.")
    assert [e.actor1 for e in events] == ["Police Forces of Russia (2000-)"]


def test_wagner_fighters_by_their_nickname(pipeline):
    events = _events(pipeline, "Wagnerians attacked Ukrainian positions near Bakhmut on Monday.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Armed clash", "Wagner Group", "Military Forces of Ukraine (2019-)")
    ]


@pytest.mark.parametrize(
    ("language", "text", "actor"),
    [
        ("en", "RSF fighters stormed a village near El Fasher, killing 12 civilians.", "RSF: Rapid Support Forces"),
        ("fr", "Le GSIM a attaqué un poste près de Djibo.", "JNIM: Jamaah Nusrah al-Islam wal-Muslimin"),
        ("de", "M23-Rebellen griffen am Montag die Stadt Goma an.", "M23: March 23 Movement"),
        ("ru", "Боевики ТТП атаковали блокпост полиции в Пешаваре в понедельник.", "TTP: Tehreek-i-Taliban Pakistan"),
        ("en", "Armed youths raided a village in Jonglei state.", "Unidentified Communal Militia (South Sudan)"),
    ],
)
def test_named_groups_and_communal_militias_outside_the_theatre(pipeline, language, text, actor):
    assert actor in [e.actor1 for e in _events(pipeline, text, language)]
