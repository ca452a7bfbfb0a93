"""Build the index from the database once per process; rebuild when the catalogue changes.

The catalogue is small (3,697 procedures) and changes by import or by an administrator, so an in-memory
index needs no schema change. Before each search one aggregate query (count, newest current version,
latest update) tells whether the index is stale: every import and every version change moves one of
them, since `Procedure.updated_at` is rewritten with each new current version.
"""

from __future__ import annotations

import threading

from django.db import connection
from django.db.models import Exists, OuterRef

from congso.catalog.models import Procedure, RequiredDocument
from congso.catalog.search.index import DocRow, SearchIndex, build_index

_lock = threading.Lock()
_index: SearchIndex | None = None


def signature() -> tuple:
    """(procedures, newest current version, latest update): one indexed aggregate, run before each search.
    Plain SQL: the ORM's aggregate machinery costs more than the query itself on 3,697 rows."""
    meta = Procedure._meta
    table = connection.ops.quote_name(meta.db_table)
    version = connection.ops.quote_name(meta.get_field("current_version").column)
    updated = connection.ops.quote_name(meta.get_field("updated_at").column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX({version}), MAX({updated}) FROM {table}")  # noqa: S608
        return tuple(cursor.fetchone())


def load_rows() -> list[DocRow]:
    """Every procedure with a current version, in code order."""
    rows = (
        Procedure.objects.filter(current_version__isnull=False)
        .annotate(
            documented=Exists(RequiredDocument.objects.filter(version_id=OuterRef("current_version_id")))
        )
        .values_list(
            "id",
            "code",
            "active",
            "documented",
            "current_version__name",
            "current_version__alt_names",
            "current_version__field_id",
            "current_version__field__name",
            "current_version__levels",
            "current_version__online_submission",
            "current_version__result_text",
        )
        .order_by("code")
    )
    out: list[DocRow] = []
    for pid, code, active, documented, name, alt, field_id, field_name, levels, online, result in rows:
        out.append(
            DocRow(
                procedure_id=pid,
                code=code,
                name=name,
                alt_names=tuple(alt or ()),
                field_id=field_id,
                field_name=field_name or "",
                levels=tuple(levels or ()),
                active=active,
                has_documents=bool(documented),
                online_submission=online,
                result=result or "",
            )
        )
    return out


def get_index() -> SearchIndex:
    """The current index, rebuilt first if the catalogue changed since it was built."""
    global _index
    current = signature()
    index = _index
    if index is not None and index.signature == current:
        return index
    with _lock:
        if _index is None or _index.signature != current:
            _index = build_index(load_rows(), signature=current)
        return _index


def invalidate() -> None:
    """Forget the index (tests, or after a bulk change made outside the catalogue services)."""
    global _index
    with _lock:
        _index = None
