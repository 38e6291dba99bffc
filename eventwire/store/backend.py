"""Database connections for the store: SQLite (a file) or PostgreSQL (a `postgresql://` URL).

Both speak the same SQL (qmark parameters, `ON CONFLICT`, standard types); what differs is kept
here: how to connect, how a write transaction begins, and where the schema version is kept.
Each thread gets its own connection (the HTTP server answers from a pool of threads).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Row = tuple[Any, ...]
WRITE_LOCK_KEY = 0x65766E74  # PostgreSQL advisory lock held by a writing transaction ("evnt")


def is_postgres_url(target: str | Path) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


class Database:
    """A small interface over one database: `query`, `execute`, `write()` and `migrate`."""

    dialect = ""

    def __init__(self) -> None:
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()

    @property
    def conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _connect(self) -> Any:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = self.conn.execute(self._sql(sql), tuple(params))
        return [tuple(row) for row in cursor.fetchall()]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.conn.cursor().executemany(self._sql(sql), [tuple(r) for r in rows])

    @contextmanager
    def write(self) -> Iterator[None]:
        """One transaction: all of it is stored, or none of it."""
        raise NotImplementedError
        yield

    def schema_version(self) -> int:
        raise NotImplementedError

    def set_schema_version(self, version: int) -> None:
        raise NotImplementedError

    def migrate(self, migrations: Sequence[Sequence[str]]) -> None:
        """Apply the migrations not applied yet, each in its own transaction."""
        for number, statements in enumerate(migrations, start=1):
            if number <= self.schema_version():
                continue
            with self.write():
                if number <= self.schema_version():  # another process migrated meanwhile
                    continue
                for statement in statements:
                    self.execute(statement)
                self.set_schema_version(number)

    def optimize(self) -> None:
        """Refresh the planner's statistics after a large ingest."""

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()


class SqliteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = str(path)
        self.conn  # noqa: B018 - open now, so that a bad path fails here

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    @contextmanager
    def write(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")  # take the write lock now: no lost updates between writers
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def set_schema_version(self, version: int) -> None:
        self.conn.execute(f"PRAGMA user_version={int(version)}")

    def optimize(self) -> None:
        self.conn.execute("PRAGMA optimize=0x10002")


class PostgresDatabase(Database):
    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.conn  # noqa: B018 - connect now, so that a bad URL fails here

    def _connect(self) -> Any:
        try:
            import psycopg
        except ImportError as error:  # pragma: no cover - psycopg is a core dependency
            raise RuntimeError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from error
        return psycopg.connect(self.url, autocommit=True)

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    @contextmanager
    def write(self) -> Iterator[None]:
        with self.conn.transaction():
            # Writers take turns, as in SQLite: merging reads the events it may join.
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
            yield

    def schema_version(self) -> int:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def set_schema_version(self, version: int) -> None:
        self.conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))

    def optimize(self) -> None:
        self.conn.execute("ANALYZE event")


def connect(target: str | Path) -> Database:
    """A database from a file path (SQLite) or a `postgresql://` URL."""
    if is_postgres_url(target):
        return PostgresDatabase(str(target))
    return SqliteDatabase(target)
