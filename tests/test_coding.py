"""Event coding: ACLED types and hierarchy, actors and their periods, fatalities, sources and certainty.

The reports here are written by us; each case states a rule of docs/coding-rules.md.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import PartialDate, Report
from eventwire.readers import ReadOptions, read_inputs
from eventwire.records import Certainty
from eventwire.stages.actors import actor_dictionary, actor_name
from eventwire.taxonomy import SUB_EVENT_TYPES, absorbs

from .conftest import SAMPLES

MARCH_10 = PartialDate(2023, 3, 10)


def _code(pipeline, text, language="en", published=MARCH_10):
    coded = pipeline.code(Report("t", text, published, language))
    return coded.events


def _types(events):
    return sorted(e.sub_event_type for e in events)


@pytest.mark.parametrize(
    ("language", "text", "sub_event_type"),
    [
        ("en", "Russian forces shelled Kharkiv on Monday, killing two civilians.", "Shelling/artillery/missile attack"),
        ("en", "Ukrainian air defence shot down a Russian missile over Kyiv on Monday.", "Disrupted weapons use"),
        ("en", "Gunmen attacked a church in Kharkiv on Sunday, killing five worshippers.", "Attack"),
        ("en", "Gunmen attacked a police checkpoint near Kharkiv on Sunday.", "Armed clash"),
        (
            "uk",
            "Російські війська обстріляли Харків у понеділок, загинули двоє людей.",
            "Shelling/artillery/missile attack",
        ),
        ("ru", "В субботу у Бахмута шли бои между российскими войсками и ВСУ.", "Armed clash"),
        ("en", "Ukrainian forces destroyed two Russian assault groups near Bakhmut on Monday.", "Armed clash"),
        ("uk", "Сили оборони знищили 40 окупантів біля Бахмута у понеділок.", "Armed clash"),
        ("ru", "Российские войска уничтожили до 30 военнослужащих ВСУ у Бахмута.", "Armed clash"),
        ("en", "A school in Kharkiv was damaged in a strike on Monday.", "Shelling/artillery/missile attack"),
        ("fr", "Les forces russes ont bombardé Kharkiv lundi, tuant deux civils.", "Shelling/artillery/missile attack"),
        ("fr", "Des hommes armés ont violé plusieurs femmes lundi dans un village près de Kharkiv.", "Sexual violence"),
        ("de", "Russische Truppen griffen ukrainische Stellungen bei Bachmut an.", "Armed clash"),
        ("nl", "Oekraïense troepen trokken maandag Cherson binnen.", "Government regains territory"),
        ("nl", "Oekraïense soldaten vielen Russische stellingen bij Bachmoet aan.", "Armed clash"),
        ("nl", "Russische troepen vielen maandag een dorp bij Charkiv aan.", "Attack"),
        ("nl", "In Odesa ontplofte maandag een bom in een supermarkt.", "Remote explosive/landmine/IED"),
        (
            "pl",
            "W poniedziałek rosyjskie wojska ostrzelały Charków, zginęły dwie osoby.",
            "Shelling/artillery/missile attack",
        ),
        # bases and checkpoints, curfews, leaflets, airspace violations, mobs, burning and wrecking property
        (
            "en",
            "Rebels set up a new checkpoint on the road outside Bunia on Tuesday.",
            "Headquarters or base established",
        ),
        ("en", "A mob lynched two men suspected of witchcraft in a village near Beni.", "Mob violence"),
        ("de", "Die Armee verhängte am Montag eine Ausgangssperre über Goma.", "Change to group/activity"),
        ("de", "Soldaten steckten im Dorf Kalehe mehrere Häuser in Brand.", "Looting/property destruction"),
        ("fr", "Les soldats ont établi une nouvelle base près de Ménaka.", "Headquarters or base established"),
        ("fr", "Des militaires ont largué des tracts sur la ville de Tombouctou.", "Other"),
        ("nl", "Het leger stelde maandag een avondklok in over Goma.", "Change to group/activity"),
        ("nl", "Een opgehitste menigte stenigde een man in een dorp bij Kano.", "Mob violence"),
        ("pl", "Wojsko wprowadziło godzinę policyjną w Gomie.", "Change to group/activity"),
        ("pl", "Bojownicy zdewastowali szkołę i spalili uprawy pod Gomą.", "Looting/property destruction"),
        ("ru", "Военные установили блокпост на въезде в Бунию.", "Headquarters or base established"),
        ("ru", "Разъярённая толпа избила двух мужчин в деревне под Кано.", "Mob violence"),
        ("uk", "Два російські винищувачі порушили повітряний простір Естонії.", "Other"),
        ("uk", "Окупанти облаштували блокпост на в'їзді до Каховки.", "Headquarters or base established"),
    ],
)
def test_each_language_codes_its_event(pipeline, language, text, sub_event_type):
    assert _types(_code(pipeline, text, language)) == [sub_event_type]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Russia will launch more missile strikes on Kharkiv, the governor warned."),
        ("en", "Russia denied that its forces shelled Kharkiv on Monday."),
        ("en", "Russian attacks on power plants cause problems in many places."),
        ("en", "An earthquake killed twelve people in Kharkiv on Monday."),
        ("en", "A man was shot dead in a robbery in Kharkiv on Monday."),
        ("en", "The court issued an arrest warrant for the commander who ordered the shelling of Kharkiv."),
        ("uk", "Росія завдасть нових ракетних ударів по Харкову, попередив губернатор."),
        ("pl", "Międzynarodowy Trybunał Karny wydał nakaz aresztowania w sprawie deportacji dzieci."),
        ("de", "Ein Erdbeben tötete am Montag zwölf Menschen in Charkiw."),
        ("ru", "С космодрома Байконур стартовала ракета-носитель с тремя космонавтами."),
        ("en", "NASA launched its new moon rocket from Florida on Wednesday."),
        ("nl", "Een schipbreuk voor de kust van Odesa kostte maandag twaalf mensen het leven."),
        ("fr", "L'opposition accuse le président de violer la Constitution et les droits des femmes."),
    ],
)
def test_what_is_not_an_event_gives_none(pipeline, language, text):
    assert _code(pipeline, text, language) == ()


@pytest.mark.parametrize(
    ("language", "violated", "agreed"),
    [
        ("en", "The truce near Horlivka was breached again on Sunday.", "The two sides agreed a truce near Horlivka."),
        (
            "fr",
            "Les rebelles ont violé le cessez-le-feu près de Goma.",
            "Les rebelles ont signé un cessez-le-feu à Goma.",
        ),
        (
            "de",
            "Die Waffenruhe bei Donezk wurde erneut gebrochen.",
            "Beide Seiten vereinbarten eine Waffenruhe bei Donezk.",
        ),
        (
            "nl",
            "Het staakt-het-vuren bij Donetsk werd opnieuw geschonden.",
            "Beide partijen sloten een wapenstilstand bij Donetsk.",
        ),
        ("pl", "Rebelianci złamali rozejm pod Gomą.", "Rząd i rebelianci zawarli rozejm pod Gomą."),
        ("ru", "Под Горловкой снова нарушено перемирие.", "Стороны договорились о перемирии под Горловкой."),
        ("uk", "Під Горлівкою знову порушили перемир'я.", "Сторони домовилися про перемир'я під Горлівкою."),
    ],
)
def test_a_violated_ceasefire_is_no_agreement(pipeline, language, violated, agreed):
    assert _types(_code(pipeline, agreed, language)) == ["Agreement"]
    assert _code(pipeline, violated, language) == ()


def test_the_event_that_breaks_a_ceasefire_is_still_coded(pipeline):
    events = _code(pipeline, "Russian forces violated the ceasefire by shelling Kherson overnight.")
    assert _types(events) == ["Shelling/artillery/missile attack"]


def test_a_missile_shot_down_is_disrupted_weapons_use_not_an_attack(pipeline):
    events = _code(pipeline, "Air defence intercepted two Russian missiles over Kyiv on Monday.")
    assert _types(events) == ["Disrupted weapons use"]
    assert absorbs("Disrupted weapons use", "Shelling/artillery/missile attack")


def test_violence_against_civilians_puts_the_target_second(pipeline):
    (event,) = _code(pipeline, "Russian soldiers executed three civilians in Kharkiv on Monday.")
    assert event.sub_event_type == "Attack"
    assert event.actor1.startswith("Military Forces of Russia")
    assert event.actor2 == "Civilians (Ukraine)"
    assert event.inter1 == 8 and event.inter2 == 7 and event.interaction == 78
    assert event.civilian_targeting == "Civilian targeting"


def test_a_strike_without_a_named_actor_is_by_an_unidentified_armed_group(pipeline):
    (event,) = _code(pipeline, "Kharkiv: civilian homes hit by artillery on Monday.")
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1 == "Unidentified Armed Group (Ukraine)"


def test_actor_names_follow_their_period():
    ukraine = actor_dictionary()["military_ukraine"]
    assert actor_name(ukraine, "Ukraine", dt.date(2017, 6, 1)) == "Military Forces of Ukraine (2014-2019)"
    assert actor_name(ukraine, "Ukraine", dt.date(2022, 11, 15)) == "Military Forces of Ukraine (2019-)"
    assert actor_name(ukraine, "Ukraine") == "Military Forces of Ukraine (2019-)"
    civilians = actor_dictionary()["civilians"]
    assert actor_name(civilians, "Georgia", dt.date(2023, 3, 8)) == "Civilians (Georgia)"


def test_an_event_in_2017_names_the_forces_of_that_period(pipeline):
    (event,) = _code(pipeline, "Ukrainian forces shelled Donetsk on Monday.", published=PartialDate(2017, 6, 7))
    assert event.actor1 == "Military Forces of Ukraine (2014-2019)"


def test_fatalities_count_the_dead_not_the_injured(pipeline):
    (event,) = _code(pipeline, "A Russian missile strike on Kharkiv on Monday killed three people and injured twenty.")
    assert event.fatalities == 3
    assert event.evidence["fatalities"][0].text == "three"
    text = "Bij een raketaanval op Odesa raakten vijftien mensen gewond; de aanval eiste het leven van vier mensen."
    (event,) = _code(pipeline, text, "nl")
    assert (event.fatalities, event.evidence["fatalities"][0].text) == (4, "vier")


def test_injuries_and_casualties_alone_count_zero(pipeline):
    (event,) = _code(pipeline, "Russian shelling of Kharkiv on Monday caused casualties; eleven people were injured.")
    assert event.fatalities == 0


def test_the_lowest_figure_wins(pipeline):
    text = (
        "A Russian missile strike hit Kharkiv on Monday. Five people were killed, the governor said. "
        "The mayor said seven people were killed."
    )
    (event,) = _code(pipeline, text)
    assert event.fatalities == 5


def test_vague_counts_take_acled_values(pipeline):
    (event,) = _code(pipeline, "Dozens of people were killed when Russian forces shelled Kharkiv on Monday.")
    assert event.fatalities == 12


def test_partisan_claims_of_enemy_losses_are_not_counted(pipeline):
    text = (
        "Russian forces clashed with Ukrainian troops near Bakhmut on Monday; "
        "Russia claimed 200 Ukrainian soldiers were killed."
    )
    (event,) = _code(pipeline, text)
    assert event.sub_event_type == "Armed clash"
    assert event.fatalities == 0


def test_source_and_certainty_are_coded(pipeline):
    (event,) = _code(
        pipeline, "Russian forces reportedly shelled Kharkiv on Monday, according to the regional governor."
    )
    assert event.source == "the regional governor"
    assert event.certainty == Certainty.ALLEGED
    (claimed,) = _code(
        pipeline, "Російські війська нібито обстріляли Харків у понеділок, за словами Олега Синєгубова.", "uk"
    )
    assert claimed.certainty == Certainty.ALLEGED
    assert "Синєгубова" in claimed.source


def test_an_event_reported_somewhere_is_no_speaker(pipeline):
    """ "Clashes between X and Y reported near Z": the verb reports the event; X and Y fought, they did
    not speak."""
    (event,) = _code(pipeline, "Clashes between Hezbollah fighters and Israeli soldiers reported near Tyre on Monday.")
    assert event.sub_event_type == "Armed clash"
    assert event.actor1 == "Hezbollah" and event.actor2.startswith("Military Forces of Israel")
    assert event.source == ""
    (shelled,) = _code(pipeline, "Russian forces shelled Kharkiv on Monday, the regional governor reported.")
    assert shelled.source == "the regional governor"


def test_one_event_per_type_actors_place_and_day(pipeline):
    text = (
        "Russian forces shelled Kharkiv on Monday. The shelling of Kharkiv continued through the night. "
        "Russian forces also shelled Kherson on Monday."
    )
    events = _code(pipeline, text)
    assert sorted(e.location for e in events) == ["Kharkiv", "Kherson"]


def test_co_occurring_tactics_are_one_event_of_the_higher_type(pipeline):
    text = "A suicide bomber blew himself up at a checkpoint in Kharkiv on Monday; the explosion killed four soldiers."
    events = _code(pipeline, text)
    assert _types(events) == ["Suicide bomb"]


def test_notes_describe_the_event_in_english(pipeline):
    (event,) = _code(pipeline, "Russian forces shelled Kharkiv on Monday, killing two civilians.", "en")
    assert "shelling/artillery/missile attack" in event.notes
    assert "Kharkiv" in event.notes and "2 reported fatalities" in event.notes


def test_every_sub_event_type_is_in_the_taxonomy():
    assert len(SUB_EVENT_TYPES) == 25


def _sample(pipeline, name):
    report = next(read_inputs([str(SAMPLES / name)], ReadOptions()))
    return pipeline.code(report).events


UKRAINIAN_MYKOLAIV = (
    "Четверо цивільних загинули в четвер увечері, коли російська ракета влучила в житловий квартал Миколаєва, "
    "повідомив голова обласної військової адміністрації. Одинадцятеро людей поранено, рятувальники всю ніч "
    "розбирали завали."
)


def test_the_same_event_in_english_and_ukrainian_is_coded_the_same(pipeline):
    (english,) = _sample(pipeline, "en-mykolaiv-strike.txt")
    (ukrainian,) = _code(pipeline, UKRAINIAN_MYKOLAIV, "uk")
    fields = ("sub_event_type", "actor1", "actor2", "location", "event_date", "time_precision", "fatalities")
    assert {f: getattr(english, f) for f in fields} == {f: getattr(ukrainian, f) for f in fields}
    assert ukrainian.evidence["fatalities"][0].text == "Четверо"
    assert ukrainian.source == "голова обласної військової адміністрації"


def test_a_polish_report_is_coded(pipeline):
    text = (
        "W poniedziałek rosyjskie wojska ostrzelały Charków. "
        "Według gubernatora obwodu charkowskiego zginęły dwie osoby, a pięć zostało rannych."
    )
    (event,) = _code(pipeline, text, "pl", PartialDate(2023, 1, 10))
    assert (event.sub_event_type, event.location, event.event_date, event.fatalities) == (
        "Shelling/artillery/missile attack",
        "Kharkiv",
        "2023-01-09",
        2,
    )


def test_a_single_victim_counts_one_and_an_age_is_no_count(pipeline):
    (event,) = _code(pipeline, "Russian shelling hit Kharkiv on Monday; a 9-year-old boy died in hospital.")
    assert event.fatalities == 1
    (woman,) = _code(pipeline, "A woman was killed when Russian forces shelled Kherson on Monday.")
    assert woman.fatalities == 1


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Charkiw: Raketenangriff auf was ein Krankenhaus sein könnte, am Montag."),
        ("fr", "Kharkiv : une frappe de missile sur ce qui pourrait être un hôpital lundi."),
        ("nl", "Charkiv: een raketaanval op wat mogelijk een ziekenhuis is, maandag."),
        ("uk", "Харків: ракетний удар по будівлі, що може бути лікарнею."),
        ("ru", "Харьков: ракетный удар по зданию, что может быть больницей."),
    ],
)
def test_a_hedge_on_what_was_hit_does_not_hedge_the_event(pipeline, language, text):
    assert _types(_code(pipeline, text, language)) == ["Shelling/artillery/missile attack"]


def test_a_hedge_on_the_event_itself_still_blocks_it(pipeline):
    assert _code(pipeline, "Een raketaanval op Charkiv is mogelijk.", "nl") == ()
    assert _code(pipeline, "Une frappe de missile pourrait toucher Kharkiv lundi.", "fr") == ()


@pytest.mark.parametrize(
    ("language", "text", "sub_event_type"),
    [
        ("en", "Militants hurled grenades at an army patrol during clashes near Kidal on Monday.", "Grenade"),
        (
            "de",
            "Bei Gefechten nahe Bachmut beschossen russische Truppen ukrainische Stellungen mit Artillerie.",
            "Shelling/artillery/missile attack",
        ),
        ("en", "Clashes between the army and rebels erupted near Goma on Monday.", "Armed clash"),
    ],
)
def test_a_clash_word_beside_a_weapon_is_the_setting_of_its_use(pipeline, language, text, sub_event_type):
    assert _types(_code(pipeline, text, language)) == [sub_event_type]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Rebels fired shells into the town of Idlib on Monday. Residents said the shells contained chlorine"
            " gas, and dozens of people were treated for breathing problems.",
        ),
        ("fr", "Lundi, l'armée a bombardé la ville d'Idlib. Selon des médecins, les obus contenaient du chlore."),
    ],
)
def test_shells_that_carried_a_chemical_are_its_delivery(pipeline, language, text):
    assert _types(_code(pipeline, text, language)) == ["Chemical weapon"]


def test_a_demonstration_told_twice_takes_the_place_one_telling_names(pipeline):
    text = (
        "Hundreds of people marched through the capital on Friday against the new constitution. "
        '"Hands off our constitution," chanted the protesters in Bamako.'
    )
    events = _code(pipeline, text)
    assert [(e.sub_event_type, e.location, e.geo_precision) for e in events] == [("Peaceful protest", "Bamako", 1)]
    assert [s.text for s in events[0].evidence["location"]] == ["Bamako"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "During a protest against fuel prices in Accra on Monday, demonstrators looted two shops."),
        (
            "de",
            "Bei einer Kundgebung gegen die Regierung in Lyon plünderten Demonstranten am Samstag mehrere Geschäfte.",
        ),
        ("nl", "Tijdens een betoging tegen de regering in Lagos hebben demonstranten dinsdag winkels geplunderd."),
        (
            "fr",
            "Lors d'une manifestation contre la réforme à Marseille, des manifestants ont pillé plusieurs magasins.",
        ),
    ],
)
def test_looting_by_demonstrators_is_a_violent_demonstration(pipeline, language, text):
    assert _types(_code(pipeline, text, language)) == ["Violent demonstration"]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        (
            "Militants attacked an army post near Gao on Sunday and withdrew before reinforcements from the "
            "capital could reach the area.",
            ["Armed clash"],
        ),
        ("Militants could attack army posts near Gao on Sunday, officials fear.", []),
        ("Attacks on army posts near Gao could follow on Sunday.", []),
    ],
)
def test_a_hedge_governs_what_follows_it_and_the_words_just_before(pipeline, text, types):
    assert _types(_code(pipeline, text)) == types


@pytest.mark.parametrize(
    "text",
    [
        "A gunman shot dead a schoolteacher outside a clinic in Acapulco on Monday, local police said.",
        "Gang members killed at least twelve residents in an assault on the town of Mirebalais on Friday.",
    ],
)
def test_one_gunman_or_a_gang_is_an_unidentified_armed_group_attacking_civilians(pipeline, text):
    events = _code(pipeline, text)
    assert [(e.sub_event_type, e.actor1.split(" (")[0], e.inter2) for e in events] == [
        ("Attack", "Unidentified Armed Group", 7)
    ]
