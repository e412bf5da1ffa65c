"""JSON Lines export: one record a line, exactly as ``wirewatch extract --format jsonl`` writes it."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from wirewatch.record import Record


def write_jsonl(records: Iterable[Record], out: TextIO) -> int:
    """Write each record as one JSON line and return how many were written."""
    count = 0
    for record in records:
        out.write(record.model_dump_json() + "\n")
        count += 1
    return count
