"""The plan's targets for 2025 and 2030 (data/plan-targets.json) and the Decision 766 service-index targets,
beside the value congso measures, with an on-track / behind / no-data mark. Never an invented value.

`data/plan-targets.json` is a verbatim copy of /work/shared/data/plan-targets.json (sha256
af322a944047fac6c0d0d44298b31ee7de49cba08df0e1a476ba96f5b859c2c5): the targets of Decision
2314/QĐ-UBND of 15/12/2021 (Ninh Thuận's digital-transformation plan 2021–2025, orientation 2030; the
province merged into Khánh Hòa on 01/07/2025), copied so the app does not read outside the project.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Q

from congso.catalog.choices import MucDo
from congso.catalog.models import AgencyProcedure
from congso.core.text import format_number
from congso.statistics.dashboard.live import Scope
from congso.statistics.dashboard.shares import Share, Shares, shares
from congso.statistics.index766.formulas import FB, INDICATORS_2022, WAITS_FOR
from congso.statistics.periods import Period

PLAN_FILE = Path(__file__).resolve().parents[1] / "data" / "plan-targets.json"
NO_DATA_TEXT = "chưa có số liệu trong congso"

ON_TRACK, BEHIND, NO_DATA = "on_track", "behind", "no_data"
STATUS_LABELS = {ON_TRACK: "Đạt mục tiêu", BEHIND: "Chưa đạt", NO_DATA: NO_DATA_TEXT.capitalize()}
DIRECTIONS = {"at_least": "tối thiểu", "above": "trên", "at_most": "hạng không quá"}


def mark(actual: Decimal | None, target: Decimal | None, direction: str) -> str:
    """on_track when the actual value meets the target in the target's direction (a rank meets
    `at_most` 15 at 15 or better), behind otherwise, no_data without an actual value or a target."""
    if direction not in DIRECTIONS:
        raise ImproperlyConfigured(f"Hướng chỉ tiêu “{direction}” không hợp lệ.")
    if actual is None or target is None:
        return NO_DATA
    met = {"at_least": actual >= target, "above": actual > target, "at_most": actual <= target}[direction]
    return ON_TRACK if met else BEHIND


@dataclass
class TargetRow:
    id: str
    source: str  # "plan" (Decision 2314/QĐ-UBND) or "766" (Decision 766/QĐ-TTg)
    group: str
    indicator: str
    unit: str  # percent | rank
    direction: str
    baseline: Decimal | None
    target_2025: Decimal | None
    target_2030: Decimal | None
    reference_year: str  # which target the status compares with: "2025", "2030" or "QĐ 766"
    reference_target: Decimal | None
    actual: Decimal | None
    note: str  # how the actual value is measured, or why there is none
    status: str = NO_DATA

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def direction_label(self) -> str:
        return DIRECTIONS[self.direction]


@dataclass
class PlanTargets:
    plan: str
    rows: list[TargetRow] = field(default_factory=list)

    @property
    def measured(self) -> list[TargetRow]:
        return [r for r in self.rows if r.status != NO_DATA]

    @property
    def unmeasured(self) -> list[TargetRow]:
        return [r for r in self.rows if r.status == NO_DATA]


@cache
def _plan() -> dict:
    return json.loads(PLAN_FILE.read_text(encoding="utf-8"))


def _dec(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def reference(year: int, targets: dict[int, Decimal | None]) -> tuple[str, Decimal | None]:
    """The milestone a year is judged against: the first one not yet past (2025 until 2025, then 2030);
    a milestone without a figure is skipped; past 2030 the last figure stands."""
    known = sorted((y, t) for y, t in targets.items() if t is not None)
    for milestone, target in known:
        if milestone >= year:
            return str(milestone), target
    return (str(known[-1][0]), known[-1][1]) if known else ("", None)


def full_online_offerings(province_code: str) -> Share:
    """Procedure offerings of the province's agencies at the full-process online level (toàn trình,
    Decree 42/2022/NĐ-CP art. 11, formerly level 4) ÷ active offerings. The citizen portal is responsive,
    so every online service congso offers is also offered on a phone."""
    offerings = AgencyProcedure.objects.filter(
        active=True, agency__province__code=province_code, agency__province__era="current"
    )
    figures = offerings.aggregate(n=Count("id"), full=Count("id", filter=Q(muc_do=MucDo.FULL)))
    return Share(
        figures["full"],
        figures["n"],
        "Thủ tục cơ quan cung cấp ở mức toàn trình ÷ thủ tục đang cung cấp (danh mục của tỉnh)",
    )


# What congso measures for a plan target, and why the others have no value here.
NOT_MEASURED = {
    "gov.work_files_online.province": "Hồ sơ công việc (văn bản điều hành) được quản lý ở hệ thống quản lý văn bản, không ở congso.",
    "gov.work_files_online.district": "Cấp huyện đã kết thúc hoạt động từ 01/07/2025; hồ sơ công việc không thuộc congso.",
    "gov.work_files_online.commune": "Hồ sơ công việc (văn bản điều hành) được quản lý ở hệ thống quản lý văn bản, không ở congso.",
    "gov.reports_on_reporting_system": "Hệ thống thông tin báo cáo của tỉnh nằm ngoài congso.",
    "gov.core_databases_connected": "Kết nối cơ sở dữ liệu nền tảng được theo dõi ở nền tảng tích hợp (LGSP), không ở congso.",
    "gov.inspections_digital": "Hoạt động kiểm tra của cơ quan nhà nước không được ghi nhận trong congso.",
    "gov.rank_digital_government": "Thứ hạng do Bộ Khoa học và Công nghệ công bố hằng năm; congso không đo.",
    "gov.rank_dti": "Chỉ số DTI do Bộ Khoa học và Công nghệ công bố hằng năm; congso không đo.",
}  # fmt: skip


def plan_targets(scope: Scope, period: Period, *, shares_: Shares | None = None) -> PlanTargets:
    """Every target of the plan and the three Decision 766 service-index targets, with congso's actual
    value where congso measures it and `no_data` (never an invented value) where it does not."""
    plan = _plan()
    shares_ = shares_ or shares(scope, period)
    measured: dict[str, Share] = {
        "gov.citizen_satisfaction": shares_.satisfaction,
        "gov.level4_services_all_devices": full_online_offerings(scope.province_code),
    }
    result = PlanTargets(plan["plan"])
    for t in plan["targets"]:
        targets = {2025: _dec(t.get("target_2025")), 2030: _dec(t.get("target_2030"))}
        year, target = reference(period.last.year, targets)
        share = measured.get(t["id"])
        actual = share.percent if share else None
        if share is None:
            note = NOT_MEASURED.get(
                t["id"], "Chỉ tiêu kinh tế số, xã hội số: số liệu do ngành thống kê công bố."
            )
        elif actual is None:
            note = f"{share.definition}: chưa có dữ liệu trong kỳ (mẫu số bằng 0)."
        else:
            note = (
                f"{share.definition}: {format_number(share.numerator)} ÷ {format_number(share.denominator)}."
            )
        row = TargetRow(
            t["id"], "plan", t["group"], t["indicator"], t["unit"], t["direction"], _dec(t.get("baseline")),
            targets[2025], targets[2030], year, target, actual, note,
        )  # fmt: skip
        row.status = mark(actual, target, row.direction)
        result.rows.append(row)
    result.rows.extend(service_index_rows(shares_))
    return result


def service_index_rows(shares_: Shares) -> list[TargetRow]:
    """The Decision 766/QĐ-TTg targets the plan defers to (plan-targets.json, service_index_targets):
    online dossiers 50% (3.3), reused data 80% (4.3), intake satisfaction 90% (5.4)."""
    by_code = {i.code: i for i in INDICATORS_2022}
    online = shares_.online
    rows = []
    for code, actual, note in (
        (
            "3.3",
            online.percent,
            online.definition + "; chưa nhân tỷ lệ đồng bộ với Cổng DVCQG và chưa xét kết quả điện tử.",
        ),
        ("4.3", None, "Chưa ghi nhận thành phần hồ sơ được tái sử dụng (chờ phân hệ số hóa)."),
        (
            "5.4",
            None,
            "Cần tỷ lệ hồ sơ có phản ánh, kiến nghị; chờ " + WAITS_FOR[FB] + ".",
        ),
    ):
        indicator = by_code[code]
        target = Decimal(indicator.target.numerator * 100) / indicator.target.denominator
        row = TargetRow(
            f"766.{code}", "766", "Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg)",
            f"{code}. {indicator.name}", "percent", "at_least", None, None, None, "QĐ 766", target,
            actual, note,
        )  # fmt: skip
        row.status = mark(actual, target, row.direction)
        rows.append(row)
    return rows
