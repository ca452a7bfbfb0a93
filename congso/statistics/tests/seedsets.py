"""Dossier sets consistent with the statistics the provincial reports published (seed-figures.json), written
as dossier records (/work/shared/docs/dossier-record.md) so the seed tests push them through the real
importer and read them back through the real reports.

Ninh Thuận 2020 (Decision 2314/QĐ-UBND, seed 003): 57.393 dossiers received in 2020, 21.128 by provincial
departments (6.021 online) and 36.265 by district units (district People's Committees 6.936, land-registry
branches 29.329 over 32 procedures, none online); 40.290 resolved, 17.103 still open at 31/12/2020; on time
or early 80,23% overall, 99,72% at province level, 59,86% at district level. The report gives no counts
behind the three rates, so `find_on_time_split` searches the integer counts whose rates round half-up to
all three. Everything the report does not publish (early vs on time, pending within time vs overdue, the
spread over units and days) is a stated choice below, never derived from the figures under test.

Agencies are the pre-merger units: tenant province Khánh Hòa (56, which inherited Ninh Thuận's dossiers
on 01/07/2025) with `former_province` = Ninh Thuận (58). Agency codes have the QCVN 102:2016 shape but are
test codes, not the official list; procedure codes likewise (test catalogue, `make_procedure`).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from congso.catalog.models import AgencyProcedure
from congso.core.clock import VN_TZ
from congso.core.text import round_percent
from congso.dossiers.tests.conftest import make_khanh_hoa, make_procedure
from congso.identity import services as identity
from congso.identity.choices import AgencyKind
from congso.identity.models import Agency
from congso.places.models import Province
from congso.workdays.calendar import WorkCalendar
from congso.workdays.holidays_vn import statutory_year

TENANT = "56"  # Khánh Hòa, current era
FORMER = "58"  # Ninh Thuận, before 01/07/2025

DEPARTMENT, DISTRICT_COMMITTEE, LAND_REGISTRY = "department", "district_committee", "land_registry"
LEVEL = {DEPARTMENT: "province", DISTRICT_COMMITTEE: "district", LAND_REGISTRY: "district"}


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    group: str  # department | district_committee | land_registry
    weight: int  # share of its group's dossiers (a choice: the report gives no per-unit figures)
    procedures: tuple[str, ...]

    @property
    def level(self) -> str:
        return LEVEL[self.group]

    @property
    def kind(self) -> str:
        # There is no district tier since 01/07/2025 and so no district AgencyKind: a former district
        # People's Committee is "khác"; a land-registry branch is a branch of the provincial land office.
        return {
            DEPARTMENT: AgencyKind.DEPARTMENT,
            DISTRICT_COMMITTEE: AgencyKind.OTHER,
            LAND_REGISTRY: AgencyKind.BRANCH,
        }[self.group]


@dataclass(frozen=True)
class Procedure:
    code: str
    field: str
    days: int  # working days from receipt to the due date (NgayHenTra is given, never recomputed)
    online: bool


def _procedures() -> dict[str, Procedure]:
    out: dict[str, Procedure] = {}
    departments = {
        "Tư pháp": 5, "Đầu tư": 10, "Xây dựng": 15, "Môi trường": 20, "Đường bộ": 5,
        "Lao động": 10, "Công Thương": 10, "Y tế": 15, "Giáo dục và Đào tạo": 5, "Nông nghiệp": 10,
    }  # fmt: skip
    for n, (field_name, days) in enumerate(departments.items()):
        for k in range(2):
            code = f"1.9{n:02d}{k:03d}"
            out[code] = Procedure(code, field_name, days, online=True)
    for k, (field_name, days) in enumerate([("Hộ tịch", 3), ("Hộ tịch", 5), ("Chứng thực", 2)]):
        code = f"2.9{k:05d}"
        out[code] = Procedure(code, field_name, days, online=False)
    # 29.329 land-registry dossiers "trên 32 thủ tục hành chính": 32 land procedures.
    for k in range(32):
        code = f"1.98{k:04d}"
        out[code] = Procedure(code, "Đất đai", 10 + (k % 4) * 5, online=False)
    return out


PROCEDURES = _procedures()
_DEPT_NAMES = [
    "Sở Tư pháp", "Sở Kế hoạch và Đầu tư", "Sở Xây dựng", "Sở Tài nguyên và Môi trường",
    "Sở Giao thông vận tải", "Sở Lao động - Thương binh và Xã hội", "Sở Công Thương", "Sở Y tế",
    "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Phát triển nông thôn",
]  # fmt: skip
_DEPT_WEIGHTS = [14, 16, 8, 10, 20, 9, 6, 7, 5, 5]
_DISTRICTS = [
    ("Thành phố Phan Rang - Tháp Chàm", 30), ("Huyện Bác Ái", 5), ("Huyện Ninh Hải", 13),
    ("Huyện Ninh Phước", 16), ("Huyện Ninh Sơn", 13), ("Huyện Thuận Bắc", 8), ("Huyện Thuận Nam", 15),
]  # fmt: skip


def ninh_thuan_units() -> list[Unit]:
    codes = sorted(PROCEDURES)
    units = [
        Unit(f"000.00.{11 + n:02d}.H{FORMER}", name, DEPARTMENT, w, tuple(codes[2 * n : 2 * n + 2]))
        for n, (name, w) in enumerate(zip(_DEPT_NAMES, _DEPT_WEIGHTS, strict=True))
    ]
    committee_procs = tuple(c for c in codes if c.startswith("2.9"))
    land_procs = tuple(c for c in codes if c.startswith("1.98"))
    for n, (name, w) in enumerate(_DISTRICTS):
        committee = f"UBND {name[0].lower()}{name[1:]}"
        branch = f"Chi nhánh Văn phòng Đăng ký đất đai {name.removeprefix('Huyện ')}"
        units.append(
            Unit(f"000.00.{41 + n:02d}.H{FORMER}", committee, DISTRICT_COMMITTEE, w, committee_procs)
        )
        units.append(Unit(f"000.{21 + n:02d}.14.H{FORMER}", branch, LAND_REGISTRY, w, land_procs))
    return units


# --- the counts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fates:
    """How the dossiers of one group (or one unit) end in the period: received online/direct, resolved
    early/on time (of which withdrawn)/late, pending within time/overdue at 31/12."""

    online: int = 0
    direct: int = 0
    early: int = 0
    on_time: int = 0
    withdrawn: int = 0  # counted in on_time (Form 06: "đúng hạn, kể cả rút hồ sơ")
    late: int = 0
    within: int = 0
    overdue: int = 0

    def __post_init__(self) -> None:
        if (
            min(vars(self).values()) < 0
            or self.withdrawn > self.on_time
            or self.received != (self.resolved + self.pending)
        ):
            raise ValueError(f"inconsistent fates {self}")

    @property
    def received(self) -> int:
        return self.online + self.direct

    @property
    def resolved(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def punctual(self) -> int:
        return self.early + self.on_time

    @property
    def pending(self) -> int:
        return self.within + self.overdue


@dataclass(frozen=True)
class OnTimeSplit:
    province_resolved: int
    province_punctual: int
    district_resolved: int
    district_punctual: int

    @property
    def rates(self) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
        return (
            round_percent(
                self.province_punctual + self.district_punctual,
                self.province_resolved + self.district_resolved,
            ),
            round_percent(self.province_punctual, self.province_resolved),
            round_percent(self.district_punctual, self.district_resolved),
        )


def _hits(rate: Decimal, total: int) -> range:
    """The numerators n (0 ≤ n ≤ total) with round_percent(n, total) == rate: a run of consecutive
    integers around rate × total / 100 (the search tests each candidate with the real rule)."""
    centre, slack = int(rate * total / 100), total // 10_000 + 2
    window = range(max(0, centre - slack), min(total, centre + slack) + 1)
    found = [n for n in window if round_percent(n, total) == rate]
    return range(found[0], found[-1] + 1) if found else range(0)


def find_on_time_split(
    *,
    resolved: int,
    overall: Decimal,
    province: Decimal,
    district: Decimal,
    province_received: int,
    district_received: int,
) -> OnTimeSplit:
    """Published rates without counts: the smallest province resolved count (then the smallest numerators)
    for which (early + on time) ÷ resolved rounds half-up to all three published rates, with each level's
    resolved count within what it received."""
    low, high = max(1, resolved - district_received), min(province_received, resolved - 1)
    for p_resolved in range(low, high + 1):
        d_resolved = resolved - p_resolved
        for p_ok in _hits(province, p_resolved):
            for d_ok in _hits(district, d_resolved):
                if round_percent(p_ok + d_ok, resolved) == overall:
                    return OnTimeSplit(p_resolved, p_ok, d_resolved, d_ok)
    raise ValueError("no integer counts give the three published rates")


def _split_whole(n: int, weights: list[int]) -> list[int]:
    """n split by weights, largest remainder first (so the parts add up to n exactly)."""
    total = sum(weights)
    raw = [n * w / total for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(weights)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: n - sum(parts)]:
        parts[i] += 1
    return parts


def split_fates(fates: Fates, weights: list[int]) -> list[Fates]:
    """A group's fates over its units, each column split by weight; a unit's overdue count absorbs the
    rounding so every unit keeps received = resolved + pending (the group totals are unchanged, since
    the group's own identity holds)."""
    columns = {k: _split_whole(v, weights) for k, v in vars(fates).items()}
    out = []
    for i in range(len(weights)):
        row = {k: v[i] for k, v in columns.items()}
        row["overdue"] = (
            row["online"] + row["direct"] - row["early"] - row["on_time"] - row["late"] - row["within"]
        )
        out.append(Fates(**row))  # raises when a unit would get a negative count
    return out


# The published breakdown (seed-figures.json, nt2020.*), and the choices behind what it leaves open.
NT2020_PROVINCE_RECEIVED, NT2020_PROVINCE_ONLINE = 21_128, 6_021
NT2020_COMMITTEES, NT2020_LAND = 6_936, 29_329
NT2020_RESOLVED = 40_290
NT2020_RATES = {"overall": Decimal("80.23"), "province": Decimal("99.72"), "district": Decimal("59.86")}
EARLY_SHARE = Decimal("0.6")  # of the punctual dossiers, finished before the due date (not published)
WITHDRAWN_PER = 250  # one withdrawal per 250 punctual dossiers (not published)
WITHIN_SHARE = Decimal("0.3")  # of the open dossiers at 31/12, still within time (not published)
COMMITTEE_OPEN, COMMITTEE_PUNCTUAL = 450, Decimal("0.95")  # district committees (not published)


def _punctual(total: int) -> dict[str, int]:
    early = int(total * EARLY_SHARE)
    return {"early": early, "on_time": total - early, "withdrawn": total // WITHDRAWN_PER}


def _open(total: int) -> dict[str, int]:
    within = int(total * WITHIN_SHARE)
    return {"within": within, "overdue": total - within}


def nt2020_fates() -> tuple[OnTimeSplit, dict[str, Fates]]:
    split = find_on_time_split(
        resolved=NT2020_RESOLVED,
        **NT2020_RATES,
        province_received=NT2020_PROVINCE_RECEIVED,
        district_received=NT2020_COMMITTEES + NT2020_LAND,
    )
    department = Fates(
        online=NT2020_PROVINCE_ONLINE,
        direct=NT2020_PROVINCE_RECEIVED - NT2020_PROVINCE_ONLINE,
        late=split.province_resolved - split.province_punctual,
        **_punctual(split.province_punctual),
        **_open(NT2020_PROVINCE_RECEIVED - split.province_resolved),
    )
    c_resolved = NT2020_COMMITTEES - COMMITTEE_OPEN
    c_punctual = int(c_resolved * COMMITTEE_PUNCTUAL)
    committees = Fates(
        direct=NT2020_COMMITTEES,
        late=c_resolved - c_punctual,
        **_punctual(c_punctual),
        **_open(COMMITTEE_OPEN),
    )
    l_resolved, l_punctual = split.district_resolved - c_resolved, split.district_punctual - c_punctual
    land = Fates(
        direct=NT2020_LAND,
        late=l_resolved - l_punctual,
        **_punctual(l_punctual),
        **_open(NT2020_LAND - l_resolved),
    )
    return split, {DEPARTMENT: department, DISTRICT_COMMITTEE: committees, LAND_REGISTRY: land}


# --- the records ---------------------------------------------------------------------------------------


class Days:
    """Working days of the legal calendar (holidays.VN; Decree 145/2020/NĐ-CP art. 111-112) from a year's
    first day on, by index, so a due date is "receipt + n working days" at the receipt's time of day."""

    def __init__(self, year: int) -> None:
        calendar = WorkCalendar(statutory=statutory_year)
        first, stop = date(year, 1, 1), date(year + 1, 6, 30)
        self.days = [
            first + timedelta(n)
            for n in range((stop - first).days)
            if calendar.is_working_day(first + timedelta(n))
        ]
        self.last = max(i for i, d in enumerate(self.days) if d.year == year)  # last working day of the year


def _at(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(7, 30), tzinfo=VN_TZ) + timedelta(minutes=minutes)


def _stamp(moment: datetime) -> str:
    """yyyyMMddHHmmss on Vietnamese time (every moment here is built on VN_TZ; strftime is 5× slower)."""
    m = moment if moment.tzinfo is VN_TZ else moment.astimezone(VN_TZ)
    return f"{m.year:04d}{m.month:02d}{m.day:02d}{m.hour:02d}{m.minute:02d}{m.second:02d}"


@dataclass
class SeedSet:
    lines: list[str]  # the dossier records, one JSON line each
    units: list[Unit]
    split: OnTimeSplit  # the counts behind the three published on-time rates
    fates: dict[str, Fates]  # by group


_OFFICE_MINUTES = 9 * 60  # 07:30–16:30


class _Writer:
    def __init__(self, days: Days, rng: random.Random) -> None:
        self.days, self.rng = days, rng
        self.seq: dict[tuple[str, date], int] = {}
        self.applicants = [self._applicant(i) for i in range(400)]

    def _applicant(self, i: int) -> dict[str, object]:
        surname = ["Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Võ", "Huỳnh", "Phan"][i % 8]
        given = ["An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Lan", "Minh", "Nam", "Thảo"][(i // 8) % 10]
        # Số định danh: birth-registration province 058 (Ninh Thuận), century/sex digit, year, serial.
        number = f"058{i % 2}{60 + i % 40:02d}{100000 + i:06d}"
        return {"HoTen": f"{surname} Văn {given}", "SoDinhDanh": number, "LoaiDoiTuong": 1}

    def record(self, unit: Unit, fate: str, online: bool) -> dict[str, object]:
        rng, days = self.rng, self.days
        procedure = PROCEDURES[rng.choice(unit.procedures)]
        limit = procedure.days
        last = days.last
        # The receipt day is drawn among those that let the fate happen within the year.
        if fate in ("early", "on_time", "withdrawn"):
            received = rng.randint(0, last - limit)
        elif fate == "late":
            received = rng.randint(0, last - limit - 1)
        elif fate == "within":  # open at 31/12 with date(due) ≥ 31/12
            received = rng.randint(max(0, last - limit), last)
        else:  # overdue: open at 31/12, date(due) < 31/12
            received = rng.randint(0, last - limit - 1)
        received_at = _at(days.days[received], rng.randrange(_OFFICE_MINUTES - 60))
        due_at = datetime.combine(days.days[received + limit], received_at.timetz())
        history = []
        submitted_at = None
        if online:
            submitted_at = received_at - timedelta(minutes=rng.randint(30, 600))
            history.append((submitted_at, 1, "Nộp hồ sơ trực tuyến"))
        history.append((received_at, 2, "Tiếp nhận hồ sơ"))
        forwarded = received_at + timedelta(minutes=30)
        ended_at = returned_at = None
        if fate in ("within", "overdue"):
            if rng.random() < 0.8:
                history.append((forwarded, 4, "Chuyển chuyên viên xử lý"))
            status = history[-1][1]
        else:
            history.append((forwarded, 4, "Chuyển chuyên viên xử lý"))
            if fate == "early":
                end = rng.randint(received, received + limit - 1)
            elif fate == "late":
                end = rng.randint(received + limit + 1, min(last, received + limit + 25))
            else:
                end = received + limit
            end_day = days.days[end]
            if end == received:
                ended_at = forwarded + timedelta(minutes=rng.randint(30, 90))
            else:
                ended_at = _at(end_day, rng.randrange(_OFFICE_MINUTES))
            if fate == "on_time" and ended_at > due_at:  # same date, before the appointed hour
                ended_at = max(
                    forwarded + timedelta(minutes=1), due_at - timedelta(minutes=rng.randint(1, 60))
                )
            if fate == "withdrawn":
                history.append((ended_at, 7, "Công dân yêu cầu rút hồ sơ"))
                history.append((ended_at + timedelta(hours=1), 9, "Văn bản trả hồ sơ"))
            else:
                history.append((ended_at, 9, "Kết thúc xử lý hồ sơ"))
            returned_at = history[-1][0] + timedelta(hours=2)
            history.append((returned_at, 10, "Trả kết quả"))
            status = 10
        day = received_at.date()
        n = self.seq[(unit.code, day)] = self.seq.get((unit.code, day), 0) + 1
        record: dict[str, object] = {
            "MaHoSo": f"{unit.code}-{day:%y%m%d}-{n:04d}",
            "MaTTHC": procedure.code,
            "MaDonViTiepNhan": unit.code,
            "TenDonViTiepNhan": unit.name,
            "KenhThucHien": 2 if online else 1,
            "TrangThaiHoSo": status,
            "NgayTiepNhan": _stamp(received_at),
            "NgayHenTra": _stamp(due_at),
            "ChuHoSo": rng.choice(self.applicants),
            "QuaTrinhXuLy": [
                {"ThoiDiemXuLy": _stamp(at), "TrangThai": s, "NoiDungXuLy": text} for at, s, text in history
            ],
        }
        if submitted_at is not None:
            record["NgayNopHoSo"] = _stamp(submitted_at)
        if ended_at is not None:
            record["NgayKetThucXuLy"] = _stamp(ended_at)
            record["NgayTra"] = _stamp(returned_at)
        return record


def _fate_list(f: Fates) -> list[str]:
    return (
        ["early"] * f.early
        + ["withdrawn"] * f.withdrawn
        + ["on_time"] * (f.on_time - f.withdrawn)
        + ["late"] * f.late
        + ["within"] * f.within
        + ["overdue"] * f.overdue
    )


def ninh_thuan_2020(seed: int = 2020) -> SeedSet:
    """The Ninh Thuận 2020 set as dossier records (JSON lines), in receipt order per unit."""
    split, fates = nt2020_fates()
    units = ninh_thuan_units()
    writer = _Writer(Days(2020), random.Random(seed))
    lines: list[str] = []
    for group, group_fates in fates.items():
        members = [u for u in units if u.group == group]
        for unit, f in zip(members, split_fates(group_fates, [u.weight for u in members]), strict=True):
            kinds = _fate_list(f)
            writer.rng.shuffle(kinds)
            # The first `online` dossiers of the shuffled list came online (online is independent of fate).
            records = [writer.record(unit, kind, i < f.online) for i, kind in enumerate(kinds)]
            records.sort(key=lambda r: r["NgayTiepNhan"])
            lines.extend(json.dumps(r, ensure_ascii=False) for r in records)
    return SeedSet(lines, units, split, fates)


# --- the database side: the agencies and procedures the records name -----------------------------------


def install_ninh_thuan(units: list[Unit]) -> dict[str, Agency]:
    """Khánh Hòa (tenant) and the former Ninh Thuận (legacy province 58, merged into Khánh Hòa), the former
    provincial committee, the units of the set (closed since the 2025 reorganisation, `former_province` =
    Ninh Thuận) and the test catalogue procedures they offered."""
    home = make_khanh_hoa()
    ninh_thuan = Province.objects.create(
        era="legacy", code=FORMER, name="Tỉnh Ninh Thuận", short_name="Ninh Thuận", kind="tinh",
        successor=home.province,
    )  # fmt: skip
    committee = identity.create_agency(
        actor=None, code=f"000.00.00.H{FORMER}", name="UBND tỉnh Ninh Thuận", province=home.province,
        kind=AgencyKind.PROVINCE_COMMITTEE,
    )  # fmt: skip
    procedures = {
        p.code: make_procedure(p.code, days=str(p.days), online=p.online, field_name=p.field)
        for p in PROCEDURES.values()
    }
    agencies: dict[str, Agency] = {}
    land_office = next(u for u in units if u.name == "Sở Tài nguyên và Môi trường")
    for unit in sorted(units, key=lambda u: u.group != DEPARTMENT):
        parent = agencies[land_office.code] if unit.group == LAND_REGISTRY else committee
        agencies[unit.code] = identity.create_agency(
            actor=None, code=unit.code, name=unit.name, province=home.province, kind=unit.kind, parent=parent
        )
        AgencyProcedure.objects.bulk_create(
            AgencyProcedure(agency=agencies[unit.code], procedure=procedures[c]) for c in unit.procedures
        )
    Agency.objects.filter(code__in=[*agencies, committee.code]).update(
        former_province=ninh_thuan, active=False
    )
    return agencies
