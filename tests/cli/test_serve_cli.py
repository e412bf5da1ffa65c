"""`wirewatch serve` is registered and documents its options."""
from __future__ import annotations

from typer.testing import CliRunner

from wirewatch.cli import app


def test_serve_is_a_command_with_db_host_and_port() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "WIREWATCH_API_TOKEN"):
        assert option in result.output


def test_serve_refuses_a_bad_port() -> None:
    assert CliRunner().invoke(app, ["serve", "--port", "70000"]).exit_code == 2


def test_serve_warns_when_the_store_does_not_exist_yet(tmp_path, monkeypatch) -> None:
    import uvicorn

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.append(options))
    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(app, ["serve", "--db", str(missing), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "does not exist yet" in result.stderr and "wirewatch ingest" in result.stderr
    assert served == [{"host": "127.0.0.1", "port": 8123, "log_level": "info"}]
