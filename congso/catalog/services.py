"""Writes of the procedure catalogue: the import, offerings per agency, and administrator-recorded limits.

Every change of published content creates a new `ProcedureVersion` (never an UPDATE of one), so a dossier
received under version N keeps the components, fees and time limit it was received under.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max

from congso.catalog.bulk import store_batch
from congso.catalog.choices import LimitsSource, MucDo, ReviewCode, TimeUnit
from congso.catalog.models import (
    AgencyProcedure,
    FeeLine,
    OfferingChange,
    Procedure,
    ProcedureVersion,
    RequiredDocument,
)
from congso.catalog.parsing import is_plausible
from congso.catalog.records import LineError, PreparedRecord, prepare_line
from congso.core import clock
from congso.core.errors import Conflict, InvalidInput
from congso.identity.models import Agency, User

BATCH_SIZE = 500
LIMIT_LABELS = {
    TimeUnit.WORKING_DAY: "ngày làm việc",
    TimeUnit.CALENDAR_DAY: "ngày (lịch)",
    TimeUnit.HOUR: "giờ",
    "same_day": "trong ngày",
    "none": "chưa có thời hạn",
}


@dataclass
class ImportReport:
    source_name: str
    lines: int = 0
    created: int = 0
    new_versions: int = 0
    unchanged: int = 0
    flagged: int = 0
    errors: list[LineError] = field(default_factory=list)
    limits: Counter = field(default_factory=Counter)  # unit bucket → procedures (see bulk.limit_key)
    seconds: float = 0.0

    @property
    def imported(self) -> int:
        return self.created + self.new_versions + self.unchanged

    def summary(self) -> str:
        limits = ", ".join(f"{LIMIT_LABELS.get(k, k)}: {v}" for k, v in sorted(self.limits.items()))
        return (
            f"Nguồn {self.source_name}: {self.lines} dòng, {self.imported} thủ tục — mới {self.created}, "
            f"phiên bản mới {self.new_versions}, không đổi {self.unchanged}, cần rà soát {self.flagged}, "
            f"lỗi {len(self.errors)}. Thời hạn — {limits}. ({self.seconds:.1f} giây)"
        )


def import_procedures(
    lines: Iterable[str],
    *,
    source_name: str,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Import catalogue records (one JSON object per line); idempotent by content hash.

    A new code creates the procedure and version 1; a changed record creates version N+1 and moves
    `current_version`; an identical record changes nothing. Malformed lines are reported and skipped.
    Each batch commits on its own: an interrupted run leaves whole batches, and re-running resumes.
    """
    started = time.monotonic()
    report = ImportReport(source_name=source_name)
    moment = clock.now()
    seen: dict[str, int] = {}
    batch: list[PreparedRecord] = []

    def flush() -> None:
        with transaction.atomic():
            outcome = store_batch(batch, source_name=source_name, moment=moment)
        report.created += outcome.created
        report.new_versions += outcome.new_versions
        report.unchanged += outcome.unchanged
        report.flagged += outcome.flagged
        report.limits.update(outcome.limits)
        batch.clear()
        if progress:
            progress(report)

    for line_no, text in enumerate(lines, start=1):
        report.lines = line_no
        result = prepare_line(line_no, text)
        if result is None:
            continue
        if isinstance(result, LineError):
            report.errors.append(result)
            continue
        if result.code in seen:
            report.errors.append(
                LineError(
                    line_no,
                    "duplicate_code",
                    f"Dòng {line_no}: mã thủ tục {result.code} đã có ở dòng {seen[result.code]}; bỏ qua dòng này.",
                    result.code,
                )
            )
            continue
        seen[result.code] = line_no
        batch.append(result)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    report.seconds = time.monotonic() - started
    return report


@transaction.atomic
def set_offering(
    *, agency: Agency, procedure: Procedure, muc_do: int | None = None, active: bool = True, note: str = ""
) -> AgencyProcedure:
    """Record that `agency` offers `procedure`, at online level `muc_do` (2/3/4, Decree 42/2022).

    Every change is logged in OfferingChange (domain.md §3: the online level is set per offering and its
    changes are logged); calling again with the same values changes and logs nothing.
    """
    if muc_do is not None and muc_do not in MucDo.values:
        raise InvalidInput(
            "invalid_muc_do",
            "Mức độ trực tuyến phải là 2, 3 (một phần) hoặc 4 (toàn trình) theo Nghị định 42/2022/NĐ-CP.",
            fields={"muc_do": "không hợp lệ"},
        )
    if active and not procedure.active:
        raise InvalidInput(
            "procedure_inactive", f"Thủ tục {procedure.code} không còn áp dụng, không thể cung cấp."
        )
    offering, created = AgencyProcedure.objects.get_or_create(
        agency=agency, procedure=procedure, defaults={"muc_do": muc_do, "active": active}
    )
    if created:
        OfferingChange.objects.create(
            offering=offering, changed_at=clock.now(), muc_do_after=muc_do, active_after=active, note=note
        )
        return offering
    offering = AgencyProcedure.objects.select_for_update().get(pk=offering.pk)
    if offering.muc_do == muc_do and offering.active == active:
        return offering
    OfferingChange.objects.create(
        offering=offering,
        changed_at=clock.now(),
        muc_do_before=offering.muc_do,
        muc_do_after=muc_do,
        active_before=offering.active,
        active_after=active,
        note=note,
    )
    offering.muc_do = muc_do
    offering.active = active
    offering.save(update_fields=["muc_do", "active", "updated_at"])
    return offering


@transaction.atomic
def offer_many(pairs: Iterable[tuple[Agency, Procedure]], *, muc_do: int | None = None) -> int:
    """Bulk form of set_offering for loaders (the demo offers ~1,000 procedures in every commune).

    Creates the missing (agency, procedure) offerings as active, logs each creation, and leaves existing
    offerings untouched (their level and state stay what an administrator set). Returns how many it created.
    """
    if muc_do is not None and muc_do not in MucDo.values:
        raise InvalidInput(
            "invalid_muc_do", "Mức độ trực tuyến phải là 2, 3 hoặc 4 (Nghị định 42/2022/NĐ-CP)."
        )
    wanted = {(agency.pk, procedure.pk) for agency, procedure in pairs if procedure.active}
    if not wanted:
        return 0
    agency_ids = {agency_id for agency_id, _ in wanted}
    existing = set(
        AgencyProcedure.objects.filter(agency_id__in=agency_ids).values_list("agency_id", "procedure_id")
    )
    missing = sorted(wanted - existing)
    created = AgencyProcedure.objects.bulk_create(
        [AgencyProcedure(agency_id=a, procedure_id=p, muc_do=muc_do) for a, p in missing], batch_size=2000
    )
    if any(o.pk is None for o in created):  # backends that do not return ids from a bulk insert
        ids = {
            (a, p): pk
            for pk, a, p in AgencyProcedure.objects.filter(agency_id__in=agency_ids).values_list(
                "id", "agency_id", "procedure_id"
            )
        }
        for o in created:
            o.pk = ids[(o.agency_id, o.procedure_id)]
    moment = clock.now()
    OfferingChange.objects.bulk_create(
        [
            OfferingChange(offering_id=o.pk, changed_at=moment, muc_do_after=muc_do, active_after=True)
            for o in created
        ],
        batch_size=2000,
    )
    return len(created)


def _amount(value: Decimal | int | str | None, unit: str, name: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as exc:
        raise InvalidInput(
            "invalid_days", "Thời hạn phải là một số.", fields={name: "không phải số"}
        ) from exc
    if not is_plausible(amount, unit):
        raise InvalidInput(
            "implausible_days",
            "Thời hạn phải lớn hơn 0 và không quá 365 ngày.",
            fields={name: "ngoài khoảng cho phép"},
        )
    return amount


@transaction.atomic
def record_limits(
    *,
    procedure: Procedure,
    days: Decimal | int | str,
    unit: str,
    actor_note: str,
    days_online: Decimal | int | str | None = None,
    days_post: Decimal | int | str | None = None,
    actor: User | None = None,
) -> ProcedureVersion:
    """An administrator fixes a procedure's time limit: version N+1 with the limits, review flag cleared.

    `days` is the direct limit and, unless given separately, the online and post ones too. Content other
    than the limits, components and fees are copied unchanged from the current version.
    """
    if unit not in (TimeUnit.WORKING_DAY, TimeUnit.CALENDAR_DAY, TimeUnit.HOUR):
        raise InvalidInput(
            "invalid_time_unit",
            "Đơn vị thời hạn phải là ngày làm việc, ngày hoặc giờ.",
            fields={"unit": "không hợp lệ"},
        )
    note = (actor_note or "").strip()
    if not note:
        raise InvalidInput(
            "note_required",
            "Cần ghi căn cứ của thời hạn (ví dụ số quyết định công bố).",
            fields={"actor_note": "bắt buộc"},
        )
    direct = _amount(days, unit, "days")
    if direct is None:
        raise InvalidInput("days_required", "Cần nhập thời hạn giải quyết.", fields={"days": "bắt buộc"})
    online = _amount(days_online, unit, "days_online") or direct
    post = _amount(days_post, unit, "days_post") or direct

    locked = Procedure.objects.select_for_update().get(pk=procedure.pk)
    current = locked.current_version
    if current is None:
        raise Conflict("procedure_has_no_version", f"Thủ tục {locked.code} chưa có nội dung để ghi thời hạn.")
    last = ProcedureVersion.objects.filter(procedure=locked).aggregate(last=Max("number"))["last"] or 0
    skip = {"id", "number", "imported_at", "limits_source", "limits_note", "review_code", "recorded_by"}
    copied = {
        f.attname: getattr(current, f.attname)
        for f in ProcedureVersion._meta.concrete_fields
        if f.name not in skip
    }
    version = ProcedureVersion.objects.create(
        **{
            **copied,
            "days_direct": direct,
            "days_online": online,
            "days_post": post,
            "time_unit": unit,
            "same_day": False,
        },
        number=last + 1,
        imported_at=clock.now(),
        limits_source=LimitsSource.ADMIN,
        limits_note=note,
        review_code=ReviewCode.NONE,
        recorded_by=actor,
    )
    RequiredDocument.objects.bulk_create(
        RequiredDocument(
            version=version, order=d.order, name=d.name, group=d.group, mandatory=d.mandatory, copies=d.copies
        )
        for d in current.documents.all()
    )
    FeeLine.objects.bulk_create(
        FeeLine(
            version=version,
            order=f.order,
            channel=f.channel,
            kind=f.kind,
            description=f.description,
            amount_vnd=f.amount_vnd,
            exempt=f.exempt,
        )
        for f in current.fees.all()
    )
    locked.current_version = version
    locked.needs_review = False
    locked.review_code = ReviewCode.NONE
    locked.review_reason = ""
    locked.save(
        update_fields=["current_version", "needs_review", "review_code", "review_reason", "updated_at"]
    )
    return version
