"""Places in team-written news fixtures, scored like ``score_places`` (named, and within 161 km).

Each fixture holds short articles written for these tests (none copied from an article), one JSON object a line:
``id``, ``text`` and gold ``places`` (name, aliases as written, lat, lon, country; ``optional`` golds, as in the
shared scorer, are neither required nor counted against an output that names them).

- ``local_us_places.jsonl``: local US papers and wire copy: AP state abbreviations ("Ill.", "N.H."), datelines
  ("SALEM, Ore. —"), "City, State" pairs, counties, towns with namesakes in other states (Springfield, Columbus,
  Paris) that only the article's state settles. Gold coordinates are the packaged gazetteer's entries for the
  intended places (Idaho, whose point has moved since, its geographic centre).
- ``local_us_places_2.jsonl``: a second local US set in the style of small and mid-size papers in 28 states
  (bare town names, "Town, State", datelines, counties, townships, regions such as "the Palouse", sports teams
  named for their towns), with gold as for the world set.
- ``world_news_places.jsonl``: international wire and Wikinews style on every continent: conflicts, disasters,
  outbreaks; datelines, provinces, capitals standing for governments, regions, islands, rivers. Gold coordinates
  are the places' conventional centres as the writer knew them, not the gazetteer's.
- ``web_news_places.jsonl``: regional and local web news from 13 English-speaking countries (India, Pakistan,
  Nigeria, Kenya, South Africa, the Philippines, Malaysia, the UK, Ireland, Canada, Australia, New Zealand, the
  US): bare local town names, districts, suburbs, regional abbreviations ("Qld", "B.C."), colon datelines
  ("HYDERABAD:"), namesakes (Perth, London Ont., Hyderabad). Gold as for the world set.
"""
from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path

import pytest

import wirewatch.nlp.places  # noqa: F401  registers the factory
from wirewatch.resolve.places import places_from_doc

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TOLERANCE_KM = 161
# Named and within 161 km, micro-averaged. Local US: 0.87 before the local-news rules, 1.00 after (they were written
# against it). World and web news were measured once before any rule was changed for them (0.865 and 0.789: the
# held-out estimates; targets 0.85 for world and 0.70 for local news), then 0.89 and 0.83 after the general fixes
# their misses led to. A second local US set, written at the end of that work, scored 0.846 before any change for
# it. The floors leave room for model differences.
F1_FLOORS = {"local_us_places.jsonl": 0.90, "local_us_places_2.jsonl": 0.80, "world_news_places.jsonl": 0.85,
             "web_news_places.jsonl": 0.78}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = (map(math.radians, a)), (map(math.radians, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def score_article(gold: list[dict], out: list[dict]) -> tuple[int, int, int, list[str]]:
    """Greedy one-to-one matching: a gold place is found by an output place that bears one of its names (as its
    name or a mention's text) and lies within the tolerance (any place, for an optional gold).

    Returns: places found, gold places required, output places counted, names missed.
    """
    used: set[int] = set()
    found, missed = 0, []
    for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
        names = {_norm(n) for n in [g["name"], *g["aliases"]]}
        hit = None
        for i, o in enumerate(out):
            said = {_norm(o["name"])} | {_norm(m["text"]) for m in o["mentions"]}
            if i not in used and names & said and (g.get("optional") or o.get("lat") is not None and
                                                   _km((g["lat"], g["lon"]), (o["lat"], o["lon"])) <= TOLERANCE_KM):
                hit = i
                break
        if hit is not None:
            used.add(hit)
        if g.get("optional"):
            continue
        if hit is None:
            missed.append(g["name"])
        else:
            found += 1
    optional_hits = len(used) - found
    return found, sum(not g.get("optional") for g in gold), len(out) - optional_hits, missed


@pytest.fixture(scope="module")
def model(model_with):
    return model_with("wirewatch_places")


@pytest.mark.parametrize("fixture", sorted(F1_FLOORS))
def test_fixture_is_well_formed(fixture):
    for line in (FIXTURES / fixture).read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        assert item["places"], item["id"]
        for p in item["places"]:
            assert any(_norm(a) in _norm(item["text"]) for a in p["aliases"]), (item["id"], p["name"])
            assert p.get("optional") or (p["country"] is None or len(p["country"]) == 2) and -90 <= p["lat"] <= 90


@pytest.mark.parametrize("fixture", sorted(F1_FLOORS))
def test_places_f1_floor(model, fixture):
    items = [json.loads(line) for line in (FIXTURES / fixture).read_text(encoding="utf-8").splitlines()]
    found = n_gold = n_out = 0
    report = []
    for item, doc in zip(items, model.pipe([it["text"] for it in items])):
        out = [{"name": p.name, "lat": p.lat, "lon": p.lon,
                "mentions": [{"text": m.text} for m in p.mentions]} for p in places_from_doc(doc)]
        hit, required, counted, missed = score_article(item["places"], out)
        found, n_gold, n_out = found + hit, n_gold + required, n_out + counted
        if missed:
            report.append(f"{item['id']}: missed {missed}")
    precision, recall = found / max(n_out, 1), found / max(n_gold, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(f"{fixture}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}", *report, sep="\n")
    assert f1 >= F1_FLOORS[fixture], "\n".join(report)
