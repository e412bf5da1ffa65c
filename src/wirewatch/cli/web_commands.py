"""`wirewatch serve`: the web UI and JSON API over a store."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def serve(
    db: Annotated[str | None, typer.Option("--db", help="SQLite file (default ./wirewatch.db) or postgresql:// URL.")] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 0.0.0.0 exposes the server to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web UI and the JSON API (OpenAPI at /docs).

    Reading needs no token; POST /api/ingest needs the bearer token set in WIREWATCH_API_TOKEN.
    """
    # Imported here so other commands start without loading FastAPI and uvicorn.
    import uvicorn

    from wirewatch.web import create_app

    target = db or "wirewatch.db"
    if not target.startswith(("postgresql://", "postgres://")) and not Path(target).exists():
        # Serving a new store is allowed (POST /api/ingest fills it), but a mistyped path should not look empty.
        typer.echo(f"wirewatch: {target} does not exist yet: starting an empty store; fill it with "
                   f"`wirewatch ingest PATH --db {target}`", err=True)
    typer.echo(f"wirewatch: serving {target} at http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
