"""Where the days off come from: the law (via the `holidays` package) and the yearly notices (as data).

- Labour Code 2019 art. 112: 11 paid holidays (1/1; Tết 5 days chosen by the Prime Minister; Giỗ Tổ
  10/3 lunar; 30/4; 1/5; 2/9 and one adjacent day), plus 24/11 Vietnamese Culture Day from 2026
  (domain.md §5.1: Resolution 28/2026/QH16, unverified). Art. 111(3): a holiday on a weekly rest day
  is taken on the next working day. `holidays.VN` computes all of this, lunar dates on the Vietnamese
  calendar (UTC+7: Tết 2030 is Saturday 02/02, not the Chinese 03/02; checked in the tests).
- The yearly notice (6150/TB-BLĐTBXH for 2025, 9441/TB-BNV for 2026) fixes the civil service's days,
  including swaps (a weekday off, a Saturday worked). `holidays.VN` lists the weekday off of a swap but
  not the Saturday worked; we take that Saturday from the package's own swap table, and for 2025/2026
  NOTICE_DAYS carries both sides as data. Those rows are loaded into the CalendarDay table by a data
  migration, where an administrator can correct them; on any date the rows win over the package.

For 2025 and 2026 the package agrees with the notices on every weekday (tests pin it); were they ever to
disagree, the notice data wins because rows override the package date by date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from types import MappingProxyType

import holidays

from congso.core.errors import InvalidInput
from congso.workdays.calendar import WorkCalendar, YearDays

# The lunar calendar of the package covers this range; the Labour Code's make-up rule applies from 1995.
SUPPORTED_YEARS = range(1995, 2100)

LABOUR_CODE_HOLIDAYS = "Bộ luật Lao động 2019, Điều 112"
LABOUR_CODE_MAKE_UP = "Bộ luật Lao động 2019, Điều 111 khoản 3"
NOTICE_2025 = "Thông báo 6150/TB-BLĐTBXH"
# The 2025 swap 30/4–1/5 was decided after notice 6150 (Fri 02/05 off, Sat 26/04 worked); domain.md
# lists it with the 2025 schedule. The number of the document that decided it is not verified here.
SWAP_2025 = "Hoán đổi ngày làm việc dịp 30/4–1/5/2025 (đối chiếu văn bản của Bộ Nội vụ)"
NOTICE_2026 = "Thông báo 9441/TB-BNV"
CULTURE_DAY = "Nghị quyết 28/2026/QH16 (cần đối chiếu)"

# Values of choices.DayKind / choices.DaySource (this module stays free of Django; a test checks them).
DAY_OFF = "day_off"
WORKING_DAY = "working_day"
STATUTORY = "statutory"
NOTICE = "notice"


@dataclass(frozen=True, slots=True)
class NoticeDay:
    day: date
    kind: str
    reason: str
    legal_reference: str
    source: str


def _off(day: date, reason: str, reference: str, source: str = NOTICE) -> NoticeDay:
    return NoticeDay(day, DAY_OFF, reason, reference, source)


def _range(first: date, last: date, reason: str, reference: str) -> tuple[NoticeDay, ...]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return tuple(_off(day, reason, reference) for day in days if day.weekday() < 5)


# Every weekday off and every Saturday worked of the civil service in 2025 and 2026 (domain.md §5.1).
NOTICE_DAYS: tuple[NoticeDay, ...] = (
    # 2025
    _off(date(2025, 1, 1), "Tết Dương lịch", LABOUR_CODE_HOLIDAYS, STATUTORY),
    # Tết Ất Tỵ: off Sat 25/01 – Sun 02/02/2025, i.e. Mon 27/01 – Fri 31/01 besides the weekends.
    *_range(date(2025, 1, 27), date(2025, 1, 31), "Tết Nguyên Đán", NOTICE_2025),
    _off(date(2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", LABOUR_CODE_HOLIDAYS, STATUTORY),
    NoticeDay(date(2025, 4, 26), WORKING_DAY, "Làm bù cho ngày nghỉ 02/05/2025", SWAP_2025, NOTICE),
    _off(date(2025, 4, 30), "Ngày Chiến thắng (30/4)", LABOUR_CODE_HOLIDAYS, STATUTORY),
    _off(date(2025, 5, 1), "Ngày Quốc tế Lao động (1/5)", LABOUR_CODE_HOLIDAYS, STATUTORY),
    _off(date(2025, 5, 2), "Nghỉ hoán đổi (làm bù ngày 26/04/2025)", SWAP_2025),
    # Quốc khánh: off Sat 30/08 – Tue 02/09/2025; Mon 01/09 is the adjacent day of art. 112.
    _off(date(2025, 9, 1), "Quốc khánh (ngày liền kề)", NOTICE_2025),
    _off(date(2025, 9, 2), "Quốc khánh", LABOUR_CODE_HOLIDAYS, STATUTORY),
    # 2026
    _off(date(2026, 1, 1), "Tết Dương lịch", LABOUR_CODE_HOLIDAYS, STATUTORY),
    # Tết Bính Ngọ: off Sat 14/02 – Sun 22/02/2026, the five statutory days being Mon 16 – Fri 20/02.
    *_range(date(2026, 2, 16), date(2026, 2, 20), "Tết Nguyên Đán", NOTICE_2026),
    # Giỗ Tổ falls on Sunday 26/04/2026: taken on Monday 27/04 (art. 111(3)); no 30/4 swap in 2026.
    _off(
        date(2026, 4, 27),
        "Nghỉ bù Giỗ Tổ Hùng Vương (Chủ nhật 26/04/2026)",
        f"{LABOUR_CODE_MAKE_UP}; {NOTICE_2026}",
    ),
    _off(date(2026, 4, 30), "Ngày Chiến thắng (30/4)", LABOUR_CODE_HOLIDAYS, STATUTORY),
    _off(date(2026, 5, 1), "Ngày Quốc tế Lao động (1/5)", LABOUR_CODE_HOLIDAYS, STATUTORY),
    # Quốc khánh: Mon 31/08 off in exchange for Saturday 22/08 worked; Tue 01/09 (adjacent) and Wed 02/09.
    NoticeDay(date(2026, 8, 22), WORKING_DAY, "Làm bù cho ngày nghỉ 31/08/2026", NOTICE_2026, NOTICE),
    _off(date(2026, 8, 31), "Nghỉ hoán đổi (làm bù ngày 22/08/2026)", NOTICE_2026),
    _off(date(2026, 9, 1), "Quốc khánh (ngày liền kề)", NOTICE_2026),
    _off(date(2026, 9, 2), "Quốc khánh", LABOUR_CODE_HOLIDAYS, STATUTORY),
    # Vietnamese Culture Day, from 2026; no make-up announced for it (domain.md §5.1).
    _off(date(2026, 11, 24), "Ngày Văn hóa Việt Nam", CULTURE_DAY, STATUTORY),
)


@cache
def statutory_year(year: int) -> YearDays:
    """Days off and swapped Saturdays of one year according to `holidays.VN` (no notice data).

    Cached per process: the package needs ~15 ms per year (lunar arithmetic), and every calendar of
    every province shares the answer.
    """
    if year not in SUPPORTED_YEARS:
        raise InvalidInput(
            "year_out_of_range",
            f"Lịch làm việc chỉ hỗ trợ các năm {SUPPORTED_YEARS[0]}–{SUPPORTED_YEARS[-1]} (nhận được {year}).",
        )
    days_off = {
        day: vietnamese_reason(name)
        for day, name in sorted(holidays.VN(years=year, language="vi").items())
        if day.year == year
    }
    working = {
        worked: f"Làm bù cho ngày nghỉ {off:%d/%m/%Y}" for off, worked in _swaps() if worked.year == year
    }
    return YearDays(MappingProxyType(days_off), MappingProxyType(working))


def notice_days(year: int | None = None) -> tuple[NoticeDay, ...]:
    return tuple(row for row in NOTICE_DAYS if year is None or row.day.year == year)


def national_calendar(*, hours_per_day: float = 8.0) -> WorkCalendar:
    """The national calendar without the database: the package plus the preloaded notices.

    The same days as `selectors.calendar_for("")` on a freshly migrated database; handy in pure tests
    and scripts. Application code uses `calendar_for`, which also sees the administrators' rows.
    """
    return WorkCalendar(
        days_off={row.day: row.reason for row in NOTICE_DAYS if row.kind == DAY_OFF},
        working_days={row.day: row.reason for row in NOTICE_DAYS if row.kind == WORKING_DAY},
        hours_per_day=hours_per_day,
        statutory=statutory_year,
    )


_SWAP_LABEL = re.compile(r"Ngày nghỉ \(thay cho ngày (\d{2}/\d{2}/\d{4})\)")
_NAMES = {
    "Tết Nguyên Đán": "Tết Nguyên Đán (Mùng một)",
    "29 Tết": "Tết Nguyên Đán (29 Tết)",
    "Ngày Giỗ Tổ Hùng Vương": "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
    "Ngày Chiến thắng": "Ngày Chiến thắng (30/4)",
    "Ngày Quốc tế Lao động": "Ngày Quốc tế Lao động (1/5)",
}


def vietnamese_reason(name: str) -> str:
    """The package's holiday name as a reason an officer reads: "Tết Nguyên Đán (Giao thừa)",
    "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)", "Nghỉ hoán đổi (làm bù ngày 22/08/2026)"."""
    if name.endswith(" (nghỉ bù)"):
        return f"Nghỉ bù {vietnamese_reason(name.removesuffix(' (nghỉ bù)'))}"
    if match := _SWAP_LABEL.fullmatch(name):
        return f"Nghỉ hoán đổi (làm bù ngày {match[1]})"
    if name in _NAMES:
        return _NAMES[name]
    if name.endswith(" Tết Nguyên Đán"):
        return f"Tết Nguyên Đán ({name.removesuffix(' Tết Nguyên Đán')})"
    return name


@lru_cache(maxsize=1)
def _swaps() -> tuple[tuple[date, date], ...]:
    """(weekday off, Saturday worked) pairs from the package's table of government swaps.

    `VietnamStaticHolidays.special_public_holidays` maps a year to (month_off, day_off, month_worked,
    day_worked[, year_worked]) entries. It is the package's data, not a promised API: if its shape
    changes we return what we can read and the tests (2024, 2025, 2026 swaps) flag it.
    """
    try:
        from holidays.countries.vietnam import VietnamStaticHolidays

        table = VietnamStaticHolidays.special_public_holidays
    except (ImportError, AttributeError):  # pragma: no cover - depends on the package version
        return ()
    pairs = []
    for year, entries in table.items():
        for entry in (entries,) if entries and isinstance(entries[0], int) else entries:
            if len(entry) not in (4, 5):  # pragma: no cover
                continue
            worked_year = entry[4] if len(entry) == 5 else year
            pairs.append((date(year, entry[0], entry[1]), date(worked_year, entry[2], entry[3])))
    return tuple(sorted(pairs))
