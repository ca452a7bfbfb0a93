"""The demo's imported history: "Ninh Thuận 2024", dossiers of the former Ninh Thuận departments.

Since 01/07/2025 Khánh Hòa includes former Ninh Thuận (Resolution 202/2025/QH15) and inherits its
dossiers. The demo shows that migration: the former departments exist as closed agencies
(`former_province` = the legacy Ninh Thuận row, `successor` = the Khánh Hòa department that took
over), a few hundred records of 2024 are written in the national portal's record format
(dossier-record.md) and go in through the real import service, as a real migration would.
Deterministic (a seed), so loading the demo twice finds every record unchanged.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from decimal import Decimal

from congso.core.clock import vn
from congso.dossiers.choices import Channel, Status
from congso.dossiers.generator import GIVEN, MIDDLE, SURNAMES, Offering, offerings_for
from congso.dossiers.lifecycle import Context, compute_due
from congso.dossiers.records.importer import ImportReport, import_records
from congso.dossiers.records.record import HistoryRow, Owner, PauseRow, Record, to_line
from congso.identity import services as identity
from congso.identity.choices import AgencyKind
from congso.identity.models import Agency
from congso.places.models import Province
from congso.workdays.selectors import calendar_for

SOURCE = "ninh-thuan-2024.jsonl"
NINH_THUAN = "58"  # GSO code of the pre-merger province (legacy era)
SUFFIX = "H58"  # province part of the former agencies' codes: a placeholder, like the demo's H34
# (level-2 number, former department, short name of the Khánh Hòa department that took it over).
# The 2025 restructuring (Decree 45/2025/NĐ-CP) merged several departments into one; numbers are
# placeholders as in congso.demo.province.
FORMER_DEPARTMENTS = [
    (16, "Sở Tư pháp tỉnh Ninh Thuận", "STP"),
    (10, "Sở Tài chính tỉnh Ninh Thuận", "STC"),
    (21, "Sở Kế hoạch và Đầu tư tỉnh Ninh Thuận", "STC"),
    (11, "Sở Xây dựng tỉnh Ninh Thuận", "SXD"),
    (22, "Sở Giao thông vận tải tỉnh Ninh Thuận", "SXD"),
    (12, "Sở Tài nguyên và Môi trường tỉnh Ninh Thuận", "SNNMT"),
    (23, "Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Thuận", "SNNMT"),
    (13, "Sở Nội vụ tỉnh Ninh Thuận", "SNV"),
    (24, "Sở Lao động - Thương binh và Xã hội tỉnh Ninh Thuận", "SNV"),
    (14, "Sở Y tế tỉnh Ninh Thuận", "SYT"),
    (15, "Sở Giáo dục và Đào tạo tỉnh Ninh Thuận", "SGDĐT"),
]
YEAR = 2024


def ensure_former_agencies(province: Province, agencies: dict[str, Agency]) -> dict[Agency, Agency]:
    """The former Ninh Thuận departments, closed into their Khánh Hòa successors: {former: successor}."""
    ninh_thuan = Province.objects.get(era="legacy", code=NINH_THUAN)
    result = {}
    for number, name, successor_short in FORMER_DEPARTMENTS:
        code = f"000.00.{number:02d}.{SUFFIX}"
        successor = agencies[successor_short]
        former = Agency.objects.filter(code=code).first()
        if former is None:
            former = identity.create_agency(
                actor=None, code=code, name=name, province=province, kind=AgencyKind.DEPARTMENT, imported=True
            )
        if former.successor_id != successor.id:
            identity.close_into_successor(
                actor=None, agency=former, successor=successor, former_province=ninh_thuan
            )
        result[former] = successor
    return result


class _Story:
    """One dossier's 2024 history, drawn from a seeded generator and timed on the working calendar."""

    def __init__(self, rng: random.Random, calendar, number: int, former: Agency, offering: Offering):
        self.rng, self.calendar, self.former, self.offering = rng, calendar, former, offering
        self.number = number
        self.rows: list[HistoryRow] = []
        self.pauses: list[PauseRow] = []

    def after(self, moment: datetime, hours: float) -> datetime:
        return self.calendar.add_working_hours(moment, Decimal(str(round(hours, 1)))).due.replace(
            microsecond=0
        )

    def row(self, at: datetime, status: int, content: str) -> None:
        self.rows.append(HistoryRow(at, status, content, "", self.former.name))

    def record(self) -> Record:
        rng, cal = self.rng, self.calendar
        online = self.offering.online and rng.random() < 0.35
        channel = Channel.ONLINE if online else Channel.POSTAL if rng.random() < 0.04 else Channel.COUNTER
        start = vn(YEAR, 1, 2, 8) + timedelta(minutes=rng.randrange(0, 363 * 24 * 60))
        received = cal.snap(start).replace(second=0, microsecond=0)
        submitted = None
        if online:
            submitted = (received - timedelta(hours=rng.uniform(1, 20))).replace(second=0, microsecond=0)
            self.row(submitted, Status.SUBMITTED, "Nộp hồ sơ trực tuyến")
            if rng.random() < 0.04:
                refused = self.after(submitted, 2)
                self.row(refused, Status.REFUSED, "Hồ sơ không thuộc thẩm quyền giải quyết")
                return self._record(channel, submitted=submitted, refused=refused)
        days, unit = self.offering.days_online if online else self.offering.days
        due = compute_due(Context(calendar=cal, steps=[]), start=received, days=days, unit=unit)
        due = due.replace(microsecond=0) if due else None
        # Working hours the officers took to finish: a share of the limit (8-hour days).
        limit_hours = {"hour": float(days or 8), "same_day": 4.0}.get(unit, float(days or 5) * 8)
        self.row(received, Status.RECEIVED, "Tiếp nhận hồ sơ")
        t = self.after(received, rng.uniform(0.5, 4))
        self.row(t, Status.PROCESSING, "Chuyển chuyên viên xử lý")
        if rng.random() < 0.02:
            ended = self.after(t, rng.uniform(2, 16))
            self.row(ended, Status.WITHDRAWN, "Công dân đề nghị rút hồ sơ")
            t = self.after(ended, 4)
            self.row(t, Status.FINISHED, "Văn bản trả lại hồ sơ")
            returned = self.after(t, 2)
            self.row(returned, Status.RETURNED, "Trả kết quả")
            return self._record(channel, submitted, received, due, ended=ended, returned=returned)
        if rng.random() < 0.08:
            asked = self.after(t, rng.uniform(2, 12))
            self.row(asked, Status.SUPPLEMENT_REQUESTED, "Yêu cầu bổ sung hồ sơ")
            back = self.after(asked, rng.uniform(8, 40))
            # Restart (Decree 61/2018 art. 15, as in Decree 118/2025): the full limit runs again.
            new_due = compute_due(Context(calendar=cal, steps=[]), start=back, days=days, unit=unit)
            new_due = new_due.replace(microsecond=0) if new_due else None
            self.pauses.append(PauseRow(asked, back, due, new_due, "Bổ sung giấy tờ còn thiếu"))
            self.row(back, Status.RECEIVED, "Nhận hồ sơ bổ sung")
            due, t = new_due, self.after(back, 2)
            self.row(t, Status.PROCESSING, "Chuyển chuyên viên xử lý")
        if received > vn(YEAR, 12, 20) and rng.random() < 0.5:
            return self._record(channel, submitted, received, due)  # still open at the migration
        late = rng.random() < 0.1
        ended = self.after(t, limit_hours * (rng.uniform(1.05, 1.6) if late else rng.uniform(0.2, 0.9)))
        self.row(ended, Status.FINISHED, "Kết thúc xử lý hồ sơ")
        returned = self.after(ended, rng.uniform(1, 16))
        self.row(returned, Status.RETURNED, "Trả kết quả")
        return self._record(channel, submitted, received, due, ended=ended, returned=returned)

    def _record(
        self, channel, submitted=None, received=None, due=None, *, ended=None, refused=None, returned=None
    ):
        day = (received or submitted).astimezone(vn(YEAR, 1, 1).tzinfo)
        rng = self.rng
        year = rng.randint(1955, 2005)
        number = (
            f"058{(0 if year < 2000 else 2) + rng.randint(0, 1)}{year % 100:02d}{rng.randint(0, 999999):06d}"
        )
        return Record(
            code=f"{self.former.code}-{day:%y%m%d}-{self.number:04d}",
            procedure_code=self.offering.procedure_code,
            agency_code=self.former.code,
            agency_name=self.former.name,
            channel=channel,
            status=self.rows[-1].status,
            history=tuple(self.rows),
            submitted_at=submitted,
            received_at=received,
            due_at=due,
            ended_at=ended,
            refused_at=refused,
            returned_at=returned,
            owner=Owner(f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}", number, 1, 1),
            summary=self.offering.name[:1000],
            pauses=tuple(self.pauses),
        )


def history_lines(formers: dict[Agency, Agency], count: int, seed: int) -> Iterator[str]:
    """`count` records of 2024, each received by a former department for a procedure its successor
    offers now (the catalogue is today's; the demo has no 2024 catalogue)."""
    rng = random.Random(seed)
    calendar = calendar_for("56")
    by_agency: dict[int, list[Offering]] = {}
    for offering in offerings_for("56"):
        by_agency.setdefault(offering.agency.id, []).append(offering)
    pairs = [
        (former, by_agency[successor.id])
        for former, successor in formers.items()
        if successor.id in by_agency
    ]
    for number in range(1, count + 1):
        former, offerings = rng.choice(pairs)
        yield to_line(_Story(rng, calendar, number, former, rng.choice(offerings)).record())


def ensure_history(
    province: Province,
    agencies: dict[str, Agency],
    *,
    count: int = 300,
    seed: int = 2024,
    progress: Callable | None = None,
) -> ImportReport:
    formers = ensure_former_agencies(province, agencies)
    return import_records(
        history_lines(formers, count, seed), source=SOURCE, province_code=province.code, progress=progress
    )
