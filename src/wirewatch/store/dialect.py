"""The small layer that hides SQLite from PostgreSQL: connections, parameters, transactions and search SQL.

Everything else in the store is plain SQL with ``:name`` parameters that both backends run as written.
"""
from __future__ import annotations

import math
import re
import sqlite3
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Literal

Backend = Literal["sqlite", "postgresql"]
Row = dict[str, Any]

_NAMED_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_SEARCH_TOKEN = re.compile(r"\w+", re.UNICODE)
_MIGRATION_NAME = re.compile(r"^(\d+)_.*\.sql$")


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km (the same formula as PostgreSQL's wirewatch_km)."""
    if None in (lat1, lon1, lat2, lon2):
        return math.inf
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


class Database(ABC):
    """One connection, used by one thread at a time; every write runs inside `transaction()`."""

    backend: Backend

    def __init__(self) -> None:
        self._lock = threading.RLock()

    @abstractmethod
    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run one statement and return its rows as dicts (empty for statements without rows)."""

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run one statement once per parameter set."""

    @abstractmethod
    def apply_migration(self, sql: str, version: int, name: str) -> None:
        """Run a migration script and record it in schema_migrations, all or nothing."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Return a context that commits on success and rolls back on error."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    def first(self, sql: str, params: Mapping[str, Any] | None = None) -> Row | None:
        rows = self.execute(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        row = self.first(sql, params)
        return next(iter(row.values())) if row else None

    @abstractmethod
    def search_match(self) -> tuple[str, str, str]:
        """Return the (JOIN clause, score expression, snippet expression) of a full-text match on :query."""

    @abstractmethod
    def search_query(self, text: str) -> str:
        """Turn what a user typed into this backend's query syntax (every word must match)."""


class SQLiteDatabase(Database):
    backend: Backend = "sqlite"

    def __init__(self, path: str) -> None:
        super().__init__()
        # Autocommit mode: transactions are opened explicitly, so a failed article rolls back alone.
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        self._conn.row_factory = sqlite3.Row
        self._conn.create_function("wirewatch_km", 4, km_between, deterministic=True)
        self._conn.execute("PRAGMA journal_mode=WAL")  # readers (the web app) do not block the writer
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA foreign_keys=ON")

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        with self._lock:
            cursor = self._conn.execute(sql, params or {})
            return [dict(row) for row in cursor.fetchall()]

    def executemany(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            with self._lock:
                self._conn.executemany(sql, rows)

    def apply_migration(self, sql: str, version: int, name: str) -> None:
        # executescript commits first, so the migration carries its own BEGIN/COMMIT to stay atomic.
        quoted_name = name.replace("'", "''")
        record = (f"INSERT INTO schema_migrations (version, name, applied_at) "
                  f"VALUES ({int(version)}, '{quoted_name}', '{_now()}');")
        with self._lock:
            try:
                self._conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\n{record}\nCOMMIT;")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()

    def search_match(self) -> tuple[str, str, str]:
        return ("JOIN search_fts ON search_fts.rowid = d.id AND search_fts MATCH :query",
                "-bm25(search_fts)", "snippet(search_fts, 0, '', '', '…', 24)")

    def search_query(self, text: str) -> str:
        return " ".join(f'"{token}"' for token in _SEARCH_TOKEN.findall(text))


class PostgresDatabase(Database):
    backend: Backend = "postgresql"

    def __init__(self, dsn: str) -> None:
        super().__init__()
        import psycopg
        from psycopg.rows import dict_row

        self._conn = psycopg.connect(dsn, autocommit=True, row_factory=dict_row)

    @staticmethod
    def _sql(sql: str) -> str:
        return _NAMED_PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        with self._lock, self._conn.cursor() as cursor:
            cursor.execute(self._sql(sql), params or {})  # type: ignore[arg-type]
            return list(cursor.fetchall()) if cursor.description else []

    def executemany(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            with self._lock, self._conn.cursor() as cursor:
                cursor.executemany(self._sql(sql), rows)  # type: ignore[arg-type]

    def apply_migration(self, sql: str, version: int, name: str) -> None:
        with self.transaction():
            with self._conn.cursor() as cursor:
                cursor.execute(sql.encode())  # no parameters: psycopg sends the whole script at once
            self.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (:version, :name, :at)",
                         {"version": version, "name": name, "at": _now()})

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock, self._conn.transaction():
            yield

    def close(self) -> None:
        self._conn.close()

    def search_match(self) -> tuple[str, str, str]:
        return ("JOIN websearch_to_tsquery('english', :query) AS tsq ON d.tsv @@ tsq",
                "ts_rank(d.tsv, tsq)",
                "ts_headline('english', d.body, tsq, 'StartSel=\"\", StopSel=\"\", MaxWords=30, MinWords=12')")

    def search_query(self, text: str) -> str:
        return " ".join(_SEARCH_TOKEN.findall(text))


def connect(db: str) -> Database:
    """Open `db`: a ``postgresql://`` DSN, or a SQLite file path."""
    if db.startswith(("postgresql://", "postgres://")):
        return PostgresDatabase(db)
    return SQLiteDatabase(db)


def migrate(database: Database) -> int:
    """Apply every migration not applied yet, each in its own transaction; return the schema version."""
    database.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                     "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    applied = {row["version"] for row in database.execute("SELECT version FROM schema_migrations")}
    folder = resources.files("wirewatch.store") / "migrations" / database.backend
    for name in sorted(entry.name for entry in folder.iterdir()):
        match = _MIGRATION_NAME.match(name)
        if not match or int(match.group(1)) in applied:
            continue
        database.apply_migration((folder / name).read_text(encoding="utf-8"), int(match.group(1)), Path(name).stem)
    return int(database.scalar("SELECT max(version) AS v FROM schema_migrations") or 0)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
