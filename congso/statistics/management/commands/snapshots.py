"""`manage.py snapshots`: the monthly statistics snapshots (ADR 0004).

    snapshots rebuild [--province 56] [--from 2026-01] [--to 2026-11]   every closed month, from the events
    snapshots refresh [--province 56]                                  only the months events made stale
    snapshots status  [--province 56]                                  rows, months, stale months, last build

Reports build missing or stale months by themselves; these are for operators (after an import, from cron,
after changing a Decision 766 setting) and for `make demo`. Bad input gives a Vietnamese message.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Max, Min
from tqdm import tqdm

from congso.core.errors import DomainError
from congso.core.text import format_moment, format_number
from congso.statistics.models import MonthFigures, MonthRefusals, SnapshotMonth
from congso.statistics.settings import rules_766
from congso.statistics.snapshots import build, months, stale


class Command(BaseCommand):
    help = (
        "Số liệu thống kê theo tháng (snapshot): lập lại từ lịch sử xử lý, cập nhật tháng cũ, xem tình trạng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", title="thao tác", required=True)
        rebuild = actions.add_parser("rebuild", help="Lập lại số liệu mọi tháng đã kết thúc từ lịch sử xử lý")
        refresh = actions.add_parser(
            "refresh", help="Lập lại các tháng có sự kiện ghi lùi ngày hoặc nhập mới"
        )
        status = actions.add_parser(
            "status", help="Số dòng, tháng đã lập, tháng cần lập lại, lần lập gần nhất"
        )
        for sub in (rebuild, refresh, status):
            sub.add_argument("--province", help="Mã tỉnh (mặc định CONGSO_PROVINCE_CODE)")
        rebuild.add_argument(
            "--from", dest="month_from", help="Từ tháng, ví dụ 2026-01 (mặc định: tháng đầu có hồ sơ)"
        )
        rebuild.add_argument("--to", dest="month_to", help="Đến tháng, ví dụ 2026-11 (mặc định: tháng trước)")
        rebuild.add_argument("--quiet", action="store_true", help="Không hiện thanh tiến độ")

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        province = (options.get("province") or settings.CONGSO_PROVINCE_CODE).strip()
        try:
            getattr(self, f"_{options['action']}")(province, options)
        except DomainError as error:
            raise CommandError(error.message) from error

    def _rebuild(self, province: str, options: dict) -> None:
        last_closed = months.current() - 1
        first = months.parse(options["month_from"], "--from") if options.get("month_from") else None
        last = months.parse(options["month_to"], "--to") if options.get("month_to") else last_closed
        if last > last_closed:
            raise CommandError(
                f"Tháng {months.label(last)} chưa kết thúc: chỉ lập số liệu đến tháng {months.label(last_closed)}; "
                "tháng đang chạy luôn được tính trực tiếp từ lịch sử xử lý."
            )
        if first is None:
            first = build.first_month(province)
            if first is None:
                self.stdout.write(f"Tỉnh {province} chưa có hồ sơ nào được tiếp nhận: không có gì để lập.")
                return
        if first > last and not options.get("month_from"):
            self.stdout.write(f"Tỉnh {province}: chưa có tháng nào kết thúc có hồ sơ, không có gì để lập.")
            return
        if first > last:
            raise CommandError(
                f"Tháng bắt đầu {months.label(first)} sau tháng kết thúc {months.label(last)}."
            )
        with tqdm(total=last - first + 1, unit="tháng", desc="Lập số liệu", disable=options["quiet"]) as bar:
            built = build.build(province_code=province, first=first, last=last, progress=bar.update)
        self.stdout.write(
            f"Đã lập số liệu {built.months} tháng ({months.label(first)}–{months.label(last)}) của tỉnh {province}: "
            f"{format_number(built.rows)} dòng số liệu, {format_number(built.refusals)} dòng hồ sơ từ chối sau "
            f"tiếp nhận, trong {built.seconds:.1f} giây."
        )

    def _refresh(self, province: str, options: dict) -> None:
        last = months.current() - 1
        by_agency: dict[int, list[int]] = defaultdict(list)
        for _, agency, k in stale.pending(province, last=last):
            by_agency[agency].append(k)
        if not by_agency:
            self.stdout.write(f"Tỉnh {province}: không có tháng nào cần lập lại.")
            return
        ks = [k for ks in by_agency.values() for k in ks]
        built = build.build(province_code=province, first=min(ks), last=max(ks), agency_ids=tuple(by_agency))
        self.stdout.write(
            f"Đã lập lại {built.months} tháng ({months.label(min(ks))}–{months.label(max(ks))}) cho "
            f"{len(by_agency)} cơ quan của tỉnh {province} trong {built.seconds:.1f} giây."
        )

    def _status(self, province: str, options: dict) -> None:
        built = SnapshotMonth.objects.filter(province_code=province)
        span = built.aggregate(first=Min("month"), last=Max("month"), at=Max("built_at"))
        rows = MonthFigures.objects.filter(province_code=province).count()
        refusals = MonthRefusals.objects.filter(province_code=province).count()
        key = build.rules_key(rules_766())
        outdated = built.exclude(rules=key).count()
        marked = stale.pending(province, last=months.current() - 1)
        say = self.stdout.write
        say(f"Số liệu theo tháng của tỉnh {province}")
        if span["first"] is None:
            say("  Chưa lập tháng nào (python manage.py snapshots rebuild).")
            return
        say(
            f"  Tháng đã lập: {format_number(built.count())} "
            f"({months.label(months.index(span['first']))}–{months.label(months.index(span['last']))})"
        )
        say(
            f"  Dòng số liệu: {format_number(rows)}; dòng hồ sơ từ chối sau tiếp nhận: {format_number(refusals)}"
        )
        say(f"  Lần lập gần nhất: {format_moment(span['at'])}")
        stale_months = sorted({k for _, _, k in marked})
        if stale_months:
            say(
                f"  Tháng cần lập lại: {len(stale_months)} ({', '.join(months.label(k) for k in stale_months)}), "
                f"{len({a for _, a, _ in marked})} cơ quan — python manage.py snapshots refresh"
            )
        else:
            say("  Tháng cần lập lại: không có")
        if outdated:
            say(f"  Tháng lập theo quy tắc cũ (sẽ lập lại khi cần): {outdated}")
