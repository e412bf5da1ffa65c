"""CSV export: ACLED's columns, one row per event, safe to open in a spreadsheet."""
from __future__ import annotations

import csv
import io

from wirewatch.export import export_records
from wirewatch.export.acled_csv import ACLED_COLUMNS, COLUMNS, WIREWATCH_COLUMNS
from wirewatch.record import Record


def _rows(records: list[Record]) -> tuple[list[str], list[dict[str, str]]]:
    out = io.StringIO(newline="")
    count = export_records(records, "csv", out)
    reader = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    rows = list(reader)
    assert count == len(rows)
    return list(reader.fieldnames or []), rows


def test_header_is_acled_then_wirewatch_columns(event_records: list[Record]) -> None:
    header, _ = _rows(event_records)
    assert header == list(COLUMNS)
    assert header[:len(ACLED_COLUMNS)] == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
        "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
        "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
    assert tuple(header[len(ACLED_COLUMNS):]) == WIREWATCH_COLUMNS == (
        "plover_type", "certainty", "claimed_by", "reported_by", "article_id", "url", "evidence")


def test_one_row_per_event_with_what_the_record_knows(event_records: list[Record]) -> None:
    _, rows = _rows(event_records)
    assert len(rows) == sum(len(r.events) for r in event_records) == 3
    market, march, demand = rows
    assert market["event_id_cnty"] == f"AR-{event_records[0].id[:12]}-1"
    assert (market["event_date"], market["year"], market["time_precision"]) == ("2026-02-03", "2026", "1")
    assert market["disorder_type"] == "Political violence"
    assert (market["event_type"], market["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (market["actor1"], market["assoc_actor_1"]) == ("Khmer Issarak", "unidentified gunmen")
    assert market["actor2"] == "Lakeview Traders Union"
    assert market["inter2"] == "Civilians" and market["civilian_targeting"] == "Civilian targeting"
    assert (market["country"], market["admin1"], market["location"]) == ("Argentina", "Santa Fe", "Lakeview")
    assert (float(market["latitude"]), float(market["longitude"])) == (-33.25, -60.5)
    assert market["fatalities"] == "12"  # ACLED codes the lowest count
    assert market["tags"] == "fatalities range=12-15; fatalities approximate"
    assert market["timestamp"] == "1770139800"  # 2026-02-03T17:30:00Z, the record's last update
    assert (market["source"], market["url"], market["article_id"]) == (
        "Example Herald", "https://news.example/lakeview", event_records[0].id)
    assert (market["plover_type"], market["certainty"], market["reported_by"]) == ("ASSAULT", "reported", "Mara Venn")
    assert march["time_precision"] == "3" and march["event_date"] == "2026-03-01"  # "in March": a month
    assert march["disorder_type"] == "Demonstrations" and march["country"] == "XX"  # no such country: code kept
    # An undated, unplaced event falls back to the article's day, at the vaguest precision.
    assert (demand["event_date"], demand["time_precision"], demand["location"]) == ("2026-03-15", "3", "")
    assert demand["fatalities"] == "0"


def test_cells_that_would_run_as_formulas_are_quoted(event_records: list[Record]) -> None:
    _, rows = _rows(event_records)
    market = rows[0]
    assert market["evidence"].startswith("'@SUM(A1)") and market["notes"].startswith("'@SUM(A1)")
    assert market["assoc_actor_2"] == "'-traders"
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for key, value in row.items()
                   if key not in ("latitude", "longitude"))
    # Numbers stay numbers: a negative longitude is not turned into text.
    assert market["longitude"] == "-60.5"


def test_sample_events_give_one_row_each(sample_records: list[Record]) -> None:
    _, rows = _rows(sample_records)
    assert len(rows) == sum(len(r.events) for r in sample_records)
    ids = {r.id for r in sample_records}
    assert all(row["article_id"] in ids and row["plover_type"] and row["evidence"] for row in rows)


def test_samples_without_events_give_a_header_only(sample_records: list[Record]) -> None:
    header, rows = _rows([r.model_copy(update={"events": []}) for r in sample_records])
    assert header == list(COLUMNS) and rows == []
