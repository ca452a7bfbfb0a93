"""The public functions: search and suggestions over the current catalogue, with filters.

Filters narrow the candidates before ranking: field (id or name), level (tinh/xa/bo/khac), agency
(id or code: what that agency offers), and offered_only (what any agency of this province offers,
through AgencyProcedure). Bad filter values are InvalidInput with a Vietnamese message.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from congso.catalog.choices import Level
from congso.catalog.models import AgencyProcedure, Field
from congso.catalog.search.engine import complete, search
from congso.catalog.search.index import SearchIndex
from congso.catalog.search.store import get_index
from congso.core.errors import InvalidInput
from congso.core.text import vn_fold
from congso.identity.models import Agency

MAX_LIMIT = 50


@dataclass(frozen=True)
class Hit:
    code: str
    name: str
    score: float
    field: str
    levels: tuple[str, ...]
    has_documents: bool
    online_submission: bool | None
    active: bool


@dataclass(frozen=True)
class Suggestion:
    code: str
    name: str


def _limit(limit: int, default: int) -> int:
    try:
        value = int(limit)
    except (TypeError, ValueError):
        return default
    return max(1, min(MAX_LIMIT, value))


def _field_ids(field: int | str) -> set[int]:
    text = str(field).strip()
    if text.isdigit():
        ids = set(Field.objects.filter(pk=int(text)).values_list("id", flat=True))
    else:
        ids = set(Field.objects.filter(name_folded=vn_fold(text)).values_list("id", flat=True))
    if not ids:
        raise InvalidInput(
            "unknown_field", f"Không có lĩnh vực “{text[:80]}” trong danh mục.", fields={"field": "không có"}
        )
    return ids


def _agency(agency: int | str) -> Agency:
    text = str(agency).strip()
    found = Agency.objects.filter(code=text).first()
    if found is None and text.isdigit():
        found = Agency.objects.filter(pk=int(text)).first()
    if found is None:
        raise InvalidInput(
            "unknown_agency", f"Không tìm thấy cơ quan “{text[:40]}”.", fields={"agency": "không có"}
        )
    return found


def allowed_docs(
    index: SearchIndex,
    *,
    field: int | str | None = None,
    level: str | None = None,
    agency: int | str | None = None,
    offered_only: bool = False,
) -> set[int] | None:
    """Document numbers the filters allow; None when there is no filter."""
    allowed: set[int] | None = None

    def narrow(docs: set[int]) -> None:
        nonlocal allowed
        allowed = docs if allowed is None else allowed & docs

    if field not in (None, ""):
        ids = _field_ids(field)
        narrow({i for i, d in enumerate(index.docs) if d.field_id in ids})
    if level not in (None, ""):
        if level not in Level.values:
            raise InvalidInput(
                "invalid_level",
                "Cấp thực hiện phải là một trong: tinh, xa, bo, khac.",
                fields={"level": "không hợp lệ"},
            )
        narrow({i for i, d in enumerate(index.docs) if level in d.levels})
    offerings = AgencyProcedure.objects.filter(active=True)
    if agency not in (None, ""):
        found = _agency(agency)
        pids = offerings.filter(agency=found).values_list("procedure_id", flat=True)
        narrow({index.by_procedure[p] for p in pids if p in index.by_procedure})
    if offered_only:
        pids = offerings.filter(
            agency__province__code=settings.CONGSO_PROVINCE_CODE, agency__active=True
        ).values_list("procedure_id", flat=True)
        narrow({index.by_procedure[p] for p in pids.distinct() if p in index.by_procedure})
    return allowed


def search_procedures(
    query: str,
    *,
    limit: int = 10,
    field: int | str | None = None,
    level: str | None = None,
    agency: int | str | None = None,
    offered_only: bool = False,
) -> list[Hit]:
    """The procedures a citizen most likely means by `query`, best first (empty for an empty query)."""
    index = get_index()
    allowed = allowed_docs(index, field=field, level=level, agency=agency, offered_only=offered_only)
    _, ranked = search(index, str(query or ""), allowed=allowed, limit=_limit(limit, 10))
    hits = []
    for r in ranked:
        d = index.docs[r.doc]
        hits.append(
            Hit(
                code=d.code,
                name=d.name,
                score=round(r.score, 4),
                field=d.field_name,
                levels=d.levels,
                has_documents=d.has_documents,
                online_submission=d.online_submission,
                active=d.active,
            )
        )
    return hits


def suggest(prefix: str, limit: int = 8) -> list[Suggestion]:
    """Procedure names for a query still being typed (the last word may be unfinished)."""
    text = str(prefix or "")
    if len(text.strip()) < 2:
        return []
    index = get_index()
    ranked = complete(index, text, limit=_limit(limit, 8))
    return [Suggestion(index.docs[r.doc].code, index.docs[r.doc].name) for r in ranked]
