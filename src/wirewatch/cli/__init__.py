"""The `wirewatch` command line: a typer app whose commands are thin callers of the library."""
from __future__ import annotations

from wirewatch.cli.app import app


def main() -> None:
    """Run the `wirewatch` command."""
    app()


__all__ = ["app", "main"]
