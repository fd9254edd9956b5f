"""Many rows into a table at once, for the generator: PostgreSQL's COPY, or Django's bulk_create
on another database.

At ten times the province the generator writes some six million rows. Through ``bulk_create``
each costs a model instance and an INSERT parameter per value, and most of the generation's time
went there (97 s of the 10,000 entries at scale 1 under load, the rows' own arithmetic a small
part). Here a row is a dict of column values (attribute names: ``entry_id``), fields left out take
their default as ``bulk_create`` would (``auto_now``/``auto_now_add``: the moment the table was
opened), and the rows go to PostgreSQL as COPY text in one statement per call.
"""

import io
import json
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

from django.db import connection, models

BATCH = 5000  # rows per INSERT where COPY is not available


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value) -> str:
    """A value in COPY's text format (the commonest kinds first: this runs for every value)."""
    kind = type(value)
    if kind is str:
        return value.translate(_ESCAPES)
    if kind is int or kind is Decimal:
        return str(value)
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)
    return str(value).translate(_ESCAPES)


class Table:
    """One model's table, written a list of rows at a time."""

    def __init__(self, model, *, now: datetime):
        self.model = model
        self.fields = [field for field in model._meta.concrete_fields if not field.primary_key]
        self.columns = ", ".join(connection.ops.quote_name(field.column) for field in self.fields)
        fixed, self.made = {}, []  # defaults: the same for every row, or made for each row
        for field in self.fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                fixed[field.attname] = now
            elif field.has_default() and callable(field.default):
                self.made.append(field)
            else:
                fixed[field.attname] = field.get_default()
        self.attnames = [field.attname for field in self.fields]
        self.fixed_text = {name: _text(value) for name, value in fixed.items()}  # written once, not per row

    def insert(self, rows: list[dict], *, with_ids: bool = False) -> None:
        """Insert ``rows``; with ``with_ids``, each row gets its new primary key as ``row["id"]``."""
        if not rows:
            return
        if connection.vendor != "postgresql":
            made = self.model.objects.bulk_create((self.model(**row) for row in rows), batch_size=BATCH)
            for row, instance in zip(rows, made, strict=True):
                row["id"] = instance.pk
            return
        with connection.cursor() as cursor:
            if with_ids:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [self.model._meta.db_table, self.model._meta.pk.column, len(rows)],
                )
                for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
                    row["id"] = pk
            columns = (
                f"{self.columns}, {connection.ops.quote_name(self.model._meta.pk.column)}" if with_ids else self.columns
            )
            buffer = io.StringIO()
            for row in rows:
                for field in self.made:
                    if field.attname not in row:
                        row[field.attname] = field.get_default()
                values = [_text(row[name]) if name in row else self.fixed_text[name] for name in self.attnames]
                if with_ids:
                    values.append(str(row["id"]))
                buffer.write("\t".join(values))
                buffer.write("\n")
            buffer.seek(0)
            cursor.copy_expert(f"COPY {self.model._meta.db_table} ({columns}) FROM STDIN", buffer)


@contextmanager
def foreign_keys_checked_once(tables: list):
    """Inside the block (within a transaction), PostgreSQL checks no row's foreign keys as it is
    written: a superuser's ``session_replication_role = replica`` turns the per-row triggers off
    (unique and check constraints still hold row by row). Leaving it, one query per foreign key of
    the ``tables``' models proves that no row points nowhere. On another database, or for a user
    who may not do this, each row is checked as usual (at commit: Django's foreign keys are
    deferred), which at ten times the province is a queue of some twenty million checks."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        allowed = cursor.fetchone()[0]
        if allowed:
            cursor.execute("SET LOCAL session_replication_role = replica")
    yield
    if not allowed:
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        for table in tables:
            for field in table.fields:
                if not isinstance(field, models.ForeignKey):
                    continue
                child, parent = table.model._meta.db_table, field.related_model._meta.db_table
                cursor.execute(
                    f"SELECT count(*) FROM {child} c WHERE c.{field.column} IS NOT NULL AND NOT EXISTS "  # noqa: S608 (names from the models)
                    f"(SELECT 1 FROM {parent} p WHERE p.{field.target_field.column} = c.{field.column})"
                )
                orphans = cursor.fetchone()[0]
                if orphans:
                    raise SystemExit(f"{orphans} rows of {child}.{field.column} point to no {parent} row.")
