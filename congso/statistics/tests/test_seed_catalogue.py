"""Published catalogue figures reproduced through the real catalogue services (issue 7, part 3).

Ninh Thuận, 30/06/2021 (seed nt2021.online_services): 1,678 of its 1,835 online public services at level 4
(now "toàn trình", Decree 42/2022/NĐ-CP art. 11), 157 at level 3 ("một phần"), published as 91,44%.
Bình Định 2023 (seed bd2023.services): 846 partial and 941 full-process services, no percentage published.
A catalogue of that shape is imported with `import_procedures`, offered with `offer_many` at the published
levels, and the dashboard's plan-target row prints the published figures.
"""

from __future__ import annotations

import json

import pytest

from congso.catalog.choices import MucDo
from congso.catalog.models import AgencyProcedure, Procedure
from congso.catalog.services import import_procedures, offer_many
from congso.statistics import dashboard, published
from congso.statistics.dashboard.targets import full_online_offerings
from congso.statistics.render import percent
from congso.statistics.tests.conftest import make_province

SEEDS = {s["id"]: s for s in json.loads((dashboard.PLAN_FILE.parent / "seed-figures.json").read_text())}


def _catalogue(count: int) -> list[Procedure]:
    lines = (
        json.dumps(
            {"code": f"9.{n:06d}", "name": f"Thủ tục thử số {n}", "field": "Thử nghiệm", "level": ["tinh"]},
            ensure_ascii=False,
        )
        for n in range(1, count + 1)
    )
    report = import_procedures(lines, source_name="seed-catalogue.jsonl")
    assert not report.errors
    return list(Procedure.objects.filter(code__startswith="9.").order_by("code"))


def _offer(agency, procedures: list[Procedure], full: int) -> None:
    # Only the published catalogue counts: the test province's own few offerings are withdrawn first.
    AgencyProcedure.objects.update(active=False)
    offer_many(((agency, p) for p in procedures[:full]), muc_do=MucDo.FULL)
    offer_many(((agency, p) for p in procedures[full:]), muc_do=MucDo.PARTIAL)


@pytest.mark.django_db
def test_ninh_thuan_2021_level_4_share_prints_the_published_percentage():
    seed = SEEDS["nt2021.online_services"]
    full, total = seed["numerator"], seed["denominator"]
    assert seed["parts"] == {"level4": full, "level3": total - full}  # the breakdown is consistent
    p = make_province()
    _offer(p.justice, _catalogue(total), full)
    share = full_online_offerings(p.province.code)
    assert (share.numerator, share.denominator) == (1678, 1835)
    assert percent(share.percent) == "91,44%"
    assert all(check.consistent for check in published.check_seed(seed))


@pytest.mark.django_db
def test_binh_dinh_2023_partial_and_full_services_are_counted_as_published():
    parts = SEEDS["bd2023.services"]["parts"]
    p = make_province()
    procedures = _catalogue(parts["partial"] + parts["full_process"])
    _offer(p.justice, procedures, parts["full_process"])
    share = full_online_offerings(p.province.code)
    assert share.numerator == 941
    assert share.denominator - share.numerator == 846
    # The plan-target row shows the share a reader checks against the 2025 target of 100 %.
    assert percent(share.percent) == "52,66%"  # 941 / 1,787, half-up
