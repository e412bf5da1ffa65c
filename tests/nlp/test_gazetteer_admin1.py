"""The shipped gazetteer puts first-order admin areas (states, provinces) near their conventional centres.

Reference points are the areas' usual centre coordinates as GeoNames and Wikipedia give them (or a national
mapping agency's geographic centre where noted), rounded; they were not taken from the gazetteer's sources.
161 km (100 miles) is the usual tolerance of place-coordinate accuracy scores.
"""
from __future__ import annotations

import math

import pytest

from wirewatch.nlp.gazetteer import KIND_ABBREV, KIND_ALT, KIND_CODE, KIND_NAME, Gazetteer

TOLERANCE_KM = 161


@pytest.fixture(scope="module")
def gazetteer():
    gaz = Gazetteer()
    yield gaz
    gaz.close()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    h = math.sin((lat2 - lat1) * p / 2) ** 2 + \
        math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _admin1(gazetteer: Gazetteer, name: str, country: str):
    found = [c for c in gazetteer.lookup(name) if c.feature == "ADM1" and c.country == country]
    assert found, f"{name} ({country}) is not an admin-1 area in the gazetteer"
    return found[0]


@pytest.mark.parametrize(("name", "country", "lat", "lon"), [
    ("Alaska", "US", 64.0, -150.0),
    ("Texas", "US", 31.25, -99.25),
    ("New York", "US", 43.0, -75.5),  # the state, not the city the source of some points gives
    ("Ontario", "CA", 50.0, -85.0),
    ("Saskatchewan", "CA", 55.0, -106.0),
    ("Manitoba", "CA", 55.0, -97.0),
    ("Alberta", "CA", 55.0, -115.0),
    ("Queensland", "AU", -22.49, 144.43),  # Geoscience Australia's centre, near Muttaburra
    ("New South Wales", "AU", -32.16, 147.02),  # near Tottenham, NSW
    ("Western Australia", "AU", -25.0, 122.0),
    ("England", "GB", 52.56, -1.46),  # Ordnance Survey's centre, Lindley Hall Farm
    ("Balochistan", "PK", 28.5, 65.5),
    ("Punjab", "PK", 31.0, 72.5),
    ("Borno", "NG", 11.5, 13.0),
    ("Niger", "NG", 10.0, 6.0),
    ("Minas Gerais", "BR", -18.5, -44.5),
    ("Sao Paulo", "BR", -22.0, -49.0),  # the state, not the city
    ("Rajasthan", "IN", 27.0, 74.0),
])
def test_a_large_admin1_area_sits_near_its_conventional_centre(gazetteer, name, country, lat, lon):
    area = _admin1(gazetteer, name, country)
    distance = _km(area.lat, area.lon, lat, lon)
    assert distance <= TOLERANCE_KM, f"{area.name} at {area.lat}, {area.lon}: {distance:.0f} km from {lat}, {lon}"


def test_a_vast_state_is_not_placed_at_its_capital(gazetteer):
    # Amazonas (Brazil) spans some 1,500 km; Manaus lies near its eastern edge.
    amazonas = _admin1(gazetteer, "Amazonas", "BR")
    assert _km(amazonas.lat, amazonas.lon, -3.10, -60.02) > 250


@pytest.mark.parametrize(("alias", "country"), [
    ("Saladin", "IQ"),  # Salah ad-Din governorate
    ("Central Denmark", "DK"),  # Midtjylland
    ("Thuringia", "DE"),
])
def test_an_english_name_of_an_admin1_area_finds_it(gazetteer, alias, country):
    _admin1(gazetteer, alias, country)


@pytest.mark.parametrize(("form", "area", "country"), [
    ("NSW", "New South Wales", "AU"), ("N.S.W.", "New South Wales", "AU"), ("Qld", "Queensland", "AU"),
    ("Vic.", "Victoria", "AU"), ("Tas", "Tasmania", "AU"), ("Tas.", "Tasmania", "AU"),
    ("B.C.", "British Columbia", "CA"), ("Alta.", "Alberta", "CA"), ("Sask.", "Saskatchewan", "CA"),
    ("Man.", "Manitoba", "CA"), ("Ont.", "Ontario", "CA"), ("Que.", "Quebec", "CA"), ("N.S.", "Nova Scotia", "CA"),
    ("N.B.", "New Brunswick", "CA"), ("P.E.I.", "Prince Edward Island", "CA"), ("PEI", "Prince Edward Island", "CA"),
    ("Nfld.", "Newfoundland and Labrador", "CA"), ("N.L.", "Newfoundland and Labrador", "CA"),
    ("N.W.T.", "Northwest Territories", "CA"), ("KZN", "Kwazulu-Natal", "ZA"),
])
def test_a_regional_abbreviation_names_its_admin1_area(gazetteer, form, area, country):
    found = _admin1(gazetteer, form, country)
    assert (found.name, found.kind) == (area, KIND_ABBREV)


@pytest.mark.parametrize(("form", "area", "country"), [
    ("ACT", "Australian Capital Territory", "AU"),  # also a GeoNames alias (KIND_ALT)
    ("FCT", "Abuja Federal Capital Territory", "NG"),
])
def test_an_abbreviation_the_sources_give_as_an_alias_stays_an_alias(gazetteer, form, area, country):
    found = _admin1(gazetteer, form, country)
    assert (found.name, found.kind) == (area, KIND_ALT)


@pytest.mark.parametrize(("code", "area", "country"), [
    ("WA", "Western Australia", "AU"), ("SA", "South Australia", "AU"), ("NT", "Northern Territory", "AU"),
    ("BC", "British Columbia", "CA"), ("AB", "Alberta", "CA"), ("SK", "Saskatchewan", "CA"), ("MB", "Manitoba", "CA"),
    ("ON", "Ontario", "CA"), ("QC", "Quebec", "CA"), ("NS", "Nova Scotia", "CA"), ("NB", "New Brunswick", "CA"),
    ("PE", "Prince Edward Island", "CA"), ("NL", "Newfoundland and Labrador", "CA"), ("YT", "Yukon", "CA"),
    ("NT", "Northwest Territories", "CA"), ("NU", "Nunavut", "CA"),
    ("UP", "Uttar Pradesh", "IN"), ("MP", "Madhya Pradesh", "IN"), ("J&K", "Jammu and Kashmīr", "IN"),
    ("HP", "Himāchal Pradesh", "IN"), ("AP", "Andhra Pradesh", "IN"),
    ("EC", "Eastern Cape", "ZA"), ("WC", "Western Cape", "ZA"), ("GP", "Gauteng", "ZA"), ("MP", "Mpumalanga", "ZA"),
])
def test_a_bare_regional_code_is_a_code(gazetteer, code, area, country):
    found = _admin1(gazetteer, code, country)
    assert (found.name, found.kind) == (area, KIND_CODE)


def test_a_shared_code_names_every_area_that_has_it(gazetteer):
    assert {(c.country, c.name) for c in gazetteer.lookup("WA") if c.feature == "ADM1"} == \
        {("US", "Washington"), ("AU", "Western Australia")}
    assert [c.kind for c in gazetteer.lookup("WA") if c.feature == "ADM1"] == [KIND_CODE, KIND_CODE]


def test_congo_names_both_congos_the_democratic_republic_first(gazetteer):
    # AP style: "Congo" is the Democratic Republic; the other is "Republic of Congo".
    countries = [(c.country, c.kind) for c in gazetteer.lookup("Congo") if c.is_country]
    assert countries == [("CD", KIND_NAME), ("CG", KIND_NAME)]
    assert [c.country for c in gazetteer.lookup("Republic of Congo") if c.is_country] == ["CG"]
    assert [c.country for c in gazetteer.lookup("the DRC") if c.is_country] == ["CD"]


@pytest.mark.parametrize(("name", "country"), [
    ("Bosnia", "BA"), ("St. Kitts", "KN"), ("St Kitts", "KN"), ("Holland", "NL"), ("the Netherlands", "NL"),
    ("Czechia", "CZ"), ("the Gambia", "GM"), ("East Timor", "TL"), ("Timor-Leste", "TL"), ("Ivory Coast", "CI"),
    ("Cape Verde", "CV"), ("Burma", "MM"), ("Swaziland", "SZ"), ("Macedonia", "MK"), ("the Vatican", "VA"),
    ("South Korea", "KR"), ("North Korea", "KP"), ("the UAE", "AE"), ("Palestine", "PS"), ("Britain", "GB"),
    ("Laos", "LA"), ("Micronesia", "FM"), ("Brunei", "BN"), ("St. Lucia", "LC"),
])
def test_a_short_form_of_a_country_finds_it(gazetteer, name, country):
    assert [c.country for c in gazetteer.lookup(name) if c.is_country][:1] == [country]


@pytest.mark.parametrize(("name", "country"), [
    ("Inner Mongolia", "CN"),  # GeoNames: Nei Mongol Zizhiqu
    ("Andalusia", "ES"),  # Andalucía
    ("Middle Shebelle", "SO"),  # Shabeellaha Dhexe
    ("Hunan", "CN"),  # Hunan Sheng
])
def test_an_admin1_area_goes_by_its_english_name(gazetteer, name, country):
    assert _admin1(gazetteer, name, country).name == name


def test_an_english_name_a_bigger_place_bears_is_no_display_name(gazetteer):
    # "Moscow" is the city; Moscow Oblast keeps its own name.
    areas = [c for c in gazetteer.lookup("Moscow") if c.feature == "ADM1" and c.population < 10_000_000]
    assert areas and all(c.name != "Moscow" for c in areas)


def test_a_name_without_its_type_word_is_no_display_name(gazetteer):
    # countrystatecity's "Sumska" is "Sumska oblast" without "oblast": an adjective, not the area's name.
    assert _admin1(gazetteer, "Sumska oblast", "UA").name.lower().endswith("oblast")
