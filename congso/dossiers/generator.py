"""Realistic dossier histories for the demo and the benchmarks, made by the lifecycle rules themselves.

Each dossier is driven through `lifecycle` (the functions the services call) at simulated past
moments, so its events, pauses, due dates and outcomes are exactly what live processing would have
written; the rows are then bulk-inserted with their outbox rows. Nothing here bypasses a rule: a
dossier whose story would run past "now" simply stays open at the step it reached.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from congso.core import clock
from congso.core.bulk import bulk_insert
from congso.core.text import vn_fold
from congso.dossiers import lifecycle
from congso.dossiers.choices import Channel, Source
from congso.dossiers.codes import format_code
from congso.dossiers.lifecycle import Context, Step
from congso.dossiers.models import Apology, CodeCounter, Dossier, DossierEvent, Pause
from congso.dossiers.services import limit_for, message_for, minutes_for, steps_for
from congso.identity.choices import ApplicantKind, IdKind
from congso.identity.models import Agency, Applicant
from congso.outbox.services import publish_many
from congso.workdays.selectors import calendar_for
from congso.workflow.models import ProcessTemplate
from congso.workflow.services import ensure_default_processes

SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLE = "Văn Thị Hữu Minh Ngọc Thanh Quốc Đức Thu Hoài Gia Bảo Xuân Kim".split()
GIVEN = "An Bình Chi Dũng Giang Hà Hải Hạnh Hòa Hùng Hương Khánh Lan Linh Long Mai Minh Nam Nga Phúc Quân Sơn Tâm Thảo Trang Trung Tú Tuấn Vy Yến".split()
BIRTH_PROVINCES = ["056", "058", "054", "068", "079", "001"]  # Khánh Hòa, Ninh Thuận and neighbours


@dataclass(frozen=True)
class Offering:
    agency: Agency
    procedure_code: str
    version_id: int
    name: str
    online: bool
    days: tuple[Decimal | None, str]  # direct limit
    days_online: tuple[Decimal | None, str]


@dataclass
class Plan:
    """One dossier's fate, drawn once."""

    channel: int
    supplement: bool
    slow: bool
    payment: bool
    withdraw: bool
    refuse_online: bool
    apologise: bool
    stop: bool


def draw_plan(rng: random.Random, online_allowed: bool) -> Plan:
    r = rng.random()
    channel = (
        Channel.ONLINE if online_allowed and r < 0.35 else Channel.POSTAL if r > 0.95 else Channel.COUNTER
    )
    slow = rng.random() < 0.09
    return Plan(
        channel=channel,
        supplement=rng.random() < 0.10,
        slow=slow,
        payment=rng.random() < 0.05,
        withdraw=rng.random() < 0.015,
        refuse_online=channel == Channel.ONLINE and rng.random() < 0.03,
        apologise=slow and rng.random() < 0.5,
        stop=rng.random() < 0.005,
    )


class Generator:
    def __init__(
        self,
        *,
        province_code: str,
        offerings: list[Offering],
        applicants: list[Applicant],
        seed: int,
        now: datetime | None = None,
        days_back: int = 365,
    ):
        self.rng = random.Random(seed)
        self.now = now or clock.now()
        self.start = self.now - timedelta(days=days_back)
        self.province_code = province_code
        self.calendar = calendar_for(province_code)
        self.offerings = offerings
        self.applicants = applicants
        self.steps: dict[str, list[Step]] = {}
        # Load what per-dossier lookups would otherwise fetch one by one: code counters of the period
        # and the process templates of every offered procedure.
        agency_codes = {o.agency.code for o in offerings}
        self.counters: dict[tuple[str, object], int] = {
            (c.agency_code, c.day): c.last
            for c in CodeCounter.objects.filter(
                agency_code__in=agency_codes, day__gte=clock.local(self.start).date() - timedelta(days=3)
            )
        }
        self.dirty_counters: set[tuple[str, object]] = set()
        self._prepare_processes()

    # -- time ---------------------------------------------------------------------------------------

    def _after(self, moment: datetime, hours: float) -> datetime:
        return self.calendar.add_working_hours(moment, Decimal(str(round(hours, 2)))).due

    def _random_receipt(self) -> datetime:
        span = (self.now - self.start).total_seconds()
        moment = self.start + timedelta(seconds=self.rng.random() * span)
        return self.calendar.snap(moment)

    # -- one dossier --------------------------------------------------------------------------------

    def _steps(self, offering: Offering, days, unit) -> list[Step]:
        if offering.procedure_code not in self.steps:
            self.steps[offering.procedure_code] = steps_for(
                offering.procedure_code, offering.name, days, unit
            )
        return self.steps[offering.procedure_code]

    def _prepare_processes(self) -> None:
        wanted = {}
        for o in self.offerings:
            for days, unit in (o.days, o.days_online):
                wanted[o.procedure_code] = (o.procedure_code, o.name, minutes_for(days, unit))
        ensure_default_processes(list(wanted.values()))
        templates = ProcessTemplate.objects.filter(key__in=list(wanted)).prefetch_related("steps")
        for template in templates:
            ordered = sorted(template.steps.all(), key=lambda s: s.order)
            self.steps[template.key] = [Step(s.code, s.role, s.minutes) for s in ordered]

    def _code(self, agency_code: str, at: datetime) -> str:
        day = clock.local(at).date()
        key = (agency_code, day)
        self.counters[key] = self.counters.get(key, 0) + 1
        self.dirty_counters.add(key)
        return format_code(agency_code, day, self.counters[key])

    def one(self) -> tuple[Dossier, list[DossierEvent], list[object]]:
        rng = self.rng
        offering = rng.choice(self.offerings)
        plan = draw_plan(rng, offering.online)
        version_stub = _VersionLimits(offering)
        days, unit = limit_for(version_stub, plan.channel)
        ctx = Context(
            calendar=self.calendar,
            steps=self._steps(offering, days, unit),
            pause_mode=settings.CONGSO_PAUSE_MODE,
            actor_name="Dữ liệu mô phỏng",
        )
        applicant = rng.choice(self.applicants)
        received = self._random_receipt()
        dossier = Dossier(
            province_code=self.province_code,
            agency=offering.agency,
            receiving_agency=offering.agency,
            procedure_version_id=offering.version_id,
            procedure_code=offering.procedure_code,
            applicant=applicant,
            channel=plan.channel,
            source=Source.PORTAL
            if plan.channel == Channel.ONLINE
            else Source.POSTAL
            if plan.channel == Channel.POSTAL
            else Source.COUNTER,
            summary=offering.name[:1000],
            limit_days=days,
            limit_unit=unit,
        )
        events: list[DossierEvent] = []
        step_hours = {s.code: s.minutes / 60 for s in ctx.steps}

        def do(fn: Callable, at: datetime, **kw) -> bool:
            if at > self.now:
                return False
            events.append(fn(dossier, ctx, at=at, **kw))
            return True

        if plan.channel == Channel.ONLINE:
            submitted = received - timedelta(hours=rng.uniform(0.2, 30))
            dossier.code = self._code(offering.agency.code, submitted)
            do(lifecycle.submit_online, submitted)
            if plan.refuse_online:
                do(lifecycle.refuse, received, reason="Hồ sơ không thuộc thẩm quyền giải quyết")
                return self._done(dossier, events, ctx)
        else:
            dossier.code = self._code(offering.agency.code, received)
        if not do(lifecycle.receive, received):
            return self._done(dossier, events, ctx)
        t = received
        if plan.withdraw:
            do(lifecycle.withdraw, self._after(t, rng.uniform(2, 40)), reason="Công dân đề nghị rút hồ sơ")
            t2 = self._after(events[-1].at, rng.uniform(1, 8))
            if do(lifecycle.finish, t2, reason="Văn bản trả lại hồ sơ"):
                do(lifecycle.return_result, self._after(t2, rng.uniform(1, 16)))
            return self._done(dossier, events, ctx)
        for code in ("receive", "specialist", "head", "leader"):
            share = rng.uniform(0.15, 0.9) * max(step_hours.get(dossier.step, 1), 0.25)
            if plan.slow and code == "specialist":
                share = share * rng.uniform(2.5, 5) + 8
            t = self._after(t, share)
            if code == "specialist" and plan.supplement:
                if not do(
                    lifecycle.request_supplement,
                    t,
                    reason="Hồ sơ còn thiếu giấy tờ",
                    items=["Bản sao giấy tờ chứng minh nhân thân", "Tờ khai có chữ ký"],
                ):
                    return self._done(dossier, events, ctx)
                t = self._after(t, rng.uniform(4, 60))
                if not do(lifecycle.receive_supplement, t):
                    return self._done(dossier, events, ctx)
                # The completed dossier is examined again at the same step before it moves on.
                t = self._after(t, rng.uniform(2, 16))
            if code == "specialist" and plan.payment:
                if not do(
                    lifecycle.request_payment, t, reason="Nộp phí, lệ phí theo quy định", amount_vnd=50000
                ):
                    return self._done(dossier, events, ctx)
                t = self._after(t, rng.uniform(1, 24))
                if not do(lifecycle.record_payment, t):
                    return self._done(dossier, events, ctx)
            if code == "head" and plan.stop:
                do(lifecycle.stop, t, reason="Chờ kết quả xác minh của cơ quan khác", final=True)
                return self._done(dossier, events, ctx)
            if code == "specialist" and plan.apologise and dossier.due_at is not None:
                letter_at = t
                new_due = self._after(max(dossier.due_at, letter_at), rng.uniform(8, 40))
                if letter_at <= self.now and new_due > letter_at:
                    do(
                        lifecycle.apologise,
                        letter_at,
                        reason="Cần xác minh thêm thông tin",
                        new_due_at=new_due,
                    )
            if code == "leader":
                if not do(lifecycle.finish, t):
                    return self._done(dossier, events, ctx)
                break
            if not do(lifecycle.forward, t):
                return self._done(dossier, events, ctx)
        do(lifecycle.return_result, self._after(t, rng.uniform(0.5, 24)))
        return self._done(dossier, events, ctx)

    def _done(self, dossier: Dossier, events: list[DossierEvent], ctx: Context):
        applicant = dossier.applicant
        dossier.search_text = vn_fold(f"{dossier.code} {applicant.full_name} {applicant.id_number}")[:400]
        return dossier, events, ctx.records

    # -- many ---------------------------------------------------------------------------------------

    def run(self, count: int, *, chunk: int = 5000, progress: Callable[[int], None] | None = None) -> int:
        made = 0
        while made < count:
            size = min(chunk, count - made)
            batch = [self.one() for _ in range(size)]
            with transaction.atomic():
                bulk_insert(Dossier, [d for d, _, _ in batch])
                bulk_insert(DossierEvent, [e for _, es, _ in batch for e in es])
                records = [r for _, _, rs in batch for r in rs]
                bulk_insert(Pause, [r for r in records if isinstance(r, Pause)])
                bulk_insert(Apology, [r for r in records if isinstance(r, Apology)])
                publish_many([(message_for(d, e), e.at) for d, es, _ in batch for e in es])
                self._save_counters()
            made += size
            if progress:
                progress(size)
        return made

    def _save_counters(self) -> None:
        """Persist the code counters this chunk advanced, so live intake continues the sequences."""
        dirty = self.dirty_counters
        if not dirty:
            return
        existing = {
            (c.agency_code, c.day): c
            for c in CodeCounter.objects.filter(
                agency_code__in={a for a, _ in dirty}, day__in={d for _, d in dirty}
            )
        }
        fresh, changed = [], []
        for key in dirty:
            row = existing.get(key)
            if row is None:
                fresh.append(CodeCounter(agency_code=key[0], day=key[1], last=self.counters[key]))
            elif row.last < self.counters[key]:
                row.last = self.counters[key]
                changed.append(row)
        CodeCounter.objects.bulk_create(fresh, batch_size=5000)
        CodeCounter.objects.bulk_update(changed, ["last"], batch_size=500)
        dirty.clear()


class _VersionLimits:
    """Just enough of a ProcedureVersion for services.limit_for()."""

    def __init__(self, offering: Offering):
        self.days_direct, unit_direct = offering.days
        self.days_online, unit_online = offering.days_online
        self.time_unit = unit_direct or unit_online
        self.same_day = unit_direct == "same_day"


def offerings_for(province_code: str) -> list[Offering]:
    """Every (agency, procedure) the province offers, with the limits of the procedure's current version."""
    from congso.catalog.models import AgencyProcedure

    rows = AgencyProcedure.objects.filter(
        active=True,
        agency__province__code=province_code,
        agency__province__era="current",
        procedure__current_version__isnull=False,
    ).select_related("agency", "procedure__current_version")
    result = []
    for row in rows:
        version = row.procedure.current_version
        result.append(
            Offering(
                agency=row.agency,
                procedure_code=row.procedure.code,
                version_id=version.id,
                name=version.name,
                online=version.online_submission is not False,
                days=limit_for(version, Channel.COUNTER),
                days_online=limit_for(version, Channel.ONLINE),
            )
        )
    return result


def make_applicants(count: int, *, seed: int) -> list[Applicant]:
    """`count` citizens with well-formed 12-digit identification numbers, saved in bulk."""
    rng = random.Random(seed)
    seen = set(Applicant.objects.values_list("id_number", flat=True))
    rows = []
    while len(rows) < count:
        year = rng.randint(1950, 2006)
        century_sex = (0 if year < 2000 else 2) + rng.randint(0, 1)
        number = f"{rng.choice(BIRTH_PROVINCES)}{century_sex}{year % 100:02d}{rng.randint(0, 999999):06d}"
        if number in seen:
            continue
        seen.add(number)
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        rows.append(
            Applicant(
                kind=ApplicantKind.CITIZEN,
                id_kind=IdKind.PERSONAL_ID,
                id_number=number,
                full_name=name,
                phone=f"09{rng.randint(0, 99999999):08d}",
            )
        )
    return Applicant.objects.bulk_create(rows, batch_size=5000)
