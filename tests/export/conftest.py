"""Records to export: the bundled samples extracted once, and fictional records built by hand with events.

Everything here is invented; no text comes from real reporting.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.errors import InputError
from wirewatch.ingest import read_inputs
from wirewatch.pipeline import extract_many
from wirewatch.record import (
    PARAGRAPH_SEPARATOR,
    AcledType,
    DateRange,
    Entity,
    Event,
    Fatalities,
    Mention,
    Place,
    PlaceRef,
    Quote,
    Record,
    Relation,
    Speaker,
    record_id,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
# An armed group the shipped knowledge base knows (UCDP, long defunct), so the STIX export makes it a threat actor.
KB_ARMED_GROUP = "Khmer Issarak"


@pytest.fixture(scope="session")
def sample_records() -> list[Record]:
    """The records of every bundled sample article, extracted once per test session."""
    results = list(extract_many(read_inputs([str(SAMPLES)])))
    errors = [r for r in results if isinstance(r, InputError)]
    assert not errors, errors
    return [r for r in results if isinstance(r, Record)]


def _record(paragraphs: list[str], **fields) -> Record:  # type: ignore[no-untyped-def]
    text = PARAGRAPH_SEPARATOR.join(paragraphs)
    return Record(id=record_id(text), paragraphs=paragraphs, text=text, language="en", **fields)


@pytest.fixture(scope="session")
def event_records() -> list[Record]:
    """Two fictional articles with events, places, quotes and relations; they share one person."""
    market = _record(
        [("Gunmen of the Khmer Issarak attacked a market in Lakeview on Tuesday, killing some 12 traders, "
          "police chief Mara Venn said."),
         "\"They came at dawn,\" Venn told reporters."],
        source_id="lakeview-market.txt", url="https://news.example/lakeview", title="=Market attack in Lakeview",
        publisher="Example Herald", published="2026-02-03", updated="2026-02-03T18:30:00+01:00",
        entities=[
            Entity(id="e1", name=KB_ARMED_GROUP, type="ORG", mentions=[Mention(start=11, end=24, text=KB_ARMED_GROUP)]),
            Entity(id="e2", name="Mara Venn", type="PERSON", aliases=["Venn"], roles=["police chief"],
                   mentions=[Mention(start=105, end=114, text="Mara Venn")]),
            Entity(id="e3", name="Lakeview Traders Union", type="ORG"),
        ],
        quotes=[Quote(text="They came at dawn", type="direct", cue="told", start=121, end=140,
                      speaker=Speaker(name="Mara Venn", entity="e2"))],
        events=[Event(
            type="ASSAULT", acled=AcledType(event_type="Violence against civilians", sub_event_type="Attack"),
            actors=[KB_ARMED_GROUP, "unidentified gunmen"], targets=["Lakeview Traders Union", "-traders"],
            place=PlaceRef(name="Lakeview", lat=-33.25, lon=-60.5, country="AR", admin1="Santa Fe"),
            date=DateRange(earliest="2026-02-03", latest="2026-02-03", text="on Tuesday"),
            fatalities=Fatalities(min=12, max=15, approximate=True), certainty="reported", reported_by="Mara Venn",
            evidence="@SUM(A1) Gunmen attacked a market in Lakeview on Tuesday, killing some 12 traders.")],
        places=[Place(name="Lakeview", lat=-33.25, lon=-60.5, country="AR", admin1="Santa Fe",
                      mentions=[Mention(start=55, end=63, text="Lakeview")]),
                Place(name="Nowhere Bay", lat=None, lon=None, country="AR")],
        relations=[Relation(subject=KB_ARMED_GROUP, predicate="targets", object="Lakeview Traders Union",
                            evidence="Gunmen of the Khmer Issarak attacked a market in Lakeview.")],
    )
    protest = _record(
        ["Hundreds marched in Northport in March, Mara Venn said."],
        source_id="northport-march.txt", publisher="Example Herald", published="2026-03-15",
        entities=[Entity(id="e1", name="Mara Venn", type="PERSON")],
        events=[Event(type="PROTEST", acled=AcledType(event_type="Protests", sub_event_type="Peaceful protest"),
                      actors=["Northport residents"],
                      place=PlaceRef(name="Northport", lat=48.5, lon=120.25, country="XX"),
                      date=DateRange(earliest="2026-03-01", latest="2026-03-31", text="in March"),
                      evidence="Hundreds marched in Northport in March."),
                Event(type="DEMAND", actors=["Northport residents"], evidence="They asked for a new bridge.")],
        places=[Place(name="Northport", lat=48.5, lon=120.25, country="XX",
                      mentions=[Mention(start=20, end=29, text="Northport")]),
                Place(name="Bad Coordinates", lat=95.0, lon=200.0)],
    )
    return [market, protest]
