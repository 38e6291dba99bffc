"""Damage with no weapon named, accidents, and the place a report's lead names.

A report that only describes what a place suffered ("damage to a school", "a crater") still tells of
a remote attack: it is coded as one by an unreported weapon, tagged so, and only where nothing else
names the event and a place is named. The reports here are written by us.
"""

from __future__ import annotations

import pytest

from eventwire import PartialDate, Report
from eventwire.stages.assemble import WEAPON_NOT_REPORTED
from eventwire.writers import acled_row

MARCH_10 = PartialDate(2023, 3, 10)
SHELLING = "Shelling/artillery/missile attack"


def _events(pipeline, text, language="en"):
    return pipeline.code(Report("t", text, MARCH_10, language)).events


@pytest.mark.parametrize(
    ("language", "text", "place", "word"),
    [
        ("en", "Odesa: damage to a school building and a large crater in the yard.", "Odesa", "damage"),
        ("en", "A kindergarten in Kharkiv was struck overnight.", "Kharkiv", "struck"),
        ("uk", "У Миколаєві пошкоджено будівлю школи.", "Mykolaiv", "пошкоджено"),
        ("ru", "В Херсоне разрушено здание школы.", "Kherson", "разрушено"),
        ("de", "In Charkiw wurde eine Schule schwer beschädigt.", "Kharkiv", "beschädigt"),
        ("fr", "À Kharkiv, une école a été endommagée.", "Kharkiv", "endommagée"),
        ("nl", "In Mykolajiv is een school zwaar beschadigd.", "Mykolaiv", "beschadigd"),
        ("pl", "W Charkowie zniszczona została szkoła.", "Kharkiv", "zniszczona"),
    ],
)
def test_damage_alone_is_a_remote_attack_by_an_unreported_weapon(pipeline, language, text, place, word):
    events = _events(pipeline, text, language)
    assert [(e.sub_event_type, e.location, e.tags) for e in events] == [(SHELLING, place, WEAPON_NOT_REPORTED)]
    (event,) = events
    assert event.actor1 == "Unidentified Armed Group (Ukraine)"
    assert [s.text for s in event.evidence["event_type"]] == [word]
    assert event.evidence["location"]


def test_damage_is_less_certain_than_a_named_weapon(pipeline):
    (damage,) = _events(pipeline, "Odesa: a school was damaged on Monday.")
    (strike,) = _events(pipeline, "Odesa: a school was hit by a missile on Monday.")
    assert damage.confidence < strike.confidence
    assert strike.tags == ""


def test_damage_somewhere_unnamed_is_no_event(pipeline):
    assert _events(pipeline, "A school building was heavily damaged.") == ()


def test_a_named_weapon_speaks_for_the_damage_it_did(pipeline):
    events = _events(
        pipeline, "A missile hit Odesa on Monday. Damage to a school and two houses was reported in Odesa."
    )
    assert [(e.sub_event_type, e.tags) for e in events] == [(SHELLING, "")]
    assert [s.text for s in events[0].evidence["event_type"]] == ["missile"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "A gas leak caused an explosion that damaged a house in Odesa."),
        ("en", "A tornado caused heavy damage in Kharkiv on Monday."),
        ("uk", "У Миколаєві через витік газу пошкоджено житловий будинок."),
        ("de", "In Charkiw hat ein Sturm mehrere Häuser beschädigt."),
    ],
)
def test_accidents_and_weather_do_no_damage_events(pipeline, language, text):
    assert _events(pipeline, text, language) == ()


def test_a_missile_strike_on_a_factory_is_still_one(pipeline):
    events = _events(pipeline, "A missile strike hit a factory in Odesa on Monday.")
    assert [(e.sub_event_type, e.location) for e in events] == [(SHELLING, "Odesa")]


def test_the_lead_names_the_place_of_the_sentences_after_it(pipeline):
    events = _events(pipeline, "Kharkiv: a residential block. Artillery shelling hit it twice in the night.")
    assert [(e.sub_event_type, e.location) for e in events] == [(SHELLING, "Kharkiv")]


def test_another_events_sentence_keeps_its_place_to_itself(pipeline):
    text = "Russian forces shelled Kherson on Monday. Drones also struck a school overnight."
    events = _events(pipeline, text)
    assert sorted((e.sub_event_type, e.location) for e in events) == [("Air/drone strike", ""), (SHELLING, "Kherson")]


def test_damage_events_carry_their_tag_into_acled_csv(pipeline):
    (event,) = _events(pipeline, "Odesa: damage to a school building.")
    assert acled_row(event)["tags"] == WEAPON_NOT_REPORTED


def test_a_clause_falls_back_to_its_next_trigger(pipeline):
    events = _events(pipeline, "Kharkiv: a missile strike on a market was captured on video on Monday.")
    assert [(e.sub_event_type, e.location) for e in events] == [(SHELLING, "Kharkiv")]


def test_an_attack_on_a_place_nobody_is_named_for_is_a_remote_attack(pipeline):
    events = _events(pipeline, "Kharkiv: the aftermath of an attack on a car park in a residential area.")
    assert [(e.sub_event_type, e.location, e.tags) for e in events] == [(SHELLING, "Kharkiv", WEAPON_NOT_REPORTED)]


def test_an_attack_on_people_nobody_is_named_for_stays_no_event(pipeline):
    assert _events(pipeline, "A man attacked a woman and her children in Kharkiv on Monday.") == ()


def test_a_civilian_vehicle_is_a_thing_hit_not_a_person(pipeline):
    events = _events(pipeline, "Zaporizhzhia: a civilian vehicle convoy was attacked on the road out of the city.")
    assert [(e.sub_event_type, e.location, e.tags) for e in events] == [(SHELLING, "Zaporizhzhia", WEAPON_NOT_REPORTED)]
    assert _events(pipeline, "Civilians were attacked in Zaporizhzhia on Monday.") == ()


def test_shooting_at_civilians_with_nobody_named_is_an_attack_on_them(pipeline):
    events = _events(pipeline, "Mariupol: a hospital and a school came under small arms fire.")
    assert [(e.event_type, e.sub_event_type, e.actor1, e.actor2, e.location, e.tags) for e in events] == [
        (
            "Violence against civilians",
            "Attack",
            "Unidentified Armed Group (Ukraine)",
            "Civilians (Ukraine)",
            "Mariupol",
            "",
        )
    ]


def test_shooting_between_armed_sides_is_a_clash_and_shooting_at_nothing_no_event(pipeline):
    events = _events(pipeline, "Russian forces directed machine-gun fire at Ukrainian positions near Bakhmut.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert _events(pipeline, "Gunfire was heard in Kharkiv overnight.") == ()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Charkiw: Ein Krankenhaus und eine Schule gerieten unter Maschinengewehrfeuer."),
        ("ru", "Харьков: по больнице открыли пулеметный огонь."),
        ("fr", "Kharkiv : un hôpital et une école visés par des tirs de mitrailleuse."),
        ("pl", "Charków: ogień z karabinu maszynowego w szpital i szkołę."),
    ],
)
def test_shooting_at_civilians_in_other_languages(pipeline, language, text):
    events = _events(pipeline, text, language)
    assert [(e.sub_event_type, e.actor2, e.location) for e in events] == [("Attack", "Civilians (Ukraine)", "Kharkiv")]


def test_a_town_of_the_region_named_beside_it_is_where_it_happened(pipeline):
    events = _events(pipeline, "Okhtyrka, in the Sumy region: soldiers were looting a supermarket on Monday.")
    assert [(e.location, e.admin1, e.geo_precision) for e in events] == [("Okhtyrka", "Sumy", 1)]
    # a town of another region does not replace the region named with the event
    events = _events(pipeline, "Okhtyrka residents said: in the Kherson region soldiers were looting a supermarket.")
    assert [(e.location, e.geo_precision) for e in events] == [("Kherson", 3)]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Residents were bused out of Pokrovsk on Tuesday, the police of the Donetsk region said. "
            "The evacuation followed overnight shelling that destroyed two houses.",
        ),
        (
            "ru",
            "Из Покровска во вторник вывезли жителей, сообщает полиция Донецкой области. "
            "Эвакуация прошла после ночного обстрела, который разрушил два дома.",
        ),
    ],
)
def test_a_town_the_lead_names_beside_its_region_is_where_the_next_sentence_happened(pipeline, language, text):
    # the lead's region names who reports it (the region's police); its town is the event's place
    events = _events(pipeline, text, language)
    assert [(e.sub_event_type, e.location, e.geo_precision) for e in events] == [(SHELLING, "Pokrovsk", 1)]


def test_shooting_at_vehicles_is_at_civilians_unless_they_are_military(pipeline):
    events = _events(pipeline, "Bucha: a civilian was injured as vehicles came under small arms fire.")
    assert [(e.sub_event_type, e.location) for e in events] == [("Attack", "Bucha")]
    assert _events(pipeline, "Bucha: military vehicles came under small arms fire.") == ()


@pytest.mark.parametrize(
    ("language", "text", "place"),
    [
        ("en", "Kharkiv: seven people were reported killed and 34 wounded on Monday.", "Kharkiv"),
        ("de", "In Charkiw wurden am Montag sieben Menschen getötet.", "Kharkiv"),
        ("uk", "У Харкові в понеділок убито сімох людей.", "Kharkiv"),
        ("nl", "In Charkiv zijn maandag zeven mensen gedood.", "Kharkiv"),
    ],
)
def test_a_killing_in_the_theatre_nobody_is_named_for_is_an_attack_on_civilians(pipeline, language, text, place):
    events = _events(pipeline, text, language)
    assert [(e.sub_event_type, e.actor1, e.actor2, e.location, e.fatalities) for e in events] == [
        ("Attack", "Unidentified Armed Group (Ukraine)", "Civilians (Ukraine)", place, 7)
    ]


def test_a_killing_nobody_is_named_for_outside_the_theatre_or_by_accident_is_no_event(pipeline):
    assert _events(pipeline, "Seven people were killed in Lyon on Monday.") == ()
    assert _events(pipeline, "Seven people were killed in Kharkiv on Monday when a boiler exploded.") == ()
    assert _events(pipeline, "Twelve migrants were killed in a shipwreck off Odesa on Monday.") == ()
    # soldiers killed by nobody named tell of a fight the report does not describe
    assert _events(pipeline, "Three soldiers were killed near Kharkiv on Monday.") == ()


def test_the_theatre_decides_where_unexplained_killings_are_conflict_events(pipeline):
    text = "Seven people were killed in Lyon on Monday."
    report = Report("t", text, MARCH_10, "en", theatre=("FR",))
    assert [(e.sub_event_type, e.location) for e in pipeline.code(report).events] == [("Attack", "Lyon")]


def test_deaths_told_beside_damage_are_its_toll(pipeline):
    events = _events(
        pipeline, "Dubove: one civilian was killed and five (incl. 2 children) were wounded after a house was hit."
    )
    assert [(e.sub_event_type, e.location, e.fatalities, e.tags) for e in events] == [
        (SHELLING, "Dubove", 1, WEAPON_NOT_REPORTED)
    ]


def test_an_attack_on_infrastructure_nobody_is_named_for_is_a_remote_attack(pipeline):
    events = _events(pipeline, "Kharkiv: attack on a power plant on the edge of the city.")
    assert [(e.sub_event_type, e.location, e.tags) for e in events] == [(SHELLING, "Kharkiv", WEAPON_NOT_REPORTED)]
    events = _events(pipeline, "Київ: атака на електростанцію на околиці міста.", "uk")
    assert [(e.sub_event_type, e.location) for e in events] == [(SHELLING, "Kyiv")]
    # "fire at" the plant, after a tank caught fire, is an accident
    assert _events(pipeline, "Smoke over Kharkiv as a tank burns after catching fire at the power plant.") == ()


def test_a_strike_where_people_live_is_a_remote_attack_not_a_walkout(pipeline):
    events = _events(pipeline, "Odesa: strike in one of the residential areas. At least 15 people were wounded.")
    assert [(e.sub_event_type, e.location, e.tags) for e in events] == [(SHELLING, "Odesa", "")]
    assert [e.event_type for e in _events(pipeline, "Dockworkers went on strike in Odesa on Monday.")] == ["Protests"]


def test_bodies_with_signs_of_execution_in_the_theatre_are_an_attack_on_civilians(pipeline):
    events = _events(pipeline, "Bucha: five bodies with hands tied behind their backs were found in a cellar.")
    assert [(e.sub_event_type, e.actor2, e.location, e.fatalities) for e in events] == [
        ("Attack", "Civilians (Ukraine)", "Bucha", 5)
    ]
    assert _events(pipeline, "Bucha: five bodies were found in a cellar.") == ()  # bodies alone tell no cause


def test_destruction_nobody_is_named_for_is_harm_a_place_suffered_not_property_destruction(pipeline):
    events = _events(pipeline, "Kharkiv: destruction of a commercial area near the market.")
    assert [(e.sub_event_type, e.location, e.tags) for e in events] == [(SHELLING, "Kharkiv", WEAPON_NOT_REPORTED)]
    # named, the ones who destroyed it, and anyone's looting, stay property destruction
    events = _events(pipeline, "Russian soldiers set houses on fire in Kherson on Monday.")
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Looting/property destruction", "Military Forces of Russia (2000-)")
    ]
    assert [e.sub_event_type for e in _events(pipeline, "Shops were looted in Kherson on Monday.")] == [
        "Looting/property destruction"
    ]
