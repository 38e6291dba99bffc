"""The places stage on sentences we wrote, with the real embedded gazetteer."""

from __future__ import annotations

import pytest

from eventwire.stages.places import find_place_mentions


def _places(text: str, language: str) -> list[tuple[str, str, str]]:
    mentions, _ = find_place_mentions(text, language)
    return [(m.span.text, m.place.name, m.place.kind) for m in mentions]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("uk", "Вибухи пролунали у Миколаєві та у Краматорську.", ["Mykolaiv", "Kramatorsk"]),
        ("uk", "Бої тривають під Бахмутом, біля Ізюма.", ["Bakhmut", "Izium"]),
        ("ru", "Взрывы прогремели в Херсоне и в Краматорске.", ["Kherson", "Kramatorsk"]),
        ("de", "Raketen schlugen in Charkiw ein; im Zentrum Kiews gab es Alarm.", ["Kharkiv", "Kyiv"]),
        ("nl", "Het leger trok Cherson binnen en beschoot Mykolajiv.", ["Kherson", "Mykolaiv"]),
        ("fr", "Des frappes ont touché Bakhmout, près de Kramatorsk.", ["Bakhmut", "Kramatorsk"]),
    ],
)
def test_inflected_and_exonym_forms_are_found(language, text, expected):
    assert [name for _, name, _ in _places(text, language)] == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "the Kherson region"),
        ("en", "in Kherson Oblast"),
        ("nl", "in de oblast Cherson"),
        ("de", "im Gebiet Cherson"),
        ("fr", "dans la région de Kherson"),
        ("uk", "на Херсонщині"),
        ("uk", "у Херсонській області"),
        ("ru", "в Херсонской области"),
    ],
)
def test_region_names_in_six_languages_give_the_region(language, text):
    mentions, _ = find_place_mentions(text, language)
    assert [(m.place.kind, m.place.admin1) for m in mentions] == [("admin1", "Kherson")]
    region = mentions[0].place
    assert abs(region.latitude - 46.64) < 0.05  # coded to its capital


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Er waren meer dan een dozijn explosies."),
        ("en", "Mobile phones were on sale. Nice weather. Reading the news is hard."),
    ],
)
def test_common_words_are_not_places(language, text):
    assert _places(text, language) == []


def test_a_region_beside_a_name_chooses_and_joins_it():
    mentions, _ = find_place_mentions("Shelling hit Kupiansk, Kharkiv oblast, overnight.", "en")
    assert len(mentions) == 1
    assert mentions[0].place.name == "Kupiansk" and mentions[0].place.admin1 == "Kharkiv"
    assert mentions[0].span.text == "Kupiansk, Kharkiv oblast"


def test_a_part_of_a_city_is_looked_for_in_that_citys_region():
    mentions, _ = find_place_mentions("Podilskyi, Kyiv: a residential building was hit.", "en")
    assert len(mentions) == 1
    assert mentions[0].place.admin1 == "Kyiv City" and mentions[0].span.text == "Podilskyi, Kyiv"


def test_an_unknown_name_beside_a_city_gives_the_city():
    mentions, _ = find_place_mentions("Qwertyuiop, Kharkiv: a school was hit.", "en")
    assert [m.place.name for m in mentions] == ["Kharkiv"]


def test_a_list_of_cities_is_not_a_qualifier():
    names = [name for _, name, _ in _places("Explosions in Kherson, Mykolaiv and Odesa.", "en")]
    assert names == ["Kherson", "Mykolaiv", "Odesa"]


def test_near_is_marked():
    mentions, _ = find_place_mentions("Fighting continued near Izium and in Kramatorsk.", "en")
    assert [(m.place.name, m.near) for m in mentions] == [("Izium", True), ("Kramatorsk", False)]


def test_districts_name_admin2():
    mentions, _ = find_place_mentions("Russian forces shelled the Beryslav raion and Beryslav.", "en")
    assert [(m.place.kind, m.place.admin2) for m in mentions] == [
        ("admin2", "Beryslav Raion"),
        ("city", "Beryslav Raion"),
    ]


def test_spelling_variants_are_found_in_the_reports_country():
    mentions, _ = find_place_mentions("Ukraine says shelling hit Starobelsk overnight.", "en")
    assert [m.place.name for m in mentions] == ["Starobilsk"]


def test_a_convention_named_after_a_city_is_no_place():
    assert _places("Both sides broke the Geneva Conventions, the ministry said.", "en") == []
    assert _places("Dat is in strijd met de Conventie van Genève.", "nl") == []


def test_a_country_alone_is_context_not_a_location():
    mentions, countries = find_place_mentions("Russia and Ukraine exchanged prisoners.", "en")
    assert mentions == [] and countries == ["RU", "UA"]


def test_the_reports_country_chooses_between_namesakes():
    # Several countries have a place called Lyman; the text's other places point at Ukraine's.
    mentions, _ = find_place_mentions("After Izium and Kupiansk, the army entered Lyman.", "en")
    assert {m.place.iso for m in mentions} == {"UA"}


def test_landmarks_and_waters():
    names = [name for _, name, _ in _places("Troops crossed the Dnipro River near the Kakhovka Dam.", "en")]
    assert names == ["Dnipro River", "Kakhovka Dam"]
    assert [name for _, name, _ in _places("Шторм у Чорному морі.", "uk")] == ["Black Sea"]


def test_acronyms_are_not_places():
    assert _places("TASS reported that PER rose.", "en") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rakiety spadły w Charkowie i w Chersoniu.", [("Charkowie", "Kharkiv"), ("Chersoniu", "Kherson")]),
        ("Ciężkie walki trwają pod Bachmutem.", [("Bachmutem", "Bakhmut")]),
        (
            "Mieszkańcy Mikołajowa i Zaporoża zostali bez prądu.",
            [("Mikołajowa", "Mykolaiv"), ("Zaporoża", "Zaporizhzhia")],
        ),
        (
            "W Kramatorsku i Siewierodoniecku słychać było wybuchy.",
            [("Kramatorsku", "Kramatorsk"), ("Siewierodoniecku", "Sievierodonetsk")],
        ),
        ("Wojska ostrzelały Odessę oraz okolice Awdijiwki.", [("Odessę", "Odesa"), ("Awdijiwki", "Avdiivka")]),
    ],
)
def test_polish_inflected_names_are_found(text, expected):
    assert [(span, name) for span, name, _ in _places(text, "pl")] == expected


@pytest.mark.parametrize(
    ("text", "span", "admin1"),
    [
        ("Ostrzelano wieś w obwodzie donieckim.", "obwodzie donieckim", "Donetsk"),
        ("Sytuacja na Donbasie pozostaje trudna.", "Donbasie", "Donetsk"),
        ("Gubernator obwodu chersońskiego poinformował o ostrzale.", "obwodu chersońskiego", "Kherson"),
        ("Obwód zaporoski znów był celem ataków.", "Obwód zaporoski", "Zaporizhzhia"),
    ],
)
def test_polish_region_names_in_lower_case_give_the_region(text, span, admin1):
    mentions, _ = find_place_mentions(text, "pl")
    assert [(m.span.text, m.place.kind, m.place.admin1) for m in mentions] == [(span, "admin1", admin1)]


def test_polish_pod_marks_a_place_as_near():
    mentions, _ = find_place_mentions("Walki toczą się pod Bachmutem, a w Kramatorsku ogłoszono alarm.", "pl")
    assert [(m.place.name, m.near) for m in mentions] == [("Bakhmut", True), ("Kramatorsk", False)]


def test_lower_case_region_names_count_only_where_the_language_writes_them_so():
    # Dutch capitalises "Cherson", so "oblast" opens no name there; Polish writes "donieckim" in lower case.
    assert _places("de troepen in de oblast cherson", "nl") == []
    assert _places("de troepen in de oblast Cherson", "nl") == [("de oblast Cherson", "Kherson", "admin1")]


@pytest.mark.parametrize(
    ("language", "text", "admin1"),
    [
        ("en", "Fighting spread across Rakhine overnight.", "Rakhine"),
        ("en", "Gunmen attacked a village in Zamfara State.", "Zamfara"),
        ("en", "Jihadists attacked a base in Borno, officials said.", "Borno"),
        ("fr", "Des jihadistes ont attaqué un camp dans l'État du Borno.", "Borno"),
        ("pl", "Bojownicy zaatakowali wioskę w stanie Borno.", "Borno"),
        ("en", "Troops fought militants in the Lower Shabelle region.", "Lower Shabeelle"),  # GeoNames' spelling
    ],
)
def test_regions_outside_the_theatre_are_found_bare_with_their_kind_or_spelt_otherwise(language, text, admin1):
    mentions, _ = find_place_mentions(text, language)
    assert [(m.place.kind, m.place.admin1) for m in mentions] == [("admin1", admin1)]


def test_a_region_named_only_by_generic_words_needs_its_region_word():
    assert _places("Est and Centre were words in the text.", "en") == []  # Burkina Faso's "Est", "Centre" regions


def test_a_big_city_named_as_written_is_not_read_as_a_spelling_variant():
    assert [name for _, name, _ in _places("Protesters clashed with police in Karachi on Friday.", "en")] == ["Karachi"]


def test_a_country_spelt_like_a_region_elsewhere_is_still_the_country():
    mentions, countries = find_place_mentions("They had fought in Syria and Libya before.", "en")
    assert mentions == [] and countries == ["SY", "LY"]


@pytest.mark.parametrize(("language", "text"), [("pl", "Mjanma: walki trwają."), ("ru", "Мьянма: бои продолжаются.")])
def test_a_country_whose_name_gives_an_alternative_in_brackets_is_known_by_each(language, text):
    mentions, countries = find_place_mentions(text, language)  # CLDR: "Mjanma (Birma)", "Мьянма (Бирма)"
    assert mentions == [] and countries == ["MM"]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ru", "Южный Судан: столкновения произошли в штате Джонглей на востоке страны.", "Jonglei"),
        ("uk", "Бойовики атакували табір біля міста Ель-Генейна.", "Al-Junaynah"),
        ("ru", "Ночью в Эль-Генейне снова стреляли.", "Al-Junaynah"),
    ],
)
def test_a_foreign_place_named_in_cyrillic_meets_its_latin_name(language, text, expected):
    assert expected in [name for _, name, _ in _places(text, language)]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("uk", "Удар по Слов'янську зруйнував кілька будинків."),
        ("uk", "Мешканців Слов'янська евакуюють."),
        ("ru", "Обстрел Славянска продолжался всю ночь."),
    ],
)
def test_a_name_that_is_one_towns_own_and_anothers_former_gives_the_first(language, text):
    """GeoNames keeps "Слов'янськ" as a former name of Nikopol too, of about the same population."""
    assert [name for _, name, _ in _places(text, language)] == ["Sloviansk"]
