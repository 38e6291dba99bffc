"""Choosing among namesakes and rejecting look-alikes, on sentences we wrote, with the real gazetteer."""

from __future__ import annotations

import pytest

from eventwire.stages.places import find_place_mentions
from eventwire.stages.places.features import ScoreWeights, load_score_weights, use_score_weights


def _chosen(text: str, language: str = "en") -> list[tuple[str, str, str]]:
    """(evidence, name, admin1) of each place mention."""
    mentions, _ = find_place_mentions(text, language)
    return [(m.span.text, m.place.name, m.place.admin1) for m in mentions]


def test_a_label_is_a_place_even_with_a_space_or_comma_before_its_colon():
    assert _chosen("Okhtyrka : a school was hit.") == [("Okhtyrka", "Okhtyrka", "Sumy")]
    assert _chosen("Okhtyrka,: a school was hit.") == [("Okhtyrka", "Okhtyrka", "Sumy")]


def test_the_name_opening_a_label_is_a_place():
    # A Title Case label: every word is capitalised, so only the label says "Vorzel" is a place.
    assert _chosen("Vorzel, Bucha district: Houses Burned.") == [("Vorzel, Bucha", "Vorzel", "Kyiv")]


def test_a_district_beside_a_city_is_part_of_that_city():
    # Kyiv has a Shevchenkivskyi district too; the city after the comma says which is meant.
    mentions, _ = find_place_mentions("Shevchenkivskyi district, Kharkiv: a school was hit.", "en")
    assert [(m.place.name, m.place.admin1) for m in mentions] == [("Kharkiv", "Kharkiv")]
    assert mentions[0].span.text == "Shevchenkivskyi district, Kharkiv"


def test_the_theatre_breaks_ties_where_the_text_names_no_country():
    assert [iso for iso in _isos("A fire broke out in Zelenodolsk on Monday.")] == ["UA"]
    assert _isos("Houses burned in Dachnoye overnight.") == ["UA"]  # Russian spelling of Ukraine's Dachne


def test_a_country_the_text_names_outweighs_the_theatre():
    assert _isos("Police in Russia said a fire broke out in Zelenodolsk.") == ["RU"]


def _isos(text: str) -> list[str]:
    mentions, _ = find_place_mentions(text, "en")
    return [m.place.iso for m in mentions]


def test_a_title_before_a_name_makes_it_a_person():
    assert [name for _, name, _ in _chosen("Shells fell in Zhuravka and in Kherson.")] == ["Zhuravka", "Kherson"]
    assert [name for _, name, _ in _chosen("Officials said deputy Zhuravka was wounded in Kherson.")] == ["Kherson"]


def test_a_foreign_namesake_far_from_the_places_given_is_dropped():
    assert _isos("Shelling damaged the Agra Holdings office.") == ["IN"]  # nothing else to go by
    assert _isos("Kramatorsk: shelling damaged the Agra Holdings office.") == ["UA"]
    assert _isos("Kramatorsk: an envoy spoke in Agra.") == ["UA", "IN"]  # given as a place: kept


def test_a_village_named_in_passing_far_from_the_places_given_is_a_namesake():
    # Peremoha ("Victory") is a village near Kyiv and a common name of cinemas and streets.
    assert _isos("Kyiv: shells hit Peremoha.") == ["UA", "UA"]
    assert [name for _, name, _ in _chosen("Bakhmut: the Peremoha cinema was hit.")] == ["Bakhmut"]


def test_a_river_is_no_settlement():
    assert [name for _, name, _ in _chosen("Chernihiv: the bridge over the Desna river collapsed.")] == ["Chernihiv"]
    assert [name for _, name, _ in _chosen("A missile hit the Kherson river port.")] == ["Kherson"]


def test_namesakes_near_a_place_the_text_gives_are_preferred():
    assert _chosen("Shelling hit Kamyanka, near Mykolaiv.")[0][1:] == ("Kamyanka", "Mykolaiv")
    assert _chosen("Shelling hit Kamyanka, near Odesa.")[0][1:] == ("Kamyanka", "Odesa")


def test_a_country_is_a_country_though_towns_share_its_name():
    mentions, countries = find_place_mentions("Venezuela expelled the ambassador.", "en")
    assert mentions == [] and countries == ["VE"]


def test_possessives_are_looked_up_without_their_ending():
    mentions, countries = find_place_mentions("Russia's army shelled Kharkiv's suburbs.", "en")
    assert countries == ["RU"]
    assert [(m.span.text, m.place.name) for m in mentions] == [("Kharkiv's", "Kharkiv")]


def test_words_of_institutions_are_not_places():
    assert _chosen("The College: a strike damaged it.") == []
    assert [name for _, name, _ in _chosen("Rockets hit a College in Irpin.")] == ["Irpin"]


def test_a_long_name_in_a_title_case_headline_is_found_by_its_spelling():
    # Starobilsk, in its Russian spelling; every word is capitalised, so the capital says nothing.
    names = [name for _, name, _ in _chosen("Shelling Of Starobelsk Kills Two, Officials Of The LPR Say")]
    assert names == ["Starobilsk", "Luhansk"]


def test_a_landmark_of_four_words_is_found_whole():
    mentions, _ = find_place_mentions("Enerhodar: the Zaporizhzhia nuclear power plant was shelled.", "en")
    assert [(m.span.text, m.place.kind) for m in mentions][-1] == ("Zaporizhzhia nuclear power plant", "feature")


def test_a_name_made_only_of_common_words_is_no_place_unless_curated():
    assert _chosen("Mykolaiv: graves were damaged in the Central City Cemetery.") == [
        ("Mykolaiv", "Mykolaiv", "Mykolaiv")
    ]
    assert [name for _, name, _ in _chosen("Protesters gathered on Independence Square in Kyiv.")] == [
        "Maidan Nezalezhnosti, Kyiv",
        "Kyiv",
    ]


def test_a_town_beside_a_capital_city_lies_in_the_region_that_city_heads():
    # Kyiv is a region of its own in GeoNames; "Bucha, Kyiv" is the Bucha of the oblast around it.
    assert _chosen("Bucha, Kyiv: houses were damaged.") == [("Bucha, Kyiv", "Bucha", "Kyiv")]
    assert _chosen("Irpin, Kyiv vicinity: a strike on a residential area.")[0][:2] == ("Irpin, Kyiv", "Irpin")


def test_a_capital_named_as_where_a_town_lies_is_its_region():
    # "a small town in Donetsk" is in Donetsk oblast, not in the city of Donetsk
    assert [(n, kind) for _, n, kind in _kinds("Supermarket destroyed in a small town in Donetsk.")] == [
        ("Donetsk", "admin1")
    ]
    assert [(n, kind) for _, n, kind in _kinds("Een dorp in Charkiv werd beschoten.", "nl")] == [("Kharkiv", "admin1")]
    # a town that heads no region stands for itself, and a capital named alone is the city
    assert [kind for _, _, kind in _kinds("A village in Bakhmut was shelled.")] == ["city"]
    assert [kind for _, _, kind in _kinds("Supermarket destroyed in Donetsk.")] == ["city"]


def _kinds(text: str, language: str = "en") -> list[tuple[str, str, str]]:
    mentions, _ = find_place_mentions(text, language)
    return [(m.span.text, m.place.name, m.place.kind) for m in mentions]


def test_a_label_spelt_another_way_is_the_theatres_town_when_nothing_points_elsewhere():
    # "Schastya" looks like towns in Italy, Spain and Ukraine alike; a label names a place, and with no
    # other country in view the theatre's one is meant
    assert _chosen("Schastya: shelling of a residential area.") == [("Schastya", "Shchastya", "Luhansk")]
    # the same spelling in passing, with nothing to say it is a place, stays unread
    assert _chosen("The Schastya group said so.") == []


def test_a_towns_adjective_before_a_direction_word_is_near_that_town():
    cases = [
        ("uk", "Бої тривають на Бахмутському напрямку.", "Bakhmut"),
        ("uk", "На Покровському напрямку ворог наступав.", "Pokrovsk"),
        ("uk", "На Авдіївському напрямку ворог наступав.", "Avdiivka"),
        ("ru", "На Купянском направлении противник атаковал.", "Kupiansk"),
        ("ru", "Противник наступал на Авдеевском и Марьинском направлениях.", "Marinka"),
        ("en", "Fighting continues in the Svatovsky direction.", "Svatove"),
    ]
    for language, text, town in cases:
        mentions, _ = find_place_mentions(text, language)
        assert [(m.place.name, m.near) for m in mentions] == [(town, True)], text
    # the same adjectives elsewhere name no town ("Украинский военный": no Ukrainsk)
    mentions, _ = find_place_mentions("Украинский военный погиб под Бахмутом.", "ru")
    assert [m.place.name for m in mentions] == ["Bakhmut"]
    assert find_place_mentions("Харківський губернатор заявив про обстріл.", "uk")[0] == []


def test_countries_are_named_in_every_language():
    # CLDR's names: a country the text names sets its focus, in any of the languages
    cases = [
        ("ru", "Президент Перу отстранён от власти.", ["PE"]),
        ("fr", "Le président du Pérou a été destitué.", ["PE"]),
        ("ru", "В Бразилии сторонники бывшего президента ворвались в здания.", ["BR"]),
        ("de", "In Frankreich wurde demonstriert.", ["FR"]),
        ("nl", "In Frankrijk werd gedemonstreerd.", ["FR"]),
        ("pl", "W Niemczech aresztowano 25 osób.", ["DE"]),
        ("uk", "Прем'єр-міністра Пакистану поранено.", ["PK"]),
    ]
    for language, text, countries in cases:
        mentions, named = find_place_mentions(text, language)
        assert (mentions, named) == ([], countries), text
    # a common word spelt like a country is no country ("Того же дня": the same day, not Togo)
    assert find_place_mentions("Того же дня в Харькове прогремели взрывы.", "ru")[1] == []


def test_nationality_words_are_no_places():
    # spelt like small towns abroad ("Turkish" ~ Durusu), they would pull the report there
    mentions, _ = find_place_mentions("Two suicide bombers blew themselves up in the Turkish capital Ankara.", "en")
    assert [(m.place.name, m.place.iso) for m in mentions] == [("Ankara", "TR")]
    assert find_place_mentions("The Arabian peninsula and the Peruvian police.", "en")[0] == []


def test_the_score_weights_file_loads_and_says_what_is_wrong(tmp_path):
    weights = load_score_weights()
    assert set(ScoreWeights.model_fields) == set(weights.model_dump())
    bad = tmp_path / "weights.yaml"
    bad.write_text("weights:\n  curated: 3.0\n  colour: 1.0\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"weights\.yaml: not a file of place score weights"):
        load_score_weights(bad)


def test_the_population_weight_prefers_the_bigger_namesake():
    weights = load_score_weights()
    assert _chosen("Fighting near Mykolaivka.")[0][1:] == ("Mykolaivka", "Donetsk")  # about 14,000 people
    try:
        use_score_weights(weights.model_copy(update={"population": -0.5}))
        assert _chosen("Fighting near Mykolaivka.")[0][2] != "Donetsk"
    finally:
        use_score_weights(weights)
