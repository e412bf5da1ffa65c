"""Reading the record's ISO 8601 strings ("2026-03", "2026-03-09", "2026-03-09T10:00+05:30") as datetimes."""
from __future__ import annotations

import re
from datetime import UTC, datetime

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def parse_timestamp(value: str | None) -> datetime | None:
    """Return `value` as an aware UTC datetime, or None when it is missing or not ISO 8601.

    A date without a time is read as midnight UTC; a year or a month as its first day.
    """
    if not value:
        return None
    partial = _PARTIAL_DATE.match(value)
    if partial:
        return datetime(int(partial.group(1)), int(partial.group(2) or 1), 1, tzinfo=UTC)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
