"""A small province for statistics tests, and a week of hand-computed dossiers built through the real
services at frozen moments (time_machine): every figure in the tests below is counted by hand here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import time_machine
from django.db import transaction

from congso.catalog.models import AgencyProcedure
from congso.core.clock import vn
from congso.dossiers import lifecycle, services
from congso.dossiers.choices import Channel
from congso.dossiers.models import Dossier
from congso.dossiers.tests.conftest import make_khanh_hoa, make_procedure
from congso.identity import services as identity
from congso.identity.models import Agency, Applicant
from congso.places.models import Province
from congso.statistics.periods import Period

WEEK = Period(vn(2026, 3, 9).date(), vn(2026, 3, 13).date())  # Monday 09/03 – Friday 13/03/2026


@dataclass
class Province56:
    province: Province
    committee: Agency
    justice: Agency
    commune: Agency
    applicant: Applicant
    dossiers: dict[str, Dossier] = field(default_factory=dict)


@pytest.fixture(autouse=True)
def _every_test_in_its_own_savepoint(db) -> None:
    """Each test runs in a savepoint (pytest-django's `db`), inside the module's `week` transaction."""


@pytest.fixture
def province(db) -> Province56:
    return make_province()


def make_province() -> Province56:
    home = make_khanh_hoa()
    khanh_hoa, committee, justice, commune = home.province, home.committee, home.justice, home.commune
    five_days = make_procedure("1.001622", field_name="Hộ tịch")
    no_limit = make_procedure("2.000001", days=None, unit="unknown", field_name="Chứng thực")
    for agency in (justice, commune):
        AgencyProcedure.objects.create(agency=agency, procedure=five_days)
    AgencyProcedure.objects.create(agency=justice, procedure=no_limit)
    applicant = identity.find_or_create_applicant(
        full_name="Nguyễn Văn An", id_number="056090001234", phone="0905123456"
    )
    return Province56(khanh_hoa, committee, justice, commune, applicant)


# --- building dossiers through the services, at frozen moments ----------------------------------------


def counter(p: Province56, when, *, agency=None, channel=Channel.COUNTER, procedure="1.001622") -> Dossier:
    with time_machine.travel(when, tick=False):
        return services.receive_at_counter(
            actor=None,
            agency=agency or p.justice,
            procedure_code=procedure,
            applicant=p.applicant,
            channel=channel,
        )


def online(p: Province56, when, *, agency=None) -> Dossier:
    with time_machine.travel(when, tick=False):
        return services.submit_online(
            agency=agency or p.justice, procedure_code="1.001622", applicant=p.applicant
        )


def do(dossier: Dossier, action: str, when, **params) -> Dossier:
    with time_machine.travel(when, tick=False):
        return services.act(actor=None, code=dossier.code, action=action, **params)


def supplement(dossier: Dossier, when) -> Dossier:
    return do(dossier, "request_supplement", when, reason="Thiếu giấy tờ", items=["Bản sao giấy khai sinh"])


def second_supplement(dossier: Dossier, when) -> Dossier:
    """Import-like: an older system allowed a second request; congso's services refuse one, so the
    history is written through the lifecycle functions the importer uses, as the generator does."""
    dossier = Dossier.objects.select_related("procedure_version").get(pk=dossier.pk)
    ctx = services.context_for(dossier, None)
    dossier.supplement_requests = 0  # the old system's counter is not ours
    event = lifecycle.request_supplement(dossier, ctx, at=when, reason="Bổ sung lần hai", items=["Tờ khai"])
    dossier.supplement_requests = 2
    dossier.save()
    event.dossier = dossier
    event.save()
    for record in ctx.records:
        record.dossier = dossier
        record.save()
    return dossier


@pytest.fixture(scope="module")
def week(django_db_setup, django_db_blocker) -> Iterator[Province56]:
    """Built once per test module inside a transaction rolled back at the module's end; every test runs
    in its own savepoint, so a test that moves dossiers on leaves the next one the same week."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_week(make_province())
        transaction.set_rollback(True)


def build_week(p: Province56) -> Province56:
    """The hand-computed week 09–13/03/2026 (WEEK). Letters name the dossiers; the comments say what
    Form 06 and rule 2.1 make of each (5 working days: received Monday 09:00 → due next Monday 09:00)."""
    d = p.dossiers
    # A: received and finished before the week — not counted.
    d["A"] = do(counter(p, vn(2026, 3, 2, 9, 30)), "finish", vn(2026, 3, 5, 9, 0))
    # B: carried over; finished 15:00 on its due day (due 09:00): Form 06 on time, 766 late.
    d["B"] = do(counter(p, vn(2026, 3, 2, 9, 0)), "finish", vn(2026, 3, 9, 15, 0))
    # L: carried over; finished 08:00 on its due day: on time for both.
    d["L"] = do(counter(p, vn(2026, 3, 2, 9, 0)), "finish", vn(2026, 3, 9, 8, 0))
    # C: carried over, processing, due 10/03 10:00, still open at To: pending overdue; 766 late.
    d["C"] = do(counter(p, vn(2026, 3, 3, 10, 0)), "forward", vn(2026, 3, 4, 9, 0))
    # K: received Friday 27/02 (due 06/03 09:00), finished 10/03: resolved late.
    d["K"] = do(counter(p, vn(2026, 2, 27, 9, 0)), "finish", vn(2026, 3, 10, 10, 0))
    # N: supplement 03/03 → completed 10/03 14:00 (restart: due 17/03 14:00), finished 12/03: early;
    #    766 subtracts the citizen's 7 days 5 hours and compares with the due date before the request.
    n = supplement(counter(p, vn(2026, 3, 2, 9, 0)), vn(2026, 3, 3, 9, 0))
    n = do(n, "receive_supplement", vn(2026, 3, 10, 14, 0))
    d["N"] = do(n, "finish", vn(2026, 3, 12, 10, 0))
    # O: two supplement requests (import-like), finished 10/03 before the restarted due 13/03: Form 06
    #    early; 766 overdue because of the second request.
    o = supplement(counter(p, vn(2026, 3, 2, 10, 0)), vn(2026, 3, 3, 9, 0))
    o = do(o, "receive_supplement", vn(2026, 3, 4, 9, 0))
    o = second_supplement(o, vn(2026, 3, 5, 9, 0))
    o = do(o, "receive_supplement", vn(2026, 3, 6, 9, 0))
    d["O"] = do(o, "finish", vn(2026, 3, 10, 9, 0))
    # Q: awaiting fees since 06/03 (due 09/03 11:00 passed): pending within time; 766 judged at 06/03.
    d["Q"] = do(
        counter(p, vn(2026, 3, 2, 11, 0)), "request_payment", vn(2026, 3, 6, 9, 0), reason="Nộp lệ phí"
    )
    # S: supplement 03/03 never completed, refused 11/03 (5 → 3): Form 06 excludes it; 766 counts it
    #    on time, ended at the request.
    s = supplement(counter(p, vn(2026, 3, 2, 13, 30)), vn(2026, 3, 3, 10, 0))
    d["S"] = do(s, "expire_supplement", vn(2026, 3, 11, 9, 0), reason="Quá hạn bổ sung")
    # D (commune): received Monday 08:00, finished Wednesday: direct, early.
    d["D"] = do(counter(p, vn(2026, 3, 9, 8, 0), agency=p.commune), "finish", vn(2026, 3, 11, 10, 0))
    # G (commune): received 09/03, supplement requested 10/03 never completed: pending within time.
    d["G"] = supplement(counter(p, vn(2026, 3, 9, 9, 0), agency=p.commune), vn(2026, 3, 10, 9, 0))
    # E: submitted online Sunday evening, accepted Monday 08:30 (due 16/03): online, pending within time.
    d["E"] = do(online(p, vn(2026, 3, 8, 20, 0)), "accept", vn(2026, 3, 9, 8, 30))
    # F: by post 10/03, withdrawn 11/03, withdrawal document 12/03: resolved on time.
    f = counter(p, vn(2026, 3, 10, 9, 0), channel=Channel.POSTAL)
    f = do(f, "withdraw", vn(2026, 3, 11, 9, 0), reason="Công dân rút hồ sơ")
    d["F"] = do(f, "finish", vn(2026, 3, 12, 9, 0), reason="Văn bản trả hồ sơ")
    # R: procedure without a time limit, received 11/03, open: pending within time (no due date).
    d["R"] = counter(p, vn(2026, 3, 11, 9, 0), procedure="2.000001")
    # H: submitted online and refused (3); I: submitted, never accepted (1); J: received after the week.
    d["H"] = do(
        online(p, vn(2026, 3, 9, 9, 0)), "refuse", vn(2026, 3, 9, 10, 0), reason="Không thuộc thẩm quyền"
    )
    d["I"] = online(p, vn(2026, 3, 12, 9, 0))
    d["J"] = counter(p, vn(2026, 3, 16, 9, 0))
    return p
