"""GET /api/export: the stored records matching the search filters, in one of the export formats."""
from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO, Annotated, TextIO, cast

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from wirewatch.export import FILE_SUFFIXES, MEDIA_TYPES, ExportFormat, export_records
from wirewatch.web.params import FiltersDep, StoreDep

router = APIRouter(prefix="/api", tags=["read"])

_CHUNK_CHARS = 64 * 1024
_SPOOL_BYTES = 8 * 1024 * 1024


@router.get("/export", response_class=StreamingResponse,
            responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()},
                             "description": "The export file."}})
def export(store: StoreDep, where: FiltersDep, export_format: Annotated[ExportFormat, Query(alias="format")] = "jsonl") -> StreamingResponse:
    """Download the records matching the filters as JSON Lines, ACLED-style CSV, GeoJSON or a STIX 2.1 bundle."""
    # The whole export is written before the first byte goes out, so a store error is a 500, not a cut-off file.
    spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - _read_chunks closes it once the response is sent
        max_size=_SPOOL_BYTES, mode="w+", encoding="utf-8", newline="")
    export_records(store.iter_records(where), export_format, cast(TextIO, spool))
    spool.seek(0)
    filename = f"wirewatch-export{FILE_SUFFIXES[export_format]}"
    return StreamingResponse(_read_chunks(spool), media_type=MEDIA_TYPES[export_format],
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _read_chunks(spool: IO[str]) -> Iterator[str]:
    with spool:
        while chunk := spool.read(_CHUNK_CHARS):
            yield chunk
