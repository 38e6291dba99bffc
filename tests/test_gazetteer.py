"""The gazetteer built from a tiny GeoNames dump we write, in GeoNames' own column formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.gazetteer import FULL_NAME, Gazetteer, _full_gazetteer, build_from_dumps, skeleton


def _place(gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc, admin1, admin2, population):
    # allCountries.txt: 19 tab-separated columns.
    columns = [gid, name, ascii_name, ",".join(alternates), lat, lon, fclass, fcode, cc, "", admin1, admin2, "", "",
               population, "", "50", "Europe/Kyiv", "2024-01-01"]  # fmt: skip
    return "\t".join(str(c) for c in columns)


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("geonames")
    rows = [
        _place(706448, "Kherson", "Kherson", ["Cherson", "Херсон"], 46.65581, 32.6178, "P", "PPLA", "UA", "08",
               "6510", 279131),
        _place(712260, "Beryslav", "Beryslav", ["Берислав"], 46.84095, 33.42588, "P", "PPLA2", "UA", "08",
               "6502", 12417),
        _place(90000001, "Testove", "Testove", [], 46.9, 33.5, "P", "PPL", "UA", "08", "6502", 0),
        _place(90000002, "Testova River", "Testova River", ["Testova"], 46.7, 33.1, "H", "STM", "UA", "08", "", 0),
        _place(90000003, "Testove Field", "Testove Field", [], 46.8, 33.2, "L", "AREA", "UA", "08", "", 0),
    ]  # fmt: skip
    (folder / "allCountries.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    alternates = [
        "1\t90000001\tuk\tТестове\t1\t\t\t\t\t",
        "2\t90000001\tlink\thttps://example.org/Testove\t\t\t\t\t\t",
        "3\t712260\tru\tБериславль\t\t\t\t1\t\t",
    ]
    (folder / "alternateNamesV2.txt").write_text("\n".join(alternates) + "\n", encoding="utf-8")
    (folder / "admin1CodesASCII.txt").write_text("UA.08\tKherson\tKherson\t706442\n", encoding="utf-8")
    admin2 = "UA.08.6502\tBeryslav Raion\tBeryslav Raion\t712259\nUA.08.6510\tKhersonskyi Raion\tKhersonskyi Raion\t1\n"
    (folder / "admin2Codes.txt").write_text(admin2, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(dump, tmp_path_factory) -> Gazetteer:
    path = tmp_path_factory.mktemp("out") / "gazetteer.sqlite"
    assert build_from_dumps(dump, path) == 4  # the field (class L) is not a place we keep
    return Gazetteer(path)


def test_places_from_the_dump_carry_admin1_and_admin2(built):
    [village] = built.lookup("Testove")
    assert village.place.population == 0  # full dumps keep villages of unknown size
    assert (village.place.admin1, village.place.admin2, village.place.country) == (
        "Kherson",
        "Beryslav Raion",
        "Ukraine",
    )
    assert [c.place.name for c in built.lookup("Тестове")] == ["Testove"]  # from alternateNamesV2
    assert built.lookup("https://example.org/Testove") == []  # links are not names


def test_curated_names_regions_and_districts_are_built_too(built):
    assert [c.place.name for c in built.lookup("Kherson")] == ["Kherson"]
    [region] = built.lookup("Херсонщина")
    assert region.place.kind == "admin1" and abs(region.place.latitude - 46.6558) < 1e-3
    [district] = built.lookup("Beryslav raion")
    assert district.place.kind == "admin2" and district.place.admin2 == "Beryslav Raion"
    assert [c.place.kind for c in built.lookup("Testova River")] == ["feature"]
    assert built.lookup("Testove Field") == []


def test_many_names_at_once_give_what_each_name_gives(built):
    names = ["Kherson", "kherson", "Херсонщина", "Beryslav raion", "Тестове", "Testove Field", "Nowhere", "Kherson"]
    many = built.lookup_many(names)
    assert set(many) == {"Kherson", "kherson", "Херсонщина", "Beryslav raion", "Тестове"}  # names with places only
    assert all(many.get(name, []) == built.lookup(name) for name in names)
    assert built.lookup_many(names, batch=2) == many  # names split over several queries


def test_spelling_variants_meet():
    assert skeleton("Kupyansk") == skeleton("Kupiansk")
    assert skeleton("Hostomel") == skeleton("Gostomel")
    assert skeleton("Starobelsk") == skeleton("Starobilsk")
    assert skeleton("Kharkiv") != skeleton("Kherson")
    assert skeleton("Київ") == ""


def test_variant_lookup(built):
    variants = built.lookup_variant("Testovo")
    assert {c.place.name for c in variants} == {"Testove", "Testova River"} and all(c.variant for c in variants)
    assert built.lookup_variant("Kherson") != [] and built.lookup_variant("Zzyzx") == []


def test_cli_builds_into_the_file_it_is_given(dump, tmp_path):
    out = tmp_path / "full.sqlite"
    result = CliRunner().invoke(main, ["gazetteer", "build", "--geonames-dir", str(dump), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 places" in result.output
    assert [c.place.name for c in Gazetteer(out).lookup("Testove")] == ["Testove"]


def test_cli_refuses_a_folder_without_dumps(tmp_path):
    result = CliRunner().invoke(main, ["gazetteer", "build", "--geonames-dir", str(tmp_path)])
    assert result.exit_code == 2 and "allCountries.txt" in result.output


def test_a_full_build_in_the_cache_is_used_and_kept_current(dump, tmp_path, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_GAZETTEER", raising=False)
    assert _full_gazetteer(tmp_path) is None
    path = tmp_path / FULL_NAME
    build_from_dumps(dump, path)
    assert _full_gazetteer(tmp_path) == path
    Gazetteer(path).conn.execute("SELECT 1")
    import sqlite3

    with sqlite3.connect(path) as conn:  # as if our curated data had changed since the build
        conn.execute("UPDATE meta SET value='old' WHERE key='curated_key'")
    assert _full_gazetteer(tmp_path) == path  # rebuilt from the dumps it records
    assert Gazetteer(path).meta("curated_key") != "old"
