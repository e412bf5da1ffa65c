"""The shipped gazetteer puts first-order admin areas (states, provinces) near their conventional centres.

Reference points are the areas' usual centre coordinates as GeoNames and Wikipedia give them (or a national
mapping agency's geographic centre where noted), rounded; they were not taken from the gazetteer's sources.
161 km (100 miles) is the usual tolerance of place-coordinate accuracy scores.
"""
from __future__ import annotations

import math

import pytest

from wirewatch.nlp.gazetteer import Gazetteer

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
