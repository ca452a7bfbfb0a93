"""Generated histories must be indistinguishable from live ones: same rules, same rows, same codes."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import time_machine

from congso.catalog.models import AgencyProcedure
from congso.core.clock import local, vn
from congso.dossiers import services
from congso.dossiers.choices import OPEN, Status
from congso.dossiers.generator import Generator, make_applicants, offerings_for
from congso.dossiers.lifecycle import ALLOWED
from congso.dossiers.models import CodeCounter, Dossier, DossierEvent, Pause
from congso.dossiers.tests.conftest import make_procedure
from congso.identity.choices import Role
from congso.outbox.models import OutboxEvent

NOW = vn(2026, 6, 30, 16, 0)
CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")


@pytest.fixture
def generated(world):
    for code, days, unit in [
        ("1.000656", "3", "working_day"),
        ("2.000815", "15", "calendar_day"),
        ("1.001193", None, "unknown"),
        ("1.000894", "8", "hour"),
    ]:
        AgencyProcedure.objects.create(
            agency=world.justice, procedure=make_procedure(code, days=days, unit=unit)
        )
    applicants = make_applicants(60, seed=1)
    with time_machine.travel(NOW, tick=False):
        Generator(province_code="56", offerings=offerings_for("56"), applicants=applicants, seed=42).run(
            400, chunk=150
        )
    return world


def test_every_generated_dossier_obeys_the_lifecycle(generated):
    dossiers = list(Dossier.objects.all())
    assert len(dossiers) == 400
    events = {}
    for event in DossierEvent.objects.order_by("dossier_id", "seq"):
        events.setdefault(event.dossier_id, []).append(event)
    for dossier in dossiers:
        history = events[dossier.id]
        assert [e.seq for e in history] == list(range(1, len(history) + 1))
        assert dossier.version == len(history) + 1
        for e in history:
            assert e.to_status in ALLOWED[e.from_status] or e.action == "apologise", (dossier.code, e.action)
            assert e.at <= NOW
        assert [e.at for e in history] == sorted(e.at for e in history)
        assert history[-1].to_status == dossier.status
        assert CODE_RE.match(dossier.code)
        if dossier.status in (Status.FINISHED, Status.RETURNED, Status.WITHDRAWN):
            assert dossier.outcome and dossier.ended_at is not None
        if (
            dossier.received_at is not None
            and dossier.limit_days is not None
            and dossier.limit_unit == "working_day"
        ):
            assert dossier.due_at > dossier.received_at
    assert OutboxEvent.objects.count() == DossierEvent.objects.count()


def test_the_mix_looks_like_a_real_year(generated):
    statuses = Counter(Dossier.objects.values_list("status", flat=True))
    channels = Counter(Dossier.objects.values_list("channel", flat=True))
    assert statuses[Status.RETURNED] > 200  # most dossiers of a year are done
    assert sum(statuses[s] for s in OPEN) > 0  # the recent ones are still open
    assert set(channels) == {1, 2, 3}
    assert Pause.objects.filter(kind=5).exists()
    assert Dossier.objects.filter(outcome="late").exists()
    months = {
        local(d).strftime("%Y-%m")
        for d in Dossier.objects.exclude(received_at=None).values_list("received_at", flat=True)
    }
    assert len(months) >= 12


def test_live_intake_continues_the_generated_sequences(generated, applicant):
    latest = Dossier.objects.filter(agency=generated.justice).order_by("-received_at").first()
    with time_machine.travel(NOW, tick=False):
        live = services.receive_at_counter(
            actor=generated.officers[Role.RECEIVING_OFFICER].user,
            agency=generated.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )
    counter = CodeCounter.objects.get(agency_code=generated.justice.code, day=local(NOW).date())
    assert live.code.endswith(f"-{counter.last:04d}")
    assert Dossier.objects.filter(code=live.code).count() == 1
    assert latest is not None


def test_no_generated_dossier_skips_a_step(generated):
    """Every finished dossier went through each step of its process in order (send-backs aside)."""
    order = ["receive", "specialist", "head", "leader", "return"]
    for dossier in Dossier.objects.filter(status__in=[Status.FINISHED, Status.RETURNED]).exclude(
        ended_at=None
    ):
        moves = [
            (e.from_step, e.to_step)
            for e in dossier.events.order_by("seq")
            if e.action in ("assign", "forward")
        ]
        if not moves:
            continue  # withdrawn dossiers end without moving
        steps = [moves[0][0]] + [to for _, to in moves]
        assert steps == order[:4], (dossier.code, steps)
        finish = dossier.events.get(action="finish")
        assert finish.from_step == "leader", dossier.code  # the leader approves, then the one-stop returns
