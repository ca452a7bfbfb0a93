"""Fast bulk insertion for the data generator and history imports.

On PostgreSQL rows go through COPY (ids drawn from the table's sequence first, so callers can link
children to parents without a round trip per row); elsewhere through bulk_create. Values pass through
each field's own pre_save/get_db_prep_save, so auto_now columns and JSON are stored exactly as the
ORM would store them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models


def bulk_insert(model: type[models.Model], objs: Sequence[models.Model], *, batch_size: int = 5000) -> None:
    if not objs:
        return
    for obj in objs:
        _link_parents(obj)
    if connection.vendor not in ("postgresql", "sqlite"):
        model.objects.bulk_create(objs, batch_size=batch_size)
        return
    if not connection.in_atomic_block:
        raise RuntimeError("bulk_insert must run inside a transaction (ids are allocated for the batch)")
    meta = model._meta
    _assign_ids(meta, [o for o in objs if o.pk is None])
    fields = list(meta.concrete_fields)
    table = connection.ops.quote_name(meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    rows = ([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objs)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in fields)
            # Identifiers come from model metadata, values are parameters.
            cur.cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def _assign_ids(meta, objs: list[models.Model]) -> None:
    if not objs:
        return
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(objs)],
            )
            ids = [row[0] for row in cur.fetchall()]
        else:
            # SQLite serialises writers (the transaction holds the write lock), so max(id) is stable.
            cur.execute(f"SELECT COALESCE(MAX({meta.pk.column}), 0) FROM {meta.db_table}")  # noqa: S608
            first = cur.fetchone()[0] + 1
            ids = range(first, first + len(objs))
    for obj, new_id in zip(objs, ids, strict=True):
        obj.pk = new_id


def _link_parents(obj: models.Model) -> None:
    """A child built before its parent was saved holds the parent object but no id yet: copy the id."""
    for field in obj._meta.concrete_fields:
        if field.is_relation and getattr(obj, field.attname) is None and field.is_cached(obj):
            parent = field.get_cached_value(obj)
            if parent is not None and parent.pk is not None:
                setattr(obj, field.attname, parent.pk)
