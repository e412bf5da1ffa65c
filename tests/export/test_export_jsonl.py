"""JSON Lines export: one record a line, read back to the same records."""
from __future__ import annotations

import io

import pytest

from wirewatch.errors import ConfigurationError
from wirewatch.export import export_records
from wirewatch.record import Record


def test_jsonl_round_trips_sample_and_constructed_records(sample_records: list[Record],
                                                          event_records: list[Record]) -> None:
    records = sample_records + event_records
    out = io.StringIO()
    assert export_records(records, "jsonl", out) == len(records)
    lines = out.getvalue().splitlines()
    assert [Record.model_validate_json(line) for line in lines] == records
    # Byte for byte what `wirewatch extract --format jsonl` writes.
    assert lines == [record.model_dump_json() for record in records]


def test_jsonl_reads_its_input_lazily(event_records: list[Record]) -> None:
    out = io.StringIO()
    written: list[str] = []

    def records():  # type: ignore[no-untyped-def]
        for record in event_records:
            yield record
            written.append(out.getvalue())

    export_records(records(), "jsonl", out)
    assert written[0].count("\n") == 1  # the first record was out before the second was asked for


def test_unknown_format_is_refused(event_records: list[Record]) -> None:
    with pytest.raises(ConfigurationError, match="unknown export format 'xml'"):
        export_records(event_records, "xml", io.StringIO())  # type: ignore[arg-type]
