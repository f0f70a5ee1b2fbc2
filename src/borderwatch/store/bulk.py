"""The one seam per back end for bulk writes: id allocation, bulk insert and
insert-or-ignore, on SQLite (executemany) and PostgreSQL (COPY).

Errors from the driver are re-raised as :class:`~borderwatch.errors.StoreError` naming the
table and the statement that failed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Connection,
    DateTime,
    Float,
    Integer,
    SmallInteger,
    Table,
    func,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from borderwatch.errors import StoreError


class BulkWriter:
    """Bulk operations on one connection; pick the implementation with :func:`bulk_writer`."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def allocate_ids(self, table: Table, count: int) -> list[int]:
        """``count`` fresh primary keys for ``table``."""
        raise StoreError(f"{type(self).__name__} cannot allocate ids")

    def insert(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        """Insert ``rows`` (dicts keyed by column name) into ``table``."""
        if rows:
            _guard(table, lambda: self.conn.execute(table.insert(), list(rows)))

    def insert_ignore(self, table: Table, rows: Sequence[dict[str, Any]], key: str) -> int:
        """Insert the rows whose ``key`` is not yet present; return how many were new."""
        if not rows:
            return 0
        dialect = postgresql if self.conn.dialect.name == "postgresql" else sqlite
        stmt = dialect.insert(table).on_conflict_do_nothing(index_elements=[key])
        result = _guard(table, lambda: self.conn.execute(stmt, list(rows)))
        return int(result.rowcount or 0)


class JsonText(str):
    """A value already serialised as JSON text (written as is by the bulk writers)."""

    __slots__ = ()


class SqliteBulkWriter(BulkWriter):
    """SQLite: ids from max(id) inside the write transaction, executemany on the driver."""

    def allocate_ids(self, table: Table, count: int) -> list[int]:
        top = self.conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
        return list(range(int(top) + 1, int(top) + 1 + count))

    def insert(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = list(rows[0])
        names = ", ".join(f'"{c}"' for c in columns)
        sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(columns))})'
        params = [tuple(_sqlite_value(row[c]) for c in columns) for row in rows]
        _guard(table, lambda: self.conn.exec_driver_sql(sql, params))


class PostgresBulkWriter(BulkWriter):
    """PostgreSQL: ids from the table's sequence, rows streamed with COPY."""

    def allocate_ids(self, table: Table, count: int) -> list[int]:
        sql = text(
            f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
            "FROM generate_series(1, :n)"
        )
        return [int(v) for v in self.conn.execute(sql, {"n": count}).scalars()]

    def insert(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = list(rows[0])
        names = ", ".join(f'"{c}"' for c in columns)
        sql = f'COPY "{table.name}" ({names}) FROM STDIN'
        raw = self.conn.connection.driver_connection
        try:
            with raw.cursor() as cur, cur.copy(sql) as copy:  # type: ignore[union-attr]
                copy.set_types([_pg_type(table, c) for c in columns])
                for row in rows:
                    copy.write_row([_pg_value(row[c]) for c in columns])
        except Exception as exc:
            raise StoreError(f"bulk insert into {table.name} failed: {exc}", sql=sql) from exc


_PG_TYPES: list[tuple[type[Any], str]] = [
    (JSON, "text"),
    (DateTime, "timestamptz"),
    (Boolean, "bool"),
    (BigInteger, "int8"),
    (SmallInteger, "int2"),
    (Integer, "int4"),
    (Float, "float8"),
]


def _pg_type(table: Table, column: str) -> str:
    """The type name psycopg dumps a column's values with (JSON goes as text)."""
    kind = table.c[column].type
    for base, name in _PG_TYPES:
        if isinstance(kind, base):
            return name
    return "text"


def _pg_value(value: Any) -> Any:
    if isinstance(value, dict | list):
        return orjson.dumps(value).decode()
    return value


def _sqlite_value(value: Any) -> Any:
    """A value as SQLAlchemy's SQLite types store it (DATETIME as naive UTC text)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dict | list):
        return orjson.dumps(value).decode()
    return value


def _guard(table: Table, action: Any) -> Any:
    try:
        return action()
    except SQLAlchemyError as exc:
        raise StoreError(
            f"write to {table.name} failed: {exc.__class__.__name__}: {getattr(exc, 'orig', exc)}",
            sql=str(getattr(exc, "statement", ""))[:500],
        ) from exc


def bulk_writer(conn: Connection) -> BulkWriter:
    """The bulk writer for the connection's back end."""
    if conn.dialect.name == "postgresql":
        return PostgresBulkWriter(conn)
    if conn.dialect.name == "sqlite":
        return SqliteBulkWriter(conn)
    return BulkWriter(conn)
