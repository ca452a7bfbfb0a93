"""The Decision 766/QĐ-TTg indicator sets, versioned by the date they apply from (domain.md §9.2).

"2022-08": the index as official since 01/08/2022 (five groups, 100 points; the national portal splits
online services into online services 12 + online payment 10). "2026": the same with the online services
group replaced by one indicator (full-process online dossiers, 12 points) under an instrument we have not
identified, so its start date is a setting (CONGSO_766_2026_FROM, ADR 0002).

Each indicator says what it waits for when congso cannot compute it yet: the name of the system whose
events are missing (national-portal sync, payment, digitisation, feedback). Never a made-up value.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from congso.core.errors import InvalidInput
from congso.statistics.index766.scoring import LINEAR, TARGET
from congso.statistics.settings import Rules766

INFO = "info"  # figures only, no points (2.2)
TRACKED = "tracked"  # counted, no points (5.1)

# The systems whose events an indicator waits for, in the words an administrator knows.
WAITS_FOR: dict[str, str] = {
    "national_portal": "sự kiện đồng bộ với Cổng Dịch vụ công quốc gia (DongBoHoSoMC, CSDL quốc gia về TTHC)",
    "payment": "sự kiện thanh toán trực tuyến (nền tảng thanh toán, DuocThanhToanTrucTuyen)",
    "digitisation": "sự kiện số hóa thành phần hồ sơ, kết quả điện tử và khai thác dữ liệu (phân hệ số hóa)",
    "feedback": "sự kiện phản ánh, kiến nghị và đánh giá mức độ hài lòng (phân hệ phản ánh, đánh giá)",
}


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    points: int
    formula: str


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    group: str
    points: int
    rule: str  # linear | target | info | tracked
    definition: str  # numerator ÷ denominator, in Vietnamese
    target: Fraction | None = None
    cap: bool = True
    province_only: bool = False
    computed: bool = False  # congso computes it from its own events
    waits_for: tuple[str, ...] = ()
    full_when_empty: bool = False  # 5.2, 5.3: full points when there is nothing to handle
    note: str = ""


@dataclass(frozen=True)
class FormulaSet:
    version: str
    effective_from: date
    groups: tuple[Group, ...]
    indicators: tuple[Indicator, ...]

    def in_group(self, code: str) -> list[Indicator]:
        return [i for i in self.indicators if i.group == code]


NP, PAY, DIG, FB = "national_portal", "payment", "digitisation", "feedback"
T80, T50, T90 = Fraction(4, 5), Fraction(1, 2), Fraction(9, 10)

GROUPS_2022 = (
    Group("transparency", "Công khai, minh bạch", 18, "1.1 + 1.2 + 1.3 + 1.4"),
    Group("progress", "Tiến độ, kết quả giải quyết", 20, "2.1"),
    Group("online", "Cung cấp dịch vụ trực tuyến", 12, "3.1 + 3.2 + 3.3"),
    Group("payment", "Thanh toán trực tuyến", 10, "6A + min(2; 2,5B) + min(2; 2,5C)"),
    Group("digitisation", "Số hóa hồ sơ", 22, "4.1 + 4.2 + 4.3 + 4.4 + 4.5a + 4.5b + 4.6"),
    Group("satisfaction", "Mức độ hài lòng", 18, "5.2 + 5.3 + 5.4"),
)

INDICATORS_2022 = (
    Indicator("1.1", "TTHC được công bố đúng hạn", "transparency", 6, LINEAR,
              "QĐ công bố ban hành ≤ ngày hiệu lực của văn bản − 5 ngày làm việc ÷ TTHC công bố trong kỳ",
              waits_for=(NP,)),
    Indicator("1.2", "TTHC được công khai đúng hạn", "transparency", 4, LINEAR,
              "công khai ≤ 5 ngày làm việc sau QĐ công bố ÷ TTHC công bố trong kỳ",
              province_only=True, waits_for=(NP,)),
    Indicator("1.3", "TTHC có đầy đủ thành phần hồ sơ", "transparency", 2, LINEAR,
              "TTHC đầy đủ thành phần ÷ TTHC đã công bố (tại thời điểm tính)", waits_for=(NP,)),
    Indicator("1.4", "Hồ sơ được đồng bộ lên Cổng DVCQG", "transparency", 6, LINEAR,
              "hồ sơ đồng bộ có ngày tiếp nhận trong kỳ ÷ max(số tiếp nhận theo BCQG, theo DVCQG)",
              waits_for=(NP,)),
    Indicator("2.1", "Hồ sơ giải quyết trước hạn, đúng hạn", "progress", 20, LINEAR,
              "hồ sơ kết thúc đúng hạn + đang giải quyết trong hạn ÷ hồ sơ tiếp nhận hoặc đang giải quyết trong kỳ",
              computed=True),
    Indicator("2.2", "Thời gian giải quyết trung bình", "progress", 0, INFO,
              "tổng thời gian giải quyết (ngày, trừ thời gian bổ sung) ÷ số hồ sơ đã xử lý xong", computed=True),
    Indicator("3.1", "TTHC cung cấp dịch vụ trực tuyến", "online", 2, TARGET,
              "TTHC có dịch vụ trực tuyến ÷ TTHC thuộc thẩm quyền", target=T80, waits_for=(NP,)),
    Indicator("3.2", "Dịch vụ trực tuyến phát sinh hồ sơ", "online", 4, LINEAR,
              "dịch vụ trực tuyến có ít nhất 1 hồ sơ ÷ dịch vụ trực tuyến", waits_for=(NP,)),
    Indicator("3.3", "Hồ sơ trực tuyến", "online", 6, TARGET,
              "(hồ sơ kênh 2 có kết quả điện tử khi TTHC trả giấy) ÷ hồ sơ tiếp nhận × tỷ lệ đồng bộ",
              target=T50, waits_for=(NP, DIG),
              note="Tử số, mẫu số hiển thị: hồ sơ trực tuyến ÷ hồ sơ tiếp nhận trong kỳ (chưa nhân tỷ lệ đồng bộ)."),
    Indicator("A", "Hồ sơ thanh toán trực tuyến", "payment", 6, LINEAR,
              "hồ sơ có DuocThanhToanTrucTuyen 1 hoặc 2 ÷ hồ sơ của TTHC có phí (trừ hồ sơ miễn toàn bộ)",
              waits_for=(PAY,)),
    Indicator("B", "TTHC có giao dịch thanh toán trực tuyến", "payment", 2, TARGET,
              "TTHC có giao dịch thanh toán trực tuyến ÷ TTHC có phí (mẫu số chưa được công bố)",
              target=T80, waits_for=(PAY,)),
    Indicator("C", "TTHC tích hợp phí, lệ phí", "payment", 2, TARGET,
              "TTHC đồng bộ phí khác 0 ÷ TTHC có phí", target=T80, waits_for=(PAY,)),
    Indicator("4.1", "Kết quả giải quyết điện tử", "digitisation", 6, LINEAR,
              "kết quả có tệp điện tử ÷ hồ sơ của TTHC trả kết quả giấy", waits_for=(DIG,)),
    Indicator("4.2", "Hồ sơ được số hóa", "digitisation", 4, LINEAR,
              "hồ sơ có tệp thành phần và tệp kết quả ÷ hồ sơ thuộc thẩm quyền", waits_for=(DIG,)),
    Indicator("4.3", "Tái sử dụng dữ liệu số hóa", "digitisation", 2, TARGET,
              "hồ sơ có ≥ 1 thành phần tái sử dụng ÷ hồ sơ tiếp nhận", target=T80, waits_for=(DIG,)),
    Indicator("4.4", "Sử dụng kho dữ liệu của công dân trên Cổng DVCQG", "digitisation", 4, LINEAR,
              "hồ sơ lấy tệp từ kho hoặc đẩy kết quả vào kho ÷ hồ sơ tiếp nhận", waits_for=(DIG, NP)),
    Indicator("4.5a", "TTHC khai thác dữ liệu dân cư", "digitisation", 2, LINEAR,
              "TTHC (đối tượng công dân) có khai thác VNeID, kho hoặc CSDL dân cư ÷ TTHC",
              province_only=True, waits_for=(DIG,)),
    Indicator("4.5b", "Hồ sơ khai thác dữ liệu dân cư", "digitisation", 2, LINEAR,
              "hồ sơ gắn cờ VNeID, kho hoặc CSDL dân cư ÷ hồ sơ", province_only=True, waits_for=(DIG,)),
    Indicator("4.6", "Xã cung cấp chứng thực bản sao điện tử", "digitisation", 2, LINEAR,
              "xã cung cấp chứng thực điện tử ÷ số xã", waits_for=(DIG,)),
    Indicator("5.1", "PAKN theo phân loại", "satisfaction", 0, TRACKED,
              "số PAKN về quy định, hành vi (chỉ theo dõi)", waits_for=(FB,)),
    Indicator("5.2", "PAKN được xử lý đúng hạn", "satisfaction", 6, LINEAR,
              "PAKN xử lý đúng hạn ÷ PAKN (đủ điểm khi không có PAKN)", full_when_empty=True, waits_for=(FB,)),
    Indicator("5.3", "Mức độ hài lòng về xử lý PAKN", "satisfaction", 6, LINEAR,
              "(PAKN − không hài lòng − khiếu nại lại − quá hạn) ÷ PAKN tiếp nhận lần đầu (đủ điểm khi không có)",
              full_when_empty=True, waits_for=(FB,)),
    Indicator("5.4", "Mức độ hài lòng về tiếp nhận, giải quyết TTHC", "satisfaction", 6, TARGET,
              "100% − (% hồ sơ quá hạn + % hồ sơ có PAKN hoặc không hài lòng)", target=T90, waits_for=(FB,)),
)  # fmt: skip

INDICATOR_3_2026 = Indicator(
    "3", "Hồ sơ trực tuyến toàn trình", "online", 12, TARGET,
    "hồ sơ trực tuyến toàn trình ÷ hồ sơ của TTHC đủ điều kiện toàn trình",
    target=None, province_only=True, waits_for=(NP,),
    note="Mức mục tiêu chưa được công bố; cờ “đủ điều kiện toàn trình” lấy từ CSDL quốc gia về TTHC.",
)  # fmt: skip


def _apply_rules(indicators: tuple[Indicator, ...], rules: Rules766) -> tuple[Indicator, ...]:
    """The open choices of ADR 0002 applied to the rows they concern."""
    out = []
    for ind in indicators:
        if ind.code == "4.2" and rules.digitised_rule == "target80":
            ind = replace(ind, rule=TARGET, target=T80, note="Theo ghi chú công thức: mục tiêu 80%.")
        elif ind.code == "C":
            ind = replace(ind, cap=rules.payment_c_cap)
        elif ind.code == "5.3" and rules.pakn_satisfaction == "split":
            ind = replace(
                ind,
                definition="(PAKN − không hài lòng − khiếu nại lại) ÷ PAKN tiếp nhận lần đầu; quá hạn tính ở 5.2",
            )
        out.append(ind)
    return tuple(out)


def formula_set_for(day: date, rules: Rules766) -> FormulaSet:
    """The indicator set in force on `day` (the period's first day)."""
    if day < date(2022, 8, 1):
        raise InvalidInput(
            "index766_not_in_force",
            "Bộ chỉ số theo Quyết định 766/QĐ-TTg chỉ áp dụng từ ngày 01/08/2022.",
        )
    indicators = _apply_rules(INDICATORS_2022, rules)
    if day >= rules.set_2026_from:
        online = next(g for g in GROUPS_2022 if g.code == "online")
        groups = tuple(replace(g, formula="3") if g is online else g for g in GROUPS_2022)
        kept = tuple(i for i in indicators if i.group != "online")
        at = next(n for n, i in enumerate(kept) if i.group == "payment")
        return FormulaSet("2026", rules.set_2026_from, groups, (*kept[:at], INDICATOR_3_2026, *kept[at:]))
    return FormulaSet("2022-08", date(2022, 8, 1), GROUPS_2022, indicators)
